"""The desk's undo stack takes second reviews like every other decision: ctrl+z after S (confirm) or R (reopen)
puts the claim back as it was before, ctrl+y gives the review again; a refused undo leaves the stack as it was."""

from __future__ import annotations

import pytest

from claims.desk.decide import Desk
from store import Store
from store.errors import ChangedSinceError
from tests.store.test_restore_signoff import awaiting


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-05-10T09:00:00Z") as store:
        yield awaiting(store)


def test_a_confirmation_is_undone_and_redone(store):
    desk = Desk(store, "bob")
    desk.sign_off(1, confirm=True)
    step, claim = desk.undo()
    assert (step.label, step.claim_id, claim.status, store.signoff(1).state) == ("sign-off", 1, "disputed", "awaiting")
    assert store.second_review(1) is None
    step, claim = desk.redo()
    assert (step.label, store.signoff(1).state, store.signoff(1).second_reviewer) == ("sign-off", "confirmed", "bob")
    assert desk.undo() is not None and desk.undo() is None  # the sign-off was this session's only step


def test_a_reopen_is_undone_with_the_verdict_and_note_it_replaced(store):
    desk = Desk(store, "bob")
    desk.decide(2, "verified")  # a step before the sign-off stays on the stack below it
    desk.sign_off(1, confirm=False, note="Budget says 4.2")
    step, claim = desk.undo()
    assert (step.label, claim.status, claim.reviewer, claim.note) == ("reopen", "disputed", "ana",
                                                                      "Figure was 3 billion")
    step, claim = desk.redo()
    assert (claim.status, claim.note, store.signoff(1).state) == ("pending", "Budget says 4.2", "reopened")
    assert [h.action for h in store.history(1)] == ["status", "reopen", "undo", "redo"]
    desk.undo()
    assert desk.undo()[0].label == "verified"


def test_an_undo_refused_keeps_the_step_to_press_again(store):
    desk = Desk(store, "bob")
    desk.sign_off(1, confirm=False, note="Budget says 4.2")
    store.decide(1, "unverified", "ana", signoff=True)  # ana decided again since: not overwritten
    with pytest.raises(ChangedSinceError):
        desk.undo()
    assert store.desk_claim(1).status == "unverified" and store.signoff(1).state == "awaiting"
    assert [s.label for s in desk.stack.done] == ["reopen"] and desk.stack.undone == []
