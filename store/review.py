"""Reviewers' decisions: status changes, each one kept in the history."""

from __future__ import annotations

from store.claims import check_status
from store.models import Claim, HistoryEntry


class Review:
    """Mixin of the Store: decisions and their history."""

    def set_status(self, claim_id: int, status: str, reviewer: str | None, note: str | None = None) -> Claim:
        """Record a decision at once, in its own short transaction, with an entry in the history.

        A ``note`` of None keeps the claim's current note.
        """
        check_status(status)
        with self.transaction():
            before = self.claim(claim_id)
            new_note = before.note if note is None else note
            now = self.clock()
            self.db.execute(
                "UPDATE claims SET status = ?, note = ?, reviewer = ?, reviewed_at = ? WHERE id = ?",
                [status, new_note, reviewer, now, claim_id],
            )
            self.db.execute(
                "INSERT INTO claim_history (claim_id, at, reviewer, from_status, to_status, note, action)"
                " VALUES (?, ?, ?, ?, ?, ?, 'status')",
                [claim_id, now, reviewer, before.status, status, new_note],
            )
            return self.claim(claim_id)

    def history(self, claim_id: int) -> list[HistoryEntry]:
        rows = self.execute(
            "SELECT id, claim_id, at, reviewer, from_status, to_status, note, action, evidence, source_claim_id"
            " FROM claim_history WHERE claim_id = ? ORDER BY id",
            [claim_id],
        )
        return [HistoryEntry(*row) for row in rows]
