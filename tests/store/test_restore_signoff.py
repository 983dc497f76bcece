"""Undoing and redoing a second review in the store (`restore_signoff`, both backends): the claim is as before the
sign-off (verdict awaiting again; for a reopen, the verdict and note it replaced), the review no longer counts in
the agreement statistics, the history keeps the sign-off and its undo; a change made since is never overwritten."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, content_hash
from store.errors import ChangedSinceError
from store.review import state_of

TEXT = "The dam cost 4 billion. The flood moved 6,000 people."


def awaiting(store: Store) -> Store:
    """Two claims of one article; ana's verdict on the first awaits a second reviewer."""
    with store.transaction():
        article_id = store.insert_article("Flood", TEXT, content_hash(TEXT), "Wire")
        store.insert_claims(article_id, [NewClaim("The dam cost 4 billion.", 0, 23),
                                         NewClaim("The flood moved 6,000 people.", 24, 53)])
    store.decide(1, "disputed", "ana", "Figure was 3 billion", signoff=True)
    return store


@pytest.fixture
def store(backend_db):
    clock = iter(f"2026-05-10T09:{minute:02}:00Z" for minute in range(60))
    with Store(backend_db, clock=lambda: next(clock)) as store:
        yield awaiting(store)


def agreement(store: Store) -> tuple[str, int]:
    stats = {s.reviewer: s for s in store.reviewer_stats()}
    return stats["ana"].agreement, stats["bob"].second_reviews if "bob" in stats else 0


def test_an_undone_confirmation_awaits_sign_off_again_and_no_longer_counts(store):
    before = store.desk_claim(1)
    after = store.sign_off(1, "bob", confirm=True)
    review = store.second_review(1)
    assert agreement(store) == ("100% of 1", 1)
    claim = store.restore_signoff(review, state_of(before), False, "bob", "undo")
    signoff = store.signoff(1)
    assert (claim.status, claim.reviewer, claim.note) == ("disputed", "ana", "Figure was 3 billion")
    assert (signoff.state, signoff.second_reviewer, signoff.second_reviewed_at) == ("awaiting", None, None)
    assert store.second_review(1) is None and [c.id for c in store.awaiting_signoff("bob")] == [1]
    assert agreement(store) == ("—", 0)
    undo = store.history(1)[-1]
    assert [h.action for h in store.history(1)] == ["status", "confirm", "undo"]
    assert (undo.reviewer, undo.note) == ("bob", "confirmed by bob taken back; awaiting sign-off again")
    store.restore_signoff(review, state_of(after), True, "bob", "redo")
    assert (store.signoff(1).state, store.signoff(1).second_reviewed_at) == ("confirmed", review.at)
    assert store.second_review(1) == review and agreement(store) == ("100% of 1", 1)
    assert [h.action for h in store.history(1)] == ["status", "confirm", "undo", "redo"]


def test_an_undone_reopen_puts_back_the_verdict_and_note_it_replaced(store):
    before = store.desk_claim(1)
    after = store.sign_off(1, "bob", confirm=False, note="Budget says 4.2")
    review = store.second_review(1)
    claim = store.restore_signoff(review, state_of(before), False, "bob", "undo")
    assert (claim.status, claim.reviewer, claim.reviewed_at, claim.note) == (
        "disputed", "ana", before.reviewed_at, "Figure was 3 billion")
    assert store.signoff(1).state == "awaiting" and agreement(store) == ("—", 0)
    assert (store.history(1)[-1].from_status, store.history(1)[-1].to_status) == ("pending", "disputed")
    claim = store.restore_signoff(review, state_of(after), True, "bob", "redo")
    assert (claim.status, claim.note, store.signoff(1).state) == ("pending", "Budget says 4.2", "reopened")
    assert agreement(store) == ("0% of 1", 1)


def test_undo_refused_when_the_first_reviewer_decided_again_since(store):
    before = store.desk_claim(1)
    store.sign_off(1, "bob", confirm=False, note="Budget says 4.2")
    review = store.second_review(1)
    store.decide(1, "verified", "ana", signoff=True)
    with pytest.raises(ChangedSinceError, match="nothing was changed"):
        store.restore_signoff(review, state_of(before), False, "bob", "undo")
    claim = store.desk_claim(1)
    assert (claim.status, store.signoff(1).state) == ("verified", "awaiting")
    assert store.second_review(1) == review and store.history(1)[-1].action == "status"


def test_redo_refused_when_someone_else_signed_off_since(store):
    before = store.desk_claim(1)
    after = store.sign_off(1, "bob", confirm=True)
    review = store.second_review(1)
    store.restore_signoff(review, state_of(before), False, "bob", "undo")
    store.sign_off(1, "cleo", confirm=True)  # the verdict is as bob left it; its sign-off is not
    with pytest.raises(ChangedSinceError, match=r"second review changed since \(confirmed by cleo\)"):
        store.restore_signoff(review, state_of(after), True, "bob", "redo")
    assert (store.signoff(1).state, store.signoff(1).second_reviewer) == ("confirmed", "cleo")
    assert store.second_review(1).second_reviewer == "cleo" and agreement(store)[0] == "100% of 1"
