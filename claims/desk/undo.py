"""The session's undo and redo: each step is a claim and its state before and after a change (for a second review,
also the review, which undo takes back and redo gives again)."""

from __future__ import annotations

from dataclasses import dataclass, field

from store.models import ClaimState, SecondReview


@dataclass(frozen=True)
class Step:
    """A claim's state (and, for span edits, its span) before and after a change; ``then`` is a second claim
    changed by the same action (the new half of a split); ``review`` the second review (sign-off) a step gave."""

    claim_id: int
    article_id: int
    before: ClaimState
    after: ClaimState
    label: str  # "verified", "note", "flag", "delete", "span", "add", "split", "sign-off", "reopen", ...
    span_before: tuple[int, int] | None = None
    span_after: tuple[int, int] | None = None
    then: Step | None = None
    review: SecondReview | None = None

    @property
    def claim_ids(self) -> list[int]:
        return [self.claim_id, *(self.then.claim_ids if self.then else [])]

    @property
    def changes_text(self) -> bool:
        """Whether undoing or redoing it changes which text is a claim (so the claims must be matched again)."""
        return self.span_before is not None or self.before.deleted_at != self.after.deleted_at or bool(self.then)


@dataclass
class UndoStack:
    """Undo takes the newest step back; redo puts it again; a new step clears what could be redone."""

    done: list[Step] = field(default_factory=list)
    undone: list[Step] = field(default_factory=list)
    limit: int = 500

    def push(self, step: Step) -> None:
        self.done.append(step)
        del self.done[: -self.limit]
        self.undone.clear()

    def undo(self) -> Step | None:
        if not self.done:
            return None
        step = self.done.pop()
        self.undone.append(step)
        return step

    def forget(self, claim_id: int) -> None:
        """Drop every step of a claim that is gone from the database."""
        self.done = [s for s in self.done if claim_id not in s.claim_ids]
        self.undone = [s for s in self.undone if claim_id not in s.claim_ids]

    def redo(self) -> Step | None:
        if not self.undone:
            return None
        step = self.undone.pop()
        self.done.append(step)
        return step
