"""The one write path for what reviewers change about a claim: verdicts, notes and evidence, flags, deletion,
undo and redo, and edits of a claim's span (add, move, split).

One public method per kind of change. Each runs in one short transaction that changes the claim and appends
its row to claim_history (who, when, from, to, note, evidence, and the action: status, apply, import, note,
flag, unflag, undo, redo, add, span, split, delete) together, or neither. Every change of a claim's state goes
through `_write_state` and every history row through `_history`: those are the only two places in the store
that write them (the team workflow's columns, assignment and second review, are written by `_write_assignment`
and `_write_signoff`, each with its history row). A deleted claim cannot be decided, annotated, flagged or edited
(NotFoundError says who deleted it and when); only `restore` (undo, redo) may bring it back. The checks before a
write (span, inherited note, the team workflow's guard) are in store.write_rules.

Team workflow: `decide` and `sign_off` take an ``expect`` (store.models.Expected: the status and decider the
writer saw) and refuse, inside the write transaction, when the claim holds something else (ChangedSinceError,
nothing changed): a verdict is never replaced by someone who has not seen it. With ``signoff`` a new verdict
awaits a second reviewer (not the first), who confirms it or reopens it (`sign_off`; each recorded in
claim_signoffs too, for the agreement statistics; `restore_signoff` takes one back or gives it again, for undo
and redo: the row leaves claim_signoffs and comes back, the history keeps both steps). `assign` gives claims to
a reviewer ("assign" history rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from store.claims import check_status
from store.errors import NotFoundError, SignoffError, StoreError
from store.models import ClaimState, DeskClaim, Expected, HistoryEntry, NewClaim, SecondReview, as_decided, from_row
from store.write_rules import check_expected, check_review_left, inherited_note, trim_span

KEEP: object = object()  # "leave this field as it is"

_HISTORY_SQL = ("INSERT INTO claim_history (claim_id, at, reviewer, from_status, to_status, note, action, evidence,"
                " source_claim_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_SIGNOFF_SQL = ("INSERT INTO claim_signoffs (claim_id, first_reviewer, first_status, first_at, second_reviewer,"
                " outcome, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
_HISTORY_WRITTEN = ("claim_id", "at", "reviewer", "from_status", "to_status", "note", "action", "evidence",
                    "source_claim_id")  # the columns _HISTORY_SQL gives (id comes from the table)
_HISTORY_COLUMNS = "id, claim_id, at, reviewer, from_status, to_status, note, action, evidence, source_claim_id"


def state_of(claim: DeskClaim) -> ClaimState:
    return ClaimState(claim.status, claim.note, claim.evidence, claim.reviewer, claim.reviewed_at, claim.flagged,
                      claim.deleted_at)


class Review:
    """Mixin of the Store: every change a reviewer makes to a claim, and the history of those changes."""

    # --- the two writes everything else goes through ----------------------------------------------------------
    def _write_state(self, claim_id: int, state: ClaimState) -> None:
        self.db.execute(
            "UPDATE claims SET status = ?, note = ?, evidence = ?, reviewer = ?, reviewed_at = ?, flagged = ?,"
            " deleted_at = ? WHERE id = ?",
            [state.status, state.note, state.evidence, state.reviewer, state.reviewed_at, int(state.flagged),
             state.deleted_at, claim_id],
        )

    def _write_signoff(self, claim_id: int, state: str | None, second: str | None, at: str | None) -> None:
        self.db.execute("UPDATE claims SET signoff = ?, second_reviewer = ?, second_reviewed_at = ? WHERE id = ?",
                        [state, second, at, claim_id])

    def _write_assignment(self, claim_id: int, assignee: str | None, at: str | None) -> None:
        self.db.execute("UPDATE claims SET assigned_to = ?, assigned_at = ? WHERE id = ?", [assignee, at, claim_id])

    def _history(self, claim_id: int, reviewer: str | None, before: str | None, after: str, note: str | None,
                 action: str, evidence: str | None = None, source_claim_id: int | None = None,
                 at: str | None = None) -> None:
        self.db.execute(_HISTORY_SQL, [claim_id, at or self.clock(), reviewer, before, after, note, action, evidence,
                                       source_claim_id])

    def record_imports(self, rows: list[tuple[int, str | None, str, str | None, str]]) -> None:
        """The history rows of imported earlier checks, stored with their claims (whose status the insert set):
        (claim id, the organisation, verdict, rating as written, when), action "import"."""
        self.insert_rows("claim_history", _HISTORY_WRITTEN,
                         [(claim_id, at, reviewer, "pending", status, note, "import", None, None)
                          for claim_id, reviewer, status, note, at in rows])

    def _live_claim(self, claim_id: int) -> DeskClaim:
        """The claim, if it is still on the desk; NotFoundError if it is unknown or someone deleted it."""
        claim = self.desk_claim(claim_id)
        if claim.deleted_at is not None:
            rows = self.execute("SELECT reviewer FROM claim_history WHERE claim_id = ? AND action = 'delete'"
                                " ORDER BY id DESC LIMIT 1", [claim_id])
            by = f" by {rows[0][0]}" if rows and rows[0][0] else ""
            raise NotFoundError(f"claim {claim_id} was deleted{by} at {claim.deleted_at}.")
        return claim

    def _change(self, claim_id: int, reviewer: str | None, action: str, expect: Expected | None = None,
                **changes) -> tuple[ClaimState, DeskClaim]:
        """Change a live claim's state and record it, in one transaction; returns the state before and the claim.
        With ``expect``, refused (ChangedSinceError) when the claim's verdict is no longer that."""
        with self.transaction():
            before = self._live_claim(claim_id)
            check_expected(before, expect)
            after = replace(state_of(before), **changes)
            self._write_state(claim_id, after)
            self._history(claim_id, reviewer, before.status, after.status, after.note, action, after.evidence)
            return state_of(before), self.desk_claim(claim_id)

    # --- verdicts, notes, flags, deletion ---------------------------------------------------------------------
    def decide(self, claim_id: int, status: str, reviewer: str | None, note: str | None | object = KEEP,
               evidence: str | None | object = KEEP, source_claim_id: int | None = None,
               action: str = "status", at: str | None = None, expect: Expected | None = None,
               signoff: bool = False, recorded: bool = False) -> tuple[ClaimState, DeskClaim]:
        """Record a verdict (and optionally a note and evidence) by ``reviewer`` at ``at`` (default: now); returns
        the state before and the claim after. Without a note the claim keeps its note, unless the verdict it
        replaces was another reviewer's: then it has none (see `inherited_note`). With ``expect``, refused
        (ChangedSinceError) if the claim's status or decider is no longer that; with ``signoff`` a verdict (not
        pending) awaits a second reviewer, else it awaits none. ``recorded``: the history already holds this
        verdict's row (an import brought it with the claim's history), so none is added."""
        check_status(status)
        with self.transaction():
            before = self._live_claim(claim_id)
            check_expected(before, expect)
            when = at or self.clock()
            after = replace(state_of(before), status=status, reviewer=reviewer, reviewed_at=when,
                            note=inherited_note(before, reviewer) if note is KEEP else note,
                            evidence=before.evidence if evidence is KEEP else evidence)
            self._write_state(claim_id, after)
            self._write_signoff(claim_id, "awaiting" if signoff and status != "pending" else None, None, None)
            if not recorded:
                self._history(claim_id, reviewer, before.status, status, after.note, action, after.evidence,
                              source_claim_id, at=when)
            return state_of(before), self.desk_claim(claim_id)

    def sign_off(self, claim_id: int, reviewer: str | None, confirm: bool, note: str | None = None,
                 expect: Expected | None = None) -> DeskClaim:
        """The second review of a verdict awaiting sign-off, by a reviewer other than the one who gave it:
        ``confirm`` keeps the verdict (signed off), else the claim is reopened (pending again, with the second
        reviewer's note when given). SignoffError when the claim awaits no sign-off or the verdict is theirs."""
        with self.transaction():
            before = self._live_claim(claim_id)
            state, second, given = self.execute("SELECT signoff, second_reviewer, second_reviewed_at FROM claims"
                                                " WHERE id = ?", [claim_id])[0]
            if state in ("confirmed", "reopened") and second:  # said first: who did it, not the verdict it left
                raise SignoffError(f"claim {claim_id} awaits no sign-off: {second} {state} it at {given}; nothing "
                                   "was changed.")
            check_expected(before, expect)
            if state != "awaiting" or before.status == "pending":
                raise SignoffError(f"claim {claim_id} awaits no sign-off (it is {as_decided(before)}); "
                                   "nothing was changed.")
            if reviewer is not None and reviewer == before.reviewer:
                raise SignoffError(f"claim {claim_id}'s verdict is yours ({as_decided(before)}): a second reviewer, "
                                   "not the first, confirms or reopens it; nothing was changed.")
            when, outcome = self.clock(), "confirmed" if confirm else "reopened"
            self.db.execute(_SIGNOFF_SQL, [claim_id, before.reviewer, before.status, before.reviewed_at, reviewer,
                                           outcome, when])
            after = state_of(before)
            if not confirm:
                after = replace(after, status="pending", note=note if note is not None else before.note)
                self._write_state(claim_id, after)
            self._write_signoff(claim_id, outcome, reviewer, when)
            self._history(claim_id, reviewer, before.status, after.status, note, "confirm" if confirm else "reopen",
                          at=when)
            return self.desk_claim(claim_id)

    def restore_signoff(self, review: SecondReview, state: ClaimState, given: bool, reviewer: str | None,
                        action: str) -> DeskClaim:
        """Undo (``given`` False) or redo a second review: the claim back in ``state``, its verdict awaiting sign-off
        again and the review out of claim_signoffs (the agreement statistics), or signed off as ``review`` was and
        counted again; recorded in the history as ``action``. Refused (ChangedSinceError) unless the claim still
        holds what the review left (or, for redo, what it found): no one's later change is overwritten."""
        claim_id = review.claim_id
        with self.transaction():
            before = self._live_claim(claim_id)
            now = self.execute("SELECT signoff, second_reviewer FROM claims WHERE id = ?", [claim_id])[0]
            check_review_left(before, now, review, given)
            self._write_state(claim_id, state)
            second = [review.second_reviewer, review.outcome, review.at]
            if given:
                self.db.execute(_SIGNOFF_SQL, [claim_id, review.first_reviewer, review.first_status, review.first_at,
                                               *second])
                self._write_signoff(claim_id, review.outcome, review.second_reviewer, review.at)
            else:  # the newest row of this review (a fixed clock may have written twins)
                self.db.execute("DELETE FROM claim_signoffs WHERE id = (SELECT MAX(id) FROM claim_signoffs WHERE"
                                " claim_id = ? AND second_reviewer = ? AND outcome = ? AND at = ?)",
                                [claim_id, *second])
                self._write_signoff(claim_id, "awaiting", None, None)
            what = f"{review.outcome} by {review.second_reviewer}"
            note = f"{what} again" if given else f"{what} taken back; awaiting sign-off again"
            self._history(claim_id, reviewer, before.status, state.status, note, action)
            return self.desk_claim(claim_id)

    def assign(self, claim_ids: Iterable[int], assignee: str | None, by: str | None) -> int:
        """Assign live claims to ``assignee`` (None: to no one), recorded by ``by``; returns how many changed
        (claims already so assigned, unknown or deleted are left as they are)."""
        changed, when = 0, self.clock()
        wanted = sorted(set(claim_ids))
        with self.transaction():
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = self.execute(f"SELECT id, status, assigned_to FROM claims WHERE deleted_at IS NULL AND id IN"
                                    f" ({', '.join('?' * len(chunk))})", chunk)
                for claim_id, status, current in rows:
                    if current == assignee:
                        continue
                    self._write_assignment(claim_id, assignee, when if assignee else None)
                    what = f"assigned to {assignee}" if assignee else f"unassigned (was {current})"
                    self._history(claim_id, by, status, status, what, "assign", at=when)
                    changed += 1
        return changed

    def annotate(self, claim_id: int, note: str | None, evidence: str | None, reviewer: str | None,
                 expect: Expected | None = None) -> tuple[ClaimState, DeskClaim]:
        """Change a claim's note and evidence links, keeping its status; with ``expect`` only on the verdict the
        reviewer saw (a note never lands under a verdict someone else gave meanwhile)."""
        return self._change(claim_id, reviewer, "note", expect, note=note, evidence=evidence)

    def set_flag(self, claim_id: int, flagged: bool, reviewer: str | None) -> tuple[ClaimState, DeskClaim]:
        """Flag a claim "come back later", or clear the flag."""
        return self._change(claim_id, reviewer, "flag" if flagged else "unflag", flagged=bool(flagged))

    def delete_claim(self, claim_id: int, reviewer: str | None) -> tuple[ClaimState, DeskClaim]:
        """Take a wrong claim off the desk; the row and its history stay."""
        return self._change(claim_id, reviewer, "delete", deleted_at=self.clock())

    def restore(self, claim_id: int, state: ClaimState, reviewer: str | None, action: str,
                expect: Expected | None = None) -> DeskClaim:
        """Put a claim back into `state` (undo, redo), recording the step in the history; with ``expect``,
        refused (ChangedSinceError) if another reviewer decided the claim since. A claim put back to pending
        awaits no sign-off."""
        with self.transaction():
            before = self.desk_claim(claim_id)
            check_expected(before, expect)
            self._write_state(claim_id, state)
            if state.status == "pending" and before.status != "pending":
                self._write_signoff(claim_id, None, None, None)
            self._history(claim_id, reviewer, before.status, state.status, state.note, action, state.evidence)
            return self.desk_claim(claim_id)

    def record_history(self, claim_id: int, entry: HistoryEntry) -> None:
        """Add a history row as another database recorded it (import of an export), without changing the claim."""
        check_status(entry.to_status)
        self._history(claim_id, entry.reviewer, entry.from_status, entry.to_status, entry.note,
                      entry.action or "status", entry.evidence, entry.source_claim_id, at=entry.at)

    def history(self, claim_id: int) -> list[HistoryEntry]:
        rows = self.records(f"SELECT {_HISTORY_COLUMNS} FROM claim_history WHERE claim_id = ? ORDER BY id",
                            [claim_id])
        return [from_row(HistoryEntry, row) for row in rows]

    def desk_history(self, claim_id: int) -> list[HistoryEntry]:
        return self.history(claim_id)

    # --- a claim's span: add, move, split ---------------------------------------------------------------------
    def add_claim(self, article_id: int, start: int, end: int, reviewer: str | None, origin: str = "manual",
                  like: DeskClaim | None = None) -> DeskClaim:
        """A claim the extractor missed, from a span of the article's text."""
        text = self.article(article_id).text
        start, end = trim_span(text, start, end)
        new = NewClaim(text[start:end], start, end, like.score if like else 0.0, like.type if like else "other",
                       like.speaker if like else None, like.cue if like else None)
        with self.transaction():
            (claim_id,) = self.insert_claims(article_id, [new], origin=origin)
            self._history(claim_id, reviewer, None, "pending", None, "add")
        return self.desk_claim(claim_id)

    def change_span(self, claim_id: int, start: int, end: int, reviewer: str | None) -> DeskClaim:
        """Move a claim's boundaries; its text follows the article."""
        claim = self._live_claim(claim_id)
        text = self.article(claim.article_id).text
        start, end = trim_span(text, start, end)
        with self.transaction():
            self.db.execute('UPDATE claims SET start = ?, "end" = ?, text = ? WHERE id = ?',
                            [start, end, text[start:end], claim_id])
            self._history(claim_id, reviewer, claim.status, claim.status, claim.note, "span",
                          f"was {claim.start}-{claim.end}")
        return self.desk_claim(claim_id)

    def split_claim(self, claim_id: int, at: int, reviewer: str | None) -> tuple[DeskClaim, DeskClaim]:
        """Split a claim holding two at offset `at`: the first keeps the id, the second is a new claim."""
        claim = self._live_claim(claim_id)
        if not claim.start < at < claim.end:
            raise StoreError("split inside the claim, between its first and last word.")
        text = self.article(claim.article_id).text
        trim_span(text, claim.start, at), trim_span(text, at, claim.end)  # both halves must hold words
        with self.transaction():
            first = self.change_span(claim_id, claim.start, at, reviewer)
            second = self.add_claim(claim.article_id, at, claim.end, reviewer, origin="split", like=claim)
            self._history(claim_id, reviewer, claim.status, claim.status, claim.note, "split",
                          f"second half: #{second.id}", second.id)
        return first, second
