"""Issue 15 (trust), in the store: who a note belongs to, reverse sorts, where files go and how they are written,
what opening a file may create."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from store import NewClaim, Store, StoreError, content_hash
from store.files import text_output
from store.models import SORT_KEYS, ArticleQuery
from store.paths import database_location, default_export_dir

TEXT = "PORT ELLIS, May 2 - The dam will cost 4.2 billion crowns, the ministry said."


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", clock=lambda: "2026-01-02T03:04:05Z") as s:
        for n in range(3):
            text = f"{TEXT} ({n})"
            with s.transaction():
                article_id = s.insert_article(f"Dam {n}", text, content_hash(text), f"Wire {n}",
                                              published=f"2026-05-0{n + 1}")
                s.insert_claims(article_id, [NewClaim(text[15:], 15, len(text))])
        yield s


# --- item 13 --------------------------------------------------------------------------------------------------
def test_a_verdict_over_another_reviewers_drops_their_note_and_the_history_keeps_it(store):
    store.decide(1, "disputed", "bob", note="Intercept says otherwise")
    _, after = store.decide(1, "verified", "ana")
    assert (after.status, after.reviewer, after.note) == ("verified", "ana", None)
    assert [h.note for h in store.history(1)] == ["Intercept says otherwise", None]


def test_a_reviewer_changing_their_own_verdict_keeps_their_note(store):
    store.decide(1, "disputed", "bob", note="Intercept says otherwise")
    _, after = store.decide(1, "unverified", "bob")
    assert after.note == "Intercept says otherwise"


def test_a_note_given_with_the_verdict_is_kept_whoever_decided_before(store):
    store.decide(1, "disputed", "bob", note="first")
    _, after = store.decide(1, "verified", "ana", note="second")
    assert after.note == "second"


# --- item 3 (the reverse sort of the article list) --------------------------------------------------------------
@pytest.mark.parametrize("sort", SORT_KEYS)
def test_every_sort_runs_both_ways_and_reverses(store, sort):
    forward = [a.id for a in store.article_summaries(ArticleQuery(sort=sort))]
    backward = [a.id for a in store.article_summaries(ArticleQuery(sort=sort, descending=True))]
    assert sorted(forward) == sorted(backward) == [1, 2, 3]
    if sort in ("id", "title", "date"):
        assert backward == forward[::-1]


# --- items 7 and 8: what opening may create ----------------------------------------------------------------------
def test_opening_without_create_refuses_an_empty_file_and_makes_nothing(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="empty file"):
        Store(empty, create=False)
    assert [p.name for p in tmp_path.iterdir()] == ["empty.db"] and empty.stat().st_size == 0


def test_a_database_in_a_missing_folder_is_refused_and_no_folder_is_made(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nowhere" / "x.db")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("url", ["mysql://u:pw@host/db", "sqlite+foo://x", "http://x"])
def test_a_url_is_not_taken_for_a_file(url):
    with pytest.raises(StoreError) as refused:
        database_location(url)
    assert "pw" not in str(refused.value) and str(refused.value).count(". ") == 0


# --- items 5 and 10: writing files --------------------------------------------------------------------------------
def test_the_default_export_folder_is_never_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert default_export_dir().resolve() != Path.cwd().resolve()


def test_a_failed_write_leaves_the_old_file_and_no_partial(tmp_path):
    target = tmp_path / "v.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), text_output(target) as out:
        out.write("half")
        raise RuntimeError("stopped")
    assert target.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["v.csv"]


def test_a_read_only_file_replaced_stays_read_only(tmp_path):
    target = tmp_path / "v.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o444)
    with text_output(target) as out:
        out.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n" and stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_character_device_is_written_through_not_replaced(tmp_path):
    with text_output(Path(os.devnull)) as out:
        out.write("nothing\n")
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)
