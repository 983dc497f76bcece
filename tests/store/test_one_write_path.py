"""Issue 14: one text-matching rule for Python and SQL filters; one write path with one set of rules; rows built
by column name; the store as an interface (Archive) that claims/ and tui/ use without SQL."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from store import NewClaim, NotFoundError, Store, content_hash
from store.interface import Archive
from store.models import ArticleQuery, ClaimFilter, DeskClaim, from_row
from store.text_match import contains
from tui.forms.claim_filter import matches

ROOT = Path(__file__).resolve().parents[2]
SPEAKERS = ["Élise Durand", "ELISE MARTIN", "Strauß", "Zoë Ng", "Ana"]


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-01-02T03:04:05Z") as s:
        for number, name in enumerate(SPEAKERS):
            text = f"Claim {number} was made by {name}."
            with s.transaction():
                article_id = s.insert_article(f"Article {number}", text, content_hash(text), f"{name} Weekly")
                s.insert_claims(article_id, [NewClaim(text, 0, len(text), 0.5, "other", name)])
        yield s


@pytest.mark.parametrize("typed", ["Élise", "elise", "ELISE", "zoe", "Zoë", "strauss", "STRAUSS", "é", "ana", "x"])
def test_the_app_form_and_the_store_filter_find_the_same_speakers(store, typed):
    claim_filter = ClaimFilter(speaker=typed)
    in_sql = {row.id for row in store.filter_claims(claim_filter)}
    in_python = {claim.id for claim in store.claims() if matches(claim, claim_filter)}
    assert in_sql == in_python


def test_elise_is_found_whatever_the_accents_and_case(store):
    found = {row.speaker for row in store.filter_claims(ClaimFilter(speaker="elise"))}
    assert found == {"Élise Durand", "ELISE MARTIN"}
    assert [a.source for a in store.article_summaries(ArticleQuery(source="élise"))] == ["Élise Durand Weekly",
                                                                                       "ELISE MARTIN Weekly"]
    assert contains("Élise", "ELISE") and contains("Strauß", "strauss") and not contains(None, "x")


def test_a_deleted_claim_cannot_be_decided_by_any_route(store):
    store.delete_claim(1, "ana")
    with pytest.raises(NotFoundError, match="deleted by ana"):
        store.decide(1, "verified", "ben")
    assert store.desk_claim(1).status == "pending"
    assert [h.action for h in store.history(1)] == ["delete"]


def test_every_decision_writes_its_history_row(store):
    store.decide(2, "verified", "ana", note="ok", at="2026-03-01T10:00:00Z")
    (row,) = store.history(2)
    assert (row.at, row.reviewer, row.to_status, row.note) == ("2026-03-01T10:00:00Z", "ana", "verified", "ok")
    assert store.desk_claim(2).reviewed_at == "2026-03-01T10:00:00Z"


def test_the_sqlite_store_is_an_archive(store):
    assert isinstance(store, Archive)
    assert not hasattr(Store, "set_status")


def test_rows_become_dataclasses_by_column_name_not_order():
    row = {"deleted_at": None, "evidence": "e", "flagged": True, "origin": "manual", "cue": None, "reviewed_at": None,
           "reviewer": None, "note": "n", "status": "pending", "speaker": "s", "type": "other", "score": 0.5,
           "end": 9, "start": 0, "text": "some text", "article_id": 2, "id": 7, "unknown_column": 1}
    claim = from_row(DeskClaim, row)
    assert (claim.id, claim.article_id, claim.text, claim.end, claim.note, claim.evidence) == (7, 2, "some text", 9,
                                                                                               "n", "e")


def test_one_place_writes_a_status_and_one_the_history():
    def places(pattern: str) -> list[str]:
        found = subprocess.run(["grep", "-rn", "--include=*.py", pattern, "store"], cwd=ROOT, capture_output=True,
                               text=True).stdout
        return found.splitlines()

    assert len(places("UPDATE claims SET status")) == 1
    assert len(places("INSERT INTO claim_history")) == 1


def test_nothing_outside_the_store_runs_sql_and_the_ui_never_imports_sqlite3():
    def found(pattern: str, *folders: str) -> list[str]:
        return subprocess.run(["grep", "-rnE", "--include=*.py", pattern, *folders], cwd=ROOT, capture_output=True,
                              text=True).stdout.splitlines()

    assert found(r"\.execute\(|\.db\.|store\.db\b|store\.conn\b", "claims", "tui") == []
    assert found(r"^\s*(import sqlite3|from sqlite3)", "tui") == []
