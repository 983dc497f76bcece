"""Assignments a merge brings from another archive (`claimdesk copy --merge`, or `claimdesk import` of an export that
has them: store.exchange.merge decides when): a claim assigned to no one here takes the source's assignee and the
time it was assigned there; a claim that has an assignee keeps it, and a deleted claim is left as it is.

The claims columns are written by store.review's `_write_assignment`, the team workflow's one write of them. No
history row is written here: the source's "assign" rows come with the claim's history, added once like every
other row (store.exchange.merge), so merging twice changes nothing.
"""

from __future__ import annotations

from store.claims import check_id


class AssignmentImports:
    """Mixin of the Store: taking the assignments of merged claims."""

    def take_assignments(self, assignments: list[tuple[int, str, str | None]]) -> int:
        """Give each claim of ``assignments`` (claim id, assignee, assigned at) that is live and assigned to no one
        that assignee, in one transaction; returns how many took theirs."""
        taken = 0
        with self.transaction():
            for claim_id, assignee, at in assignments:
                rows = self.execute("SELECT assigned_to FROM claims WHERE id = ? AND deleted_at IS NULL",
                                    [check_id(claim_id)])
                if not assignee or not rows or rows[0][0] is not None:
                    continue
                self._write_assignment(claim_id, assignee, at or self.clock())
                taken += 1
        return taken
