"""A second review brought back by an import of claimdesk's own export (store.exchange.merge decides when): the
claim's sign-off state as the file gives it, and its row of claim_signoffs for the agreement statistics.

The claims columns are written by store.review's `_write_signoff`, the team workflow's one write of them; the
claim_signoffs row is added unless an identical one (same claim, first reviewer, status and time, second reviewer,
outcome and time) is already there, so importing a file twice changes nothing. The history row of the second
review is the merger's to add, through `record_history`, with the same rule.
"""

from __future__ import annotations

from dataclasses import astuple

from store.claims import check_id
from store.errors import StoreError
from store.models import SIGNOFF_STATES, SecondReview, Signoff

_ROW_COLUMNS = "claim_id, first_reviewer, first_status, first_at, second_reviewer, outcome, at"  # SecondReview's


class SignoffImports:
    """Mixin of the Store: restoring an imported second review."""

    def import_signoff(self, signoff: Signoff, row: SecondReview | None = None) -> bool:
        """Set the claim's sign-off columns to ``signoff`` (state None: no second review asked) and, with ``row``,
        add that second review to claim_signoffs unless an identical row is there; returns whether it was added."""
        if signoff.state is not None and signoff.state not in SIGNOFF_STATES:
            raise StoreError(f"unknown sign-off state {signoff.state!r}: use one of {', '.join(SIGNOFF_STATES)}.")
        claim_id = check_id(signoff.claim_id)
        with self.transaction():
            self._write_signoff(claim_id, signoff.state, signoff.second_reviewer, signoff.second_reviewed_at)
            if row is None:
                return False
            there = self.execute(f"SELECT {_ROW_COLUMNS} FROM claim_signoffs WHERE claim_id = ?", [claim_id])
            if any(tuple(found) == astuple(row) for found in there):
                return False
            self.db.execute(f"INSERT INTO claim_signoffs ({_ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", astuple(row))
            return True
