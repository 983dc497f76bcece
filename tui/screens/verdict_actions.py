"""Recording verdicts on the article screen: the verdict keys (v d u p), a note with or without a verdict (n), a
flag to come back later (f), and what the screen does after a verdict: say so in the status line and move on.

Every write goes through the desk (tui.app's ``desk``: one write path, with the undo stack) and, for a verdict,
through TeamReview's ``guarded`` so that another reviewer's verdict is never replaced unseen.
"""

from __future__ import annotations

from functools import partial

from store.models import DeskClaim, Expected
from tui.forms.note import NoteForm, NoteResult
from tui.write_guard import records


class VerdictActions:
    """Mixin of ArticleScreen (which has ``selected``, ``replace``, ``refresh_claims``, ``refresh_status``,
    ``action_next_pending`` and ``last_action``, and TeamReview's ``guarded``, ``verdict_writer`` and
    ``second_review``)."""

    def init_verdict_actions(self) -> None:
        self.note_draft: tuple[int, NoteResult] | None = None  # a note the store refused, offered again by `n`
        self.just_decided: DeskClaim | None = None  # the claim a verdict key decided and moved on from: `n` notes it

    def decided(self, updated: DeskClaim, message: str) -> None:
        """After a verdict: say so in the status line (a toast per key press would cost a redraw), move on; the
        note key then offers the claim just decided, until the reviewer moves or acts on another claim."""
        self.replace(updated)
        self.last_action = message
        if self.app.auto_advance and updated.status != "pending":
            self.action_next_pending()
            moved = self.selected is None or self.selected.id != updated.id
            self.just_decided = updated if moved else None
            self.refresh_status()
        else:
            self.just_decided = None
            self.refresh_claims()

    @records
    def action_mark(self, status: str) -> None:
        if (claim := self.selected) is not None:
            message = f"Claim #{claim.id} marked {status}" + (", awaiting sign-off." if self.second_review
                                                               and status != "pending" else ".")
            self.guarded(claim, status, self.verdict_writer(claim.id, status),
                         lambda updated: self.decided(updated, message))

    def action_note(self) -> None:
        """Note the claim just decided by a verdict key (the cursor has moved on), else the selected claim."""
        claim = self.just_decided or self.selected
        if claim is not None:
            draft = self.note_draft[1] if self.note_draft and self.note_draft[0] == claim.id else None
            self.app.push_screen(NoteForm(claim, draft, just_decided=claim is self.just_decided),
                                 lambda result: self._noted(claim, result))

    @records
    def _noted(self, claim: DeskClaim, result: NoteResult | None) -> None:
        if result is None:
            return
        self.note_draft = (claim.id, result)  # until it is stored: if the store refuses, `n` brings it back
        if self._save_note(claim, result):
            self.note_draft = None

    def _save_note(self, claim: DeskClaim, result: NoteResult) -> bool:
        """Store the note (and verdict); False when a verdict waits for the reviewer to confirm an override."""
        if result.status:
            write = self.verdict_writer(claim.id, result.status, note=result.note, evidence=result.evidence)
            return self.guarded(claim, result.status, write, partial(self._noted_verdict, claim, result.status),
                                with_note=bool(result.note))
        self.replace(self.app.desk.annotate(claim.id, result.note, result.evidence, Expected.of(claim)))
        self.last_action = f"Note kept for claim #{claim.id}."
        self.just_decided = None
        self.refresh_claims()
        return True

    def _noted_verdict(self, claim: DeskClaim, status: str, updated: DeskClaim) -> None:
        message = f"Claim #{claim.id} marked {status}, with a note."
        if self.selected is not None and self.selected.id == claim.id:
            self.decided(updated, message)
            return
        self.replace(updated)
        self.last_action = message
        self.just_decided = None
        self.refresh_claims()

    @records
    def action_flag(self) -> None:
        if (claim := self.selected) is not None:
            updated = self.app.desk.toggle_flag(claim)
            self.replace(updated)
            self.just_decided = None
            self.refresh_claims()
            self.notify(f"Claim #{claim.id} {'flagged: come back later' if updated.flagged else 'unflagged'}.",
                        timeout=2)
