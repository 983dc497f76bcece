"""The team workflow in the store: the expected-status guard of the one write path (two connections, as two
reviewers' programs), assignment and queues, second review (sign-off), per-reviewer statistics."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, content_hash
from store.errors import ChangedSinceError, SignoffError
from store.models import Expected

TEXT = "The dam cost 4 billion. The flood moved 6,000 people. The river rose 3 metres."


@pytest.fixture
def path(backend_db):
    path = backend_db
    with Store(path, clock=lambda: "2026-05-10T09:00:00Z") as store, store.transaction():
        article_id = store.insert_article("Flood", TEXT, content_hash(TEXT), "Wire")
        store.insert_claims(article_id, [NewClaim("The dam cost 4 billion.", 0, 23),
                                         NewClaim("The flood moved 6,000 people.", 24, 53),
                                         NewClaim("The river rose 3 metres.", 54, 78)])
    return path


@pytest.fixture
def two(path):
    """Ana's and Bob's programs: two connections to one archive."""
    with Store(path) as ana, Store(path) as bob:
        yield ana, bob


def test_a_verdict_given_since_the_claim_was_opened_is_not_replaced(two):
    ana, bob = two
    seen = Expected.of(ana.desk_claim(2))  # Ana opens claim 2: pending
    bob.decide(2, "disputed", "bob", "Intercept says otherwise")
    with pytest.raises(ChangedSinceError) as refused:
        ana.decide(2, "verified", "ana", expect=seen)
    assert "disputed by bob" in str(refused.value) and "nothing was changed" in str(refused.value)
    assert refused.value.claim.note == "Intercept says otherwise"
    claim = bob.desk_claim(2)
    assert (claim.status, claim.reviewer, claim.note) == ("disputed", "bob", "Intercept says otherwise")
    assert [h.to_status for h in bob.history(2)] == ["disputed"]


def test_an_override_confirmed_against_what_is_there_now_does_not_keep_their_note(two):
    ana, bob = two
    bob.decide(2, "disputed", "bob", "Intercept says otherwise")
    _, claim = ana.decide(2, "verified", "ana", expect=Expected("disputed", "bob"))
    assert (claim.status, claim.reviewer, claim.note) == ("verified", "ana", None)
    assert [(h.reviewer, h.to_status, h.note) for h in ana.history(2)] == [
        ("bob", "disputed", "Intercept says otherwise"), ("ana", "verified", None)]


def test_expecting_only_a_status_ignores_who_decided(two):
    ana, bob = two
    bob.decide(1, "disputed", "bob")
    with pytest.raises(ChangedSinceError, match="claim 1 is disputed by bob .*not pending"):
        ana.decide(1, "verified", "ana", expect=Expected("pending"))
    _, claim = ana.decide(1, "verified", "ana", expect=Expected("disputed"))
    assert claim.status == "verified"


def test_second_review_keeps_a_verdict_awaiting_until_another_reviewer_confirms(two):
    ana, bob = two
    ana.decide(1, "disputed", "ana", "Figure was 3 billion", signoff=True)
    assert ana.signoff(1).state == "awaiting"
    assert [c.id for c in bob.awaiting_signoff("bob")] == [1] and ana.awaiting_signoff("ana") == []
    with pytest.raises(SignoffError, match="verdict is yours"):
        ana.sign_off(1, "ana", confirm=True)
    claim = bob.sign_off(1, "bob", confirm=True)
    signoff = bob.signoff(1)
    assert (claim.status, claim.reviewer, claim.note) == ("disputed", "ana", "Figure was 3 billion")
    assert (signoff.state, signoff.second_reviewer) == ("confirmed", "bob")
    assert [h.action for h in bob.history(1)] == ["status", "confirm"]
    with pytest.raises(SignoffError, match="awaits no sign-off"):
        bob.sign_off(1, "bob", confirm=True)


def test_a_reopened_verdict_is_pending_again_with_the_second_reviewers_note(two):
    ana, bob = two
    ana.decide(3, "verified", "ana", signoff=True)
    claim = bob.sign_off(3, "bob", confirm=False, note="Gauge says 2 metres")
    assert (claim.status, claim.note) == ("pending", "Gauge says 2 metres")
    assert bob.signoff(3).state == "reopened"
    # carl, who still sees ana's verdict, is told who reopened it (not that ana "marked it pending")
    with pytest.raises(SignoffError, match=r"claim 3 awaits no sign-off: bob reopened it at \S+; nothing"):
        ana.sign_off(3, "carl", confirm=True, expect=Expected("verified", "ana"))
    assert bob.history(3)[-1].action == "reopen" and bob.history(3)[-1].reviewer == "bob"
    _, again = ana.decide(3, "disputed", "ana", signoff=True)
    assert ana.signoff(3).state == "awaiting" and again.status == "disputed"


def test_without_second_review_a_verdict_awaits_nothing(two):
    ana, _ = two
    ana.decide(1, "verified", "ana")
    assert ana.signoff(1).state is None and not ana.uses_second_review()


def test_assigning_records_who_and_when_and_the_queue_puts_mine_first(two):
    ana, bob = two
    assert bob.assign([3], "ana", "editor") == 1
    assert bob.assign([3], "ana", "editor") == 0  # already hers
    bob.assign([1], "bob", "editor")
    assert ana.assignee(3) == "ana" and ana.assignments(1) == {1: "bob", 3: "ana"}
    assert ana.next_in_queue("ana").id == 3  # hers first, though 2 comes first in the article
    assert ana.next_in_queue("ana", 1, 54, 3).id == 3  # wraps round to hers
    ana.decide(3, "verified", "ana")
    assert ana.next_in_queue("ana").id == 2  # then unassigned ones; never Bob's claim 1
    ana.decide(2, "verified", "ana")
    assert ana.next_in_queue("ana") is None and bob.next_in_queue("bob").id == 1
    history = ana.history(3)[0]
    assert (history.action, history.reviewer, history.note) == ("assign", "editor", "assigned to ana")
    assert [c.id for c in ana.team_claims(assigned_to="ana")] == [3]


def test_per_reviewer_statistics_count_verdicts_by_day_and_agreement(path):
    days = iter(["2026-05-10T09:00:00Z"] * 4 + ["2026-05-11T10:00:00Z"] * 20)
    with Store(path, clock=lambda: next(days)) as store:
        store.decide(1, "verified", "ana", signoff=True)
        store.decide(2, "disputed", "ana", signoff=True)
        store.sign_off(1, "bob", confirm=True)
        store.sign_off(2, "bob", confirm=False)
        store.decide(3, "unverified", "bob")
        stats = {s.reviewer: s for s in store.reviewer_stats()}
        assert stats["ana"].verdicts == 2 and stats["ana"].by_day == (("2026-05-10", 2),)
        assert stats["ana"].agreement == "50% of 2" and stats["bob"].agreement_as_second == "50% of 2"
        assert stats["bob"].second_reviews == 2 and stats["bob"].verdicts == 1
        assert [s.reviewer for s in store.reviewer_stats("bob")] == ["bob"]
        assert store.verdict_totals("bob").unverified == 1 and store.verdict_totals("bob").total == 1
        assert store.reviewers() == ["ana", "bob"]
