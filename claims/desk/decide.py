"""Desk: every change a reviewer makes in the app, recorded in the store and on the session's undo stack."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

from claims.desk.undo import Step, UndoStack
from store import NotFoundError
from store.errors import DATABASE_ERRORS
from store.interface import Archive
from store.models import ClaimState, DeskClaim, Expected, LinkedClaim
from store.review import state_of


def applied_note(link: LinkedClaim) -> str:
    """The note recorded when an earlier verdict is applied: where it came from, and that claim's note."""
    source = f"{link.article_title}" + (f", {link.article_source}" if link.article_source else "")
    note = f"Earlier verdict of claim #{link.earlier_id} ({source})"
    return f"{note}: {link.note}" if link.note else note


class Desk:
    """The app's single writer for reviewer decisions; keeps the undo stack of this session."""

    def __init__(self, store: Archive, reviewer: str):
        self.store = store
        self.reviewer = reviewer
        self.stack = UndoStack()

    def _record(self, label: str, before: ClaimState, after: DeskClaim) -> DeskClaim:
        self.stack.push(Step(after.id, after.article_id, before, state_of(after), label))
        return after

    def decide(self, claim_id: int, status: str, **extra) -> DeskClaim:
        before, after = self.store.decide(claim_id, status, self.reviewer, **extra)
        return self._record(status, before, after)

    def apply_match(self, claim_id: int, link: LinkedClaim, **extra) -> DeskClaim:
        return self.decide(claim_id, link.status, note=applied_note(link), source_claim_id=link.earlier_id,
                           action="apply", **extra)

    def annotate(self, claim_id: int, note: str | None, evidence: str | None, expect: Expected | None = None
                 ) -> DeskClaim:
        """The claim's note and evidence; with ``expect``, only on the verdict the reviewer saw."""
        before, after = self.store.annotate(claim_id, note, evidence, self.reviewer, expect)
        return self._record("note", before, after)

    def toggle_flag(self, claim: DeskClaim) -> DeskClaim:
        before, after = self.store.set_flag(claim.id, not claim.flagged, self.reviewer)
        return self._record("flag", before, after)

    def delete(self, claim_id: int) -> DeskClaim:
        before, after = self.store.delete_claim(claim_id, self.reviewer)
        return self._record("delete", before, after)

    def sign_off(self, claim_id: int, confirm: bool, note: str | None = None,
                 expect: Expected | None = None) -> DeskClaim:
        """A second review (confirm, or reopen with a note): undone, the verdict awaits sign-off again."""
        with self.store.transaction():
            before = self.store.desk_claim(claim_id)
            after = self.store.sign_off(claim_id, self.reviewer, confirm, note, expect=expect)
            review = self.store.second_review(claim_id)
        self.stack.push(Step(after.id, after.article_id, state_of(before), state_of(after),
                             "sign-off" if confirm else "reopen", review=review))
        return after

    def change_span(self, claim_id: int, start: int, end: int) -> DeskClaim:
        before = self.store.desk_claim(claim_id)
        after = self.store.change_span(claim_id, start, end, self.reviewer)
        return self._record_span("span", before, after)

    def add_claim(self, article_id: int, start: int, end: int) -> DeskClaim:
        added = self.store.add_claim(article_id, start, end, self.reviewer)
        self.stack.push(_added(added))
        return added

    def split_claim(self, claim_id: int, at: int) -> tuple[DeskClaim, DeskClaim]:
        before = self.store.desk_claim(claim_id)
        first, second = self.store.split_claim(claim_id, at, self.reviewer)
        self._record_span("split", before, first, then=_added(second))
        return first, second

    def _record_span(self, label: str, before: DeskClaim, after: DeskClaim, then: Step | None = None) -> DeskClaim:
        self.stack.push(Step(after.id, after.article_id, state_of(before), state_of(after), label,
                             (before.start, before.end), (after.start, after.end), then))
        return after

    def undo(self) -> tuple[Step, DeskClaim] | None:
        step = self.stack.undo()
        if step is None:
            return None
        with self._unless_stored(step, put_back=self.stack.redo):
            return step, self._put(step, "undo", back=True)

    def redo(self) -> tuple[Step, DeskClaim] | None:
        step = self.stack.redo()
        if step is None:
            return None
        with self._unless_stored(step, put_back=self.stack.undo):
            return step, self._put(step, "redo", back=False)

    def _put(self, step: Step, action: str, back: bool) -> DeskClaim:
        """Put the step's claims into their state before (``back``) or after it, in one transaction."""
        if step.review is not None:  # refused (ChangedSinceError) if the claim or its sign-off changed since
            return self.store.restore_signoff(step.review, step.before if back else step.after, not back,
                                              self.reviewer, action)
        with self.store.transaction():
            if step.then is not None:
                self._put(step.then, action, back)
            span = step.span_before if back else step.span_after
            if span is not None:
                self.store.change_span(step.claim_id, *span, self.reviewer)
            state, left = (step.before, step.after) if back else (step.after, step.before)
            if state.deleted_at is not None:  # a claim taken off by undo or redo is taken off now
                state = replace(state, deleted_at=self.store.clock())
            # refused (ChangedSinceError) if another reviewer decided the claim since this step
            return self.store.restore(step.claim_id, state, self.reviewer, action,
                                      expect=Expected(left.status, left.reviewer))

    @contextlib.contextmanager
    def _unless_stored(self, step: Step, put_back) -> Iterator[None]:
        """If the store refuses an undo or redo, the stack is as before it (so the key can be pressed again),
        except that a step whose claim no longer exists is dropped."""
        try:
            yield
        except DATABASE_ERRORS as error:
            put_back()
            if isinstance(error, NotFoundError):
                self.stack.forget(step.claim_id)
            raise


def _added(claim: DeskClaim) -> Step:
    """The step of a claim a reviewer added: undone, it is taken off the desk (kept in the history)."""
    live = state_of(claim)
    return Step(claim.id, claim.article_id, replace(live, deleted_at="(when undone)"), live, "add")
