"""The reviewer's desk in the store: notes and evidence, flags, undo states, edits of claims, search, filters."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, StoreError, content_hash
from store.models import ArticleQuery, ClaimFilter
from store.review import state_of

TEXT = ("PORT ELLIS, May 2 (Harbour Wire) - The dam will cost 4.2 billion crowns, the ministry said. "
        "The flood forced 6,000 people from their homes and the mayor resigned. It rained.")
OTHER = "CALDER, May 9 (Northline News) - Rain fell on Calder. The governor said 60,000 people fled."


def add(store: Store, text: str, title: str, source: str, spans: list[str]) -> list[int]:
    with store.transaction():
        article_id = store.insert_article(title, text, content_hash(text), source, published="2026-05-0" + title[-1])
        claims = [NewClaim(s, text.index(s), text.index(s) + len(s), 0.5 + i / 10, "quantity", f"speaker {i}")
                  for i, s in enumerate(spans)]
        return store.insert_claims(article_id, claims)


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-01-02T03:04:05Z") as s:
        s.ids = add(s, TEXT, "Dam 2", "Harbour Wire", ["The dam will cost 4.2 billion crowns, the ministry said.",
                                                        "The flood forced 6,000 people from their homes and the "
                                                        "mayor resigned."])
        s.other = add(s, OTHER, "Calder 1", "Northline", ["The governor said 60,000 people fled."])
        yield s


def test_a_verdict_keeps_note_evidence_and_a_history_row_with_its_source(store):
    before, after = store.decide(store.ids[0], "disputed", "ana", note="wrong sum", evidence="https://x.org/a",
                                 source_claim_id=store.other[0], action="apply")
    assert before.status == "pending"
    assert (after.status, after.note, after.evidence, after.reviewer) == ("disputed", "wrong sum", "https://x.org/a",
                                                                         "ana")
    (row,) = store.desk_history(store.ids[0])
    assert (row.from_status, row.to_status, row.action, row.source_claim_id) == ("pending", "disputed", "apply",
                                                                                store.other[0])


def test_restoring_a_state_undoes_a_verdict_and_records_the_undo(store):
    before, _ = store.decide(store.ids[0], "verified", "ana", note="ok")
    restored = store.restore(store.ids[0], before, "ana", "undo")
    assert (restored.status, restored.note, restored.reviewer) == ("pending", None, None)
    assert [h.action for h in store.desk_history(store.ids[0])] == ["status", "undo"]


def test_a_flag_is_kept_and_listed(store):
    store.set_flag(store.ids[1], True, "ana")
    assert [r.id for r in store.filter_claims(ClaimFilter(flagged=True))] == [store.ids[1]]
    store.set_flag(store.ids[1], False, "ana")
    assert store.filter_claims(ClaimFilter(flagged=True)) == []


def test_a_note_changes_without_changing_the_status(store):
    store.decide(store.ids[0], "verified", "ana")
    _, after = store.annotate(store.ids[0], "per the budget", "https://b.gov", "ben")
    assert (after.status, after.note, after.evidence) == ("verified", "per the budget", "https://b.gov")


def test_an_added_claim_takes_its_text_from_the_article_trimmed(store):
    start = TEXT.index("It rained")
    added = store.add_claim(1, start - 1, len(TEXT), "ana")
    assert (added.text, added.origin, added.status) == ("It rained.", "manual", "pending")
    assert store.desk_history(added.id)[0].action == "add"


def test_a_selection_of_spaces_is_refused(store):
    with pytest.raises(StoreError, match="no text"):
        store.add_claim(1, 34, 35, "ana")


def test_a_deleted_claim_leaves_the_desk_but_keeps_its_row_and_history(store):
    before, _ = store.delete_claim(store.ids[0], "ana")
    assert store.ids[0] not in [c.id for c in store.desk_claims(1)]
    assert store.desk_claim(store.ids[0]).deleted_at is not None
    assert store.desk_history(store.ids[0])[-1].action == "delete"
    store.restore(store.ids[0], before, "ana", "undo")
    assert store.ids[0] in [c.id for c in store.desk_claims(1)]


def test_splitting_a_claim_makes_two_claims_that_cover_it(store):
    claim = store.desk_claim(store.ids[1])
    at = TEXT.index(" and the mayor")
    first, second = store.split_claim(claim.id, at, "ana")
    assert first.text == "The flood forced 6,000 people from their homes"
    assert second.text == "and the mayor resigned." and second.speaker == claim.speaker
    assert store.desk_history(claim.id)[-1].source_claim_id == second.id


def test_changing_boundaries_moves_the_text_with_them(store):
    claim = store.desk_claim(store.ids[0])
    changed = store.change_span(claim.id, claim.start, TEXT.index(", the ministry"), "ana")
    assert changed.text == "The dam will cost 4.2 billion crowns"


def test_next_pending_runs_across_articles_and_wraps(store):
    store.decide(store.ids[1], "verified", "ana")
    assert store.next_pending(1, store.desk_claim(store.ids[0]).start, store.ids[0]).id == store.other[0]
    assert store.next_pending(2, 10**6, 10**6).id == store.ids[0]


@pytest.mark.parametrize(
    ("claim_filter", "expected"),
    [
        pytest.param(ClaimFilter(status="pending"), 3, id="status"),
        pytest.param(ClaimFilter(speaker="SPEAKER 1"), 1, id="speaker-case-blind"),
        pytest.param(ClaimFilter(min_score=0.55), 1, id="min-score"),
        pytest.param(ClaimFilter(type="opinion"), 0, id="type"),
        pytest.param(ClaimFilter(article_id=2), 1, id="article"),
    ],
)
def test_filters(store, claim_filter, expected):
    assert len(store.filter_claims(claim_filter)) == expected


@pytest.mark.parametrize("words", ["6,000 homes", "flood", "fle", "\"unbalanced ( quotes*", ""])
def test_search_never_raises_and_finds_words(store, words):
    hits = store.search_claims(words)
    if words in ("flood", "6,000 homes"):
        assert [h.id for h in hits] == [store.ids[1]]
    if words == "fle":
        assert [h.id for h in hits] == [store.other[0]]


def test_article_search_and_sorted_filtered_summaries(store):
    assert [h.article_title for h in store.search_articles("Calder rain")] == ["Calder 1"]
    assert [a.title for a in store.article_summaries(ArticleQuery(sort="date"))] == ["Calder 1", "Dam 2"]
    assert [a.title for a in store.article_summaries(ArticleQuery(source="harbour"))] == ["Dam 2"]
    store.decide(store.other[0], "verified", "ana")
    assert [a.title for a in store.article_summaries(ArticleQuery(progress="done"))] == ["Calder 1"]
    assert [(a.decided, a.claims) for a in store.article_summaries()] == [(0, 2), (1, 1)]


def test_verdict_counts_by_source_and_day(store):
    store.decide(store.ids[0], "disputed", "ana")
    by_source = {c.label: (c.pending, c.disputed) for c in store.verdict_counts("source")}
    assert by_source == {"Harbour Wire": (1, 1), "Northline": (1, 0)}
    assert [(c.label, c.disputed) for c in store.verdict_counts("day")] == [("2026-01-02", 1)]


def test_state_of_round_trips(store):
    claim = store.desk_claim(store.ids[0])
    assert store.restore(claim.id, state_of(claim), "ana", "undo").status == "pending"
