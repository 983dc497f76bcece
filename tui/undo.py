"""The session's undo and redo: each step is a claim and its state before and after a change."""

from __future__ import annotations

from dataclasses import dataclass, field

from store.desk_models import ClaimState


@dataclass(frozen=True)
class Step:
    claim_id: int
    article_id: int
    before: ClaimState
    after: ClaimState
    label: str  # "verified", "note", "flag", "delete", ...


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
        self.done = [s for s in self.done if s.claim_id != claim_id]
        self.undone = [s for s in self.undone if s.claim_id != claim_id]

    def redo(self) -> Step | None:
        if not self.undone:
            return None
        step = self.undone.pop()
        self.done.append(step)
        return step
