"""Earlier fact-checks stored as claims to match against: in the archive, with their verdict and source."""

from __future__ import annotations

import pytest

from store import Store
from store.exchange.earlier_checks import add_earlier_checks, article_claim_texts
from store.exchange.fact_checks_in import ImportedVerdict

CHECKS = [
    ImportedVerdict("The minister fled to Norland.", "disputed", "Pants on Fire", "https://fc.example/1", "Ivo Dane",
          "2026-04-01", "FactDesk"),
    ImportedVerdict("Exports rose 3% in March.", "verified", "True", "https://fc.example/2", None, None, "FactDesk"),
]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", clock=lambda: "2026-05-10T09:00:00Z") as s:
        yield s


def test_each_fact_check_becomes_an_article_with_one_decided_claim(store):
    report = add_earlier_checks(store, CHECKS, origin="import:checks.json")
    assert report.added == 2
    claim = store.claim(report.claim_ids[0])
    article = store.article(claim.article_id)
    assert (claim.text, claim.status, claim.note, claim.reviewer, claim.speaker, claim.origin) == (
        "The minister fled to Norland.", "disputed", "Pants on Fire", "FactDesk", "Ivo Dane", "imported")
    assert (article.title, article.url, article.source, article.published) == (
        "The minister fled to Norland.", "https://fc.example/1", "FactDesk", "2026-04-01")
    assert store.execute("SELECT origin FROM articles WHERE id = ?", [article.id])[0][0] == "import:checks.json"
    assert [(h.action, h.to_status, h.reviewer) for h in store.history(claim.id)] == [("import", "disputed",
                                                                                       "FactDesk")]


def test_importing_the_same_fact_checks_twice_stores_them_once(store):
    add_earlier_checks(store, CHECKS, origin="import:a")
    again = add_earlier_checks(store, CHECKS, origin="import:a")
    assert (again.added, again.duplicates) == (0, 2) and store.claim_count() == 2


def test_fact_checks_are_among_the_claims_to_match_but_not_the_article_claims(store):
    (claim_id,) = add_earlier_checks(store, CHECKS[:1], origin="import:a").claim_ids
    assert claim_id in {row[0] for row in store.claim_texts()}
    assert claim_id not in {row[0] for row in article_claim_texts(store)}
