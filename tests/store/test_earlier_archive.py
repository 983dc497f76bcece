"""Issues 17 and 18: an imported fact-check keeps its headline (streamed to the matcher with the claim), and the
reference archive stays apart from the review queue: counted, listed and searched on its own."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, content_hash
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict
from store.models import ArticleQuery

CHECKS = [
    ImportedVerdict("The minister fled to Norland.", "disputed", "Pants on Fire", "https://fc.example/1", "Ivo Dane",
          "2026-04-01", "FactDesk", title="No, the minister did not flee", subtitle="He was at home all week"),
    ImportedVerdict("Exports rose 3% in March.", "verified", "True", "https://other.example/2", None, "2025-12-30",
          "Other Checks"),
    ImportedVerdict("The dam cost 4 billion crowns.", "unverified", "Half True", "https://fc.example/3", None, None,
          "FactDesk", title="Dam budget: half true"),
]


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-05-10T09:00:00Z") as s:
        text = "The minister fled to Norland, officials said."
        with s.transaction():
            article_id = s.insert_article("Minister abroad", text, content_hash(text), "Harbour Wire")
            (loaded,) = s.insert_claims(article_id, [NewClaim("The minister fled to Norland", 0, 28, 0.9, "event",
                                                              None)])
        ids = add_earlier_checks(s, CHECKS, origin="import:checks.csv").claim_ids
        s.insert_link(loaded, ids[0], 91.0, "same")
        s.loaded_id, s.check_ids = loaded, ids
        yield s


def test_the_headline_is_the_article_title_and_streams_to_the_matcher(store):
    first = store.claim(store.check_ids[0])
    assert store.article(first.article_id).title == "No, the minister did not flee"
    assert list(store.earlier_check_texts()) == [
        (store.check_ids[0], first.article_id, "The minister fled to Norland.", "No, the minister did not flee"),
        (store.check_ids[1], first.article_id + 1, "Exports rose 3% in March.", None),
        (store.check_ids[2], first.article_id + 2, "The dam cost 4 billion crowns.", "Dam budget: half true"),
    ]
    assert next(store.earlier_check_texts(with_subtitle=True))[4] == "He was at home all week"


def test_an_imported_check_is_decided_by_its_organisation_with_one_history_row(store):
    claim = store.claim(store.check_ids[0])
    assert (claim.status, claim.note, claim.reviewer, claim.origin) == ("disputed", "Pants on Fire", "FactDesk",
                                                                        "imported")
    assert [(h.action, h.from_status, h.to_status, h.reviewer) for h in store.history(claim.id)] == [
        ("import", "pending", "disputed", "FactDesk")]


def test_earlier_checks_are_not_articles_to_review(store):
    assert [a.title for a in store.articles()] == ["Minister abroad"]
    assert [a.title for a in store.article_summaries(ArticleQuery(sort="date", descending=True))] == [
        "Minister abroad"]
    assert len(store.articles("earlier")) == 3 and len(store.articles("all")) == 4
    counts = store.review_counts()
    assert (counts.to_review, counts.earlier_checks) == (1, 3)
    assert counts.header() == "1 article to review · 3 earlier checks"
    assert (store.article_count("review"), store.article_count("earlier"), store.article_count()) == (1, 3, 4)


def test_the_archive_is_searched_by_words_in_the_headline_or_the_claim(store):
    assert [r.claim_id for r in store.search_earlier_checks("flee")] == [store.check_ids[0]]
    assert [r.claim_id for r in store.search_earlier_checks("exports")] == [store.check_ids[1]]
    assert store.search_earlier_checks("officials") == []  # words of the loaded article are not in the archive


def test_the_archive_is_filtered_by_source_verdict_and_date(store):
    ids = store.check_ids
    assert [r.claim_id for r in store.search_earlier_checks(source="factdesk")] == [ids[0], ids[2]]
    assert [r.claim_id for r in store.search_earlier_checks(status="verified")] == [ids[1]]
    assert [r.claim_id for r in store.search_earlier_checks(since="2026-01-01", until="2026-04-01")] == [ids[0]]
    assert [r.claim_id for r in store.search_earlier_checks("dam", source="FactDesk", status="unverified")] == [
        ids[2]]


def test_one_check_shows_the_loaded_claims_linked_to_it(store):
    row = store.earlier_check(store.check_ids[0])
    assert (row.title, row.rating, row.source, row.linked) == ("No, the minister did not flee", "Pants on Fire",
                                                               "FactDesk", 1)
    assert store.claims_matching_check(store.check_ids[0]) == [(store.loaded_id, 1, "The minister fled to Norland",
                                                                91.0, "same")]
    assert store.earlier_check(store.loaded_id) is None


def test_a_rerun_after_an_interruption_adds_only_what_is_missing(store):
    more = [*CHECKS, ImportedVerdict("Rain fell for 40 days.", "disputed", "False", "https://fc.example/4",
                                     source="FactDesk")]
    report = add_earlier_checks(store, more, origin="import:checks.csv", batch=2)
    assert (report.added, report.duplicates) == (1, 3)
    assert store.review_counts().earlier_checks == 4


def test_full_text_search_follows_notes_while_other_updates_leave_the_index_alone(store):
    store.decide(store.loaded_id, "verified", "ana", note="confirmed by the embassy")
    store.set_linked(store.check_ids)
    assert [r.id for r in store.search_claims("embassy")] == [store.loaded_id]
    if store.dialect != "sqlite":
        return  # PostgreSQL indexes the columns themselves (store.postgres.schema): no triggers, nothing to check
    triggers = dict(store.execute("SELECT name, sql FROM sqlite_master WHERE name IN ('claims_au', 'articles_au')"))
    assert "UPDATE OF text, speaker, note" in triggers["claims_au"]
    assert "UPDATE OF title, text" in triggers["articles_au"]
    assert store.execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')") == []


def test_the_review_search_leaves_the_archive_to_its_own_search(store):
    assert store.search_articles("flee") == [] and store.search_claims("Norland") != []
    assert all(row.id == store.loaded_id for row in store.search_claims("Norland"))
    assert [r.claim_id for r in store.search_earlier_checks("Norland")] == [store.check_ids[0]]
    store.db.execute("DELETE FROM claim_history WHERE claim_id = ?", [store.check_ids[1]])
    store.db.execute("DELETE FROM claims WHERE id = ?", [store.check_ids[1]])
    assert [r.claim_id for r in store.search_earlier_checks("Norland")] == [store.check_ids[0]]
    for table in ("claims_fts", "articles_fts") if store.dialect == "sqlite" else ():
        assert store.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')") == []


def test_statistics_count_only_the_desks_own_verdicts(store):
    """Imported checks are another organisation's verdicts: not in the totals, by day, by source or by article."""
    store.decide(store.loaded_id, "verified", "ana")
    totals = store.verdict_totals()
    assert (totals.pending, totals.verified, totals.disputed, totals.unverified) == (0, 1, 0, 0)
    assert store.verdict_totals("FactDesk").total == 0
    assert [(c.label, c.verified, c.total) for c in store.verdict_counts("day")] == [("2026-05-10", 1, 1)]
    assert [(c.label, c.total) for c in store.verdict_counts("source")] == [("Harbour Wire", 1)]
    assert [(c.label, c.total) for c in store.verdict_counts("article")] == [("Minister abroad", 1)]
    assert store.verdict_counts("source", reviewer="FactDesk") == []


def test_the_article_lists_source_filter_offers_the_sources_of_articles_to_review_only(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            store.insert_article("Dam", "The dam cost 4 billion.", content_hash("The dam cost 4 billion."), "Wire")
        add_earlier_checks(store, [ImportedVerdict("The dam cost 4 billion.", "verified", "True",
                                                   "https://fc.example/1", source="PolitiFact")], origin="import:x")
        assert store.sources() == ["Wire"]
