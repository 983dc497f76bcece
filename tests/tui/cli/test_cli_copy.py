"""claimdesk copy FROM TO (issue 19): the whole archive arrives (same CSV and JSON Lines exports byte for byte, same
history and links row for row), a target holding an archive is refused unless --merge, bad locations are one
sentence and leave nothing behind."""

from __future__ import annotations

import json

import pytest

from claims.desk import semantic
from claims.match.encoder import MODEL_ID
from store import Store, content_hash
from tests.store.full_archive import ARTICLES, fill, sentences
from tui.cli.main import main

CLOCK = "2026-05-10T09:00:00Z"
HISTORY = "SELECT * FROM claim_history ORDER BY id"
LINKS = "SELECT * FROM claim_links ORDER BY claim_id, earlier_id"


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "source.db"
    with Store(path, clock=lambda: CLOCK) as store:
        fill(store)
    return path


def exported(runner, path, fmt="csv") -> bytes:
    """``claimdesk export --format csv`` (as a user runs it); JSON Lines with every claim, its history, links
    and article text."""
    full = ["--all", "--with-articles"] if fmt == "jsonl" else []
    result = runner.invoke(main, ["--db", str(path), "export", "--format", fmt, *full])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def rows(path, sql) -> list[tuple]:
    with Store(path) as store:
        return store.execute(sql)


def one_line(result) -> str:
    assert result.exit_code != 0 and "Traceback" not in result.output
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


def test_a_copy_exports_the_same_bytes_and_keeps_history_and_links(runner, source, tmp_path):
    target = tmp_path / "target.db"
    result = runner.invoke(main, ["copy", str(source), str(target)])
    assert result.exit_code == 0, result.output
    assert "copied 5 articles" in result.stdout and f"to {target}" in result.stdout
    assert "copying into" in result.stderr
    for fmt in ("csv", "jsonl"):
        assert exported(runner, target, fmt) == exported(runner, source, fmt) != b""
    assert rows(target, HISTORY) == rows(source, HISTORY) != []
    assert rows(target, LINKS) == rows(source, LINKS) != []


def test_a_copy_of_a_copy_is_still_the_same(runner, source, tmp_path):
    middle, last = tmp_path / "middle.db", tmp_path / "last.db"
    assert runner.invoke(main, ["copy", str(source), str(middle)]).exit_code == 0
    assert runner.invoke(main, ["copy", str(middle), str(last)]).exit_code == 0
    assert exported(runner, last) == exported(runner, source)


def test_the_target_gets_its_own_match_index(runner, source, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_INDEX_DIR", str(tmp_path / "indexes"))
    target = tmp_path / "target.db"
    assert runner.invoke(main, ["copy", str(source), str(target)]).exit_code == 0
    with Store(target) as store:
        assert (tmp_path / "indexes" / store.archive_id()).is_dir()
    assert runner.invoke(main, ["--db", str(target), "match", "The flood forced 6,000 people"]).exit_code == 0


def test_a_target_holding_an_archive_is_refused_and_unchanged(runner, source, tmp_path):
    target = tmp_path / "target.db"
    with Store(target) as store:
        fill(store)
    before = exported(runner, target, "jsonl")
    line = one_line(runner.invoke(main, ["copy", str(source), str(target)]))
    assert "not empty" in line and "--merge" in line
    assert exported(runner, target, "jsonl") == before


def test_merge_brings_newer_decisions_and_adds_nothing_twice(runner, source, tmp_path):
    target = tmp_path / "target.db"
    with Store(target, clock=lambda: "2026-05-01T00:00:00Z") as store:
        fill(store)
    with Store(source, clock=lambda: "2026-06-01T00:00:00Z") as store:
        store.decide(2, "disputed", "dana", "Newer finding")
    result = runner.invoke(main, ["copy", "--merge", str(source), str(target)])
    assert result.exit_code == 0, result.output
    assert "merged: 9 claims read: 1 updated" in result.stdout and "2 already there" in result.stdout
    with Store(target) as store:
        claim = store.desk_claim(2)
        assert (claim.status, claim.reviewer, claim.note) == ("disputed", "dana", "Newer finding")
        assert store.execute("SELECT COUNT(*) FROM articles WHERE earlier_check = 1")[0][0] == 2
    once = exported(runner, target, "jsonl")
    assert runner.invoke(main, ["copy", "--merge", str(source), str(target)]).exit_code == 0
    assert exported(runner, target, "jsonl") == once


def test_merge_into_an_empty_target_is_a_plain_copy(runner, source, tmp_path):
    target = tmp_path / "target.db"
    assert runner.invoke(main, ["copy", "--merge", str(source), str(target)]).exit_code == 0
    assert exported(runner, target) == exported(runner, source)


@pytest.mark.parametrize(("args", "said"), [
    (["SRC", "nowhere/x.db"], "does not exist"),
    (["missing.db", "new.db"], "no database at"),
    (["SRC", "mysql://root:hunter22@h/x"], "TO: claimdesk cannot use a mysql:// URL"),
    (["SRC", "SRC"], "same file"),
    (["SRC", "."], "is a folder"),
])
def test_bad_locations_are_one_sentence_and_leave_nothing_behind(runner, source, tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    line = one_line(runner.invoke(main, ["copy", *[str(source) if a == "SRC" else a for a in args]]))
    assert said in line and "hunter22" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_same_archive_under_another_name_is_refused(runner, source, tmp_path):
    link = tmp_path / "link.db"
    link.symlink_to(source)
    assert "same file" in one_line(runner.invoke(main, ["copy", str(source), str(link)]))


def test_a_failed_copy_removes_the_file_it_created(runner, source, tmp_path):
    with Store(source) as store:
        store.execute("ALTER TABLE claims ADD COLUMN later_column TEXT")
    target = tmp_path / "target.db"
    line = one_line(runner.invoke(main, ["copy", str(source), str(target)]))
    assert "does not know every column" in line
    assert not target.exists() and not (tmp_path / "target.db-wal").exists()


def test_a_postgresql_password_is_never_printed(runner, source):
    result = runner.invoke(main, ["copy", str(source), "postgresql://ana:s3cr%40t@127.0.0.1:1/desk"])
    assert result.exit_code != 0 and "s3cr" not in result.output and "127.0.0.1" in result.output


def vectors_by_text(path) -> dict[str, set[tuple]]:
    """Each live claim's text -> the sentence vectors (of the shipped encoder) its claims with that text hold."""
    with Store(path) as store:
        texts = dict(store.execute("SELECT id, text FROM claims WHERE deleted_at IS NULL"))
        found: dict[str, set[tuple]] = {}
        for claim_id, claim, title in store.all_vectors(MODEL_ID):
            found.setdefault(texts[claim_id], set()).add((claim, title))
        return found


def test_merged_claims_bring_their_vectors_and_embed_has_nothing_left(runner, source, tmp_path, encoder,
                                                                       monkeypatch):
    target = tmp_path / "target.db"
    text = "RIVERTON, May 4 - The bridge reopened on Monday, the council said. Repairs cost 2 million crowns."
    with Store(target) as store, store.transaction():
        store.insert_claims(store.insert_article("Bridge reopens", text, content_hash(text), "Riverton Post"),
                            sentences(text))
    for archive in (source, target):
        assert runner.invoke(main, ["--db", str(archive), "embed"]).exit_code == 0
    # A merge of more claims than matching embeds on the spot (at most EMBED_ON_OPEN): nothing is embedded by it.
    monkeypatch.setattr(semantic, "EMBED_ON_OPEN", 0)
    result = runner.invoke(main, ["copy", "--merge", str(source), str(target)])
    assert result.exit_code == 0, result.output
    assert "merged: " in result.stdout and "2 earlier fact-checks added" in result.stdout
    with Store(target) as store:
        embedded, claims = store.vector_counts(MODEL_ID)
    assert embedded == claims > len(sentences(text))
    merged, original = vectors_by_text(target), vectors_by_text(source)
    assert all(vectors <= original[claim] for claim, vectors in merged.items() if claim in original)
    again = runner.invoke(main, ["--db", str(target), "embed"])
    assert again.stdout.strip() == "0 claims embedded, 0 left; semantic matching is on."


def stats(runner, path) -> list[dict]:
    result = runner.invoke(main, ["--db", str(path), "stats", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_merge_brings_second_reviews_and_assignments_and_stats_agree(runner, source, tmp_path):
    target = tmp_path / "target.db"
    with Store(target, clock=lambda: "2026-05-01T00:00:00Z") as store:
        for title, where, text in ARTICLES:  # the source's articles and claims, undecided and unassigned
            with store.transaction():
                store.insert_claims(store.insert_article(title, text, content_hash(text), where), sentences(text))
    result = runner.invoke(main, ["copy", "--merge", str(source), str(target)])
    assert result.exit_code == 0, result.output
    assert "1 sign-off brought in" in result.stdout and "3 assignments taken" in result.stdout
    team = "SELECT text, assigned_to, assigned_at, signoff, second_reviewer, second_reviewed_at FROM claims"
    carried = f"{team} WHERE assigned_to IS NOT NULL OR signoff IS NOT NULL ORDER BY text"
    assert rows(target, carried) == rows(source, carried) and len(rows(target, carried)) == 3
    agreement = "SELECT first_reviewer, first_status, first_at, second_reviewer, outcome, at FROM claim_signoffs"
    assert rows(target, agreement) == rows(source, agreement) != []
    assert stats(runner, target) == stats(runner, source)
    once = exported(runner, target, "jsonl")
    again = runner.invoke(main, ["copy", "--merge", str(source), str(target)])
    assert "sign-off" not in again.stdout and "assignment" not in again.stdout
    assert exported(runner, target, "jsonl") == once and stats(runner, target) == stats(runner, source)
