"""Every export holds the desk's own claims only: imported earlier fact-checks (other desks' verdicts) are never
written as the desk's, in any format, and an export --with-articles rebuilds the desk's articles, not the checks."""

from __future__ import annotations

import csv
import io
import json

import pytest

from store import NewClaim, Store, content_hash
from store.exchange.claimreview import LeftOut
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.export import ExportFilter, ExportOptions
from store.exchange.fact_checks_in import ImportedVerdict
from store.exchange.formats import export_to_path, write_export
from store.exchange.merge import merge_export
from store.exchange.read_exports import detect_export, read_export

DESK = ["The flood forced 6,000 people from their homes.", "The dam will cost 4.2 billion crowns."]
CHECKS = [
    ImportedVerdict("The minister fled to Norland.", "disputed", "Pants on Fire", "https://fc.example/1", "Ivo Dane",
                    "2026-04-01", "PolitiFact"),
    ImportedVerdict("Exports rose 3% in March.", "verified", "True", "https://fc.example/2", None, None, "PolitiFact"),
    ImportedVerdict("Rents doubled in a year.", "disputed", "False", "https://fc.example/3", None, None, "PolitiFact"),
]


def build(path, with_checks: bool = True) -> Store:
    """One loaded article (a verdict, a pending claim) and, ``with_checks``, three imported earlier checks."""
    store = Store(path, clock=lambda: "2026-05-10T09:00:00Z")
    body = " ".join(DESK)
    with store.transaction():
        article_id = store.insert_article("Flood", body, content_hash(body), "Harbour Wire")
        first, _ = store.insert_claims(article_id, [NewClaim(DESK[0], 0, len(DESK[0]), 0.9, "quantity", None),
                                                    NewClaim(DESK[1], len(DESK[0]) + 1, len(body), 0.8, "quantity",
                                                             None)])
    store.decide(first, "verified", "ana")
    if with_checks:
        add_earlier_checks(store, CHECKS, origin="import:politifact.json")
    return store


@pytest.fixture
def store(tmp_path):
    store = build(tmp_path / "desk.db")
    yield store
    store.close()


def exported(store, fmt: str, filters: ExportFilter | None = None, **options) -> tuple[list[str], LeftOut]:
    """The claims' texts an export writes, and what it says it left out."""
    out, left_out = io.StringIO(), LeftOut()
    write_export(store, out, filters, ExportOptions(fmt, organisation="Desk", **options), left_out)
    if fmt == "csv":
        return [row["claim"] for row in csv.DictReader(io.StringIO(out.getvalue()))], left_out
    key = "claimReviewed" if fmt == "claimreview" else "claim"
    return [json.loads(line)[key] for line in out.getvalue().splitlines()], left_out


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "claimreview"])
def test_every_format_writes_only_the_desks_own_claims(store, fmt):
    texts, left_out = exported(store, fmt)
    assert texts == (DESK[:1] if fmt == "claimreview" else DESK)
    assert left_out.earlier_checks == 3
    assert left_out.sentences() == ["3 imported earlier fact-checks left out: they are other desks' verdicts "
                                    "(re-import their files, or move a whole archive with claimdesk copy)."]
    assert left_out.sentences(brief=True) == ["3 imported earlier fact-checks left out: other desks' verdicts."]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_the_earlier_checks_stay_out_with_articles_and_with_second_review(store, fmt):
    for second in (False, True):
        texts, left_out = exported(store, fmt, with_articles=True, second_review=second)
        assert texts == DESK and left_out.earlier_checks == 3


def test_the_count_left_out_follows_the_filters(store):
    _, disputed = exported(store, "jsonl", ExportFilter(status="disputed"))
    assert disputed.earlier_checks == 2
    assert disputed.checks_sentence().startswith("2 imported earlier fact-checks left out")
    texts, only_desk = exported(store, "csv", ExportFilter(article_ids=(1,)))
    assert texts == DESK and only_desk.earlier_checks == 0 and only_desk.sentences() == []


def test_one_check_left_out_is_said_in_the_singular(store):
    _, left_out = exported(store, "csv", ExportFilter(source="politifact", status="verified"))
    assert left_out.checks_sentence() == ("1 imported earlier fact-check left out: it is another desk's verdict "
                                          "(re-import its file, or move a whole archive with claimdesk copy).")


def test_an_archive_without_earlier_checks_says_nothing(tmp_path):
    with build(tmp_path / "plain.db", with_checks=False) as plain:
        for fmt in ("csv", "jsonl", "claimreview"):
            _, left_out = exported(plain, fmt)
            assert not left_out and left_out.sentences() == []


def test_the_desks_claim_list_leaves_the_earlier_checks_out(store):
    assert [c.text for c in store.claims(review_only=True)] == DESK
    assert [c.text for c in store.team_claims(status="disputed", review_only=True)] == []
    assert len(store.claims()) == 5  # every claim, for the store's own callers


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_with_articles_into_an_empty_archive_rebuilds_the_desks_articles_only(store, tmp_path, fmt):
    path = tmp_path / f"all.{fmt}"
    export_to_path(store, path, options=ExportOptions(fmt, with_articles=True))
    with Store(tmp_path / "rebuilt.db") as rebuilt:
        merge_export(rebuilt, read_export(path, detect_export(path)))
        counts = rebuilt.review_counts()
        assert (counts.to_review, counts.earlier_checks) == (1, 0)
        assert [a.title for a in rebuilt.articles()] == ["Flood"]
        assert [(c.text, c.status) for c in rebuilt.claims()] == [(DESK[0], "verified"), (DESK[1], "pending")]
