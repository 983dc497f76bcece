"""Writing from the reviewer's desk: verdicts with notes and evidence, flags, undo, and edits of claims.

Every change is one short transaction that also appends a row to claim_history (who, when, from, to, note,
and the action: status, note, flag, unflag, undo, redo, apply, add, span, split, delete).
"""

from __future__ import annotations

from collections.abc import Iterable

from store.claims import check_status
from store.desk_models import ClaimState, DeskClaim
from store.errors import NotFoundError, StoreError
from store.models import NewClaim

_KEEP = object()


def state_of(claim: DeskClaim) -> ClaimState:
    return ClaimState(claim.status, claim.note, claim.evidence, claim.reviewer, claim.reviewed_at, claim.flagged,
                      claim.deleted_at)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span inside [0, len(text)] with surrounding whitespace removed; StoreError if nothing is left."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        raise StoreError("the selection holds no text.")
    return start, end


class DeskEdits:
    """Mixin of the Store: what the review screens write."""

    def _history(self, claim_id: int, reviewer: str | None, before: str | None, after: str, note: str | None,
                 action: str, evidence: str | None = None, source_claim_id: int | None = None) -> None:
        self.db.execute(
            "INSERT INTO claim_history (claim_id, at, reviewer, from_status, to_status, note, action, evidence,"
            " source_claim_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [claim_id, self.clock(), reviewer, before, after, note, action, evidence, source_claim_id],
        )

    def _live_claim(self, claim_id: int) -> DeskClaim:
        """The claim, if it is still on the desk; NotFoundError if it is unknown or someone deleted it."""
        claim = self.desk_claim(claim_id)
        if claim.deleted_at is not None:
            rows = self.execute("SELECT reviewer FROM claim_history WHERE claim_id = ? AND action = 'delete'"
                                " ORDER BY id DESC LIMIT 1", [claim_id])
            by = f" by {rows[0][0]}" if rows and rows[0][0] else ""
            raise NotFoundError(f"claim {claim_id} was deleted{by} at {claim.deleted_at}.")
        return claim

    def decide(self, claim_id: int, status: str, reviewer: str | None, note: str | None | object = _KEEP,
               evidence: str | None | object = _KEEP, source_claim_id: int | None = None,
               action: str = "status") -> tuple[ClaimState, DeskClaim]:
        """Record a verdict (and optionally a note and evidence); returns the state before and the claim after."""
        check_status(status)
        with self.transaction():
            before = self._live_claim(claim_id)
            note = before.note if note is _KEEP else note
            evidence = before.evidence if evidence is _KEEP else evidence
            self.db.execute(
                "UPDATE claims SET status = ?, note = ?, evidence = ?, reviewer = ?, reviewed_at = ? WHERE id = ?",
                [status, note, evidence, reviewer, self.clock(), claim_id],
            )
            self._history(claim_id, reviewer, before.status, status, note, action, evidence, source_claim_id)
            return state_of(before), self.desk_claim(claim_id)

    def annotate(self, claim_id: int, note: str | None, evidence: str | None,
                 reviewer: str | None) -> tuple[ClaimState, DeskClaim]:
        """Change a claim's note and evidence links, keeping its status."""
        with self.transaction():
            before = self._live_claim(claim_id)
            self.db.execute("UPDATE claims SET note = ?, evidence = ? WHERE id = ?", [note, evidence, claim_id])
            self._history(claim_id, reviewer, before.status, before.status, note, "note", evidence)
            return state_of(before), self.desk_claim(claim_id)

    def set_flag(self, claim_id: int, flagged: bool, reviewer: str | None) -> tuple[ClaimState, DeskClaim]:
        """Flag a claim "come back later", or clear the flag."""
        with self.transaction():
            before = self._live_claim(claim_id)
            self.db.execute("UPDATE claims SET flagged = ? WHERE id = ?", [int(flagged), claim_id])
            self._history(claim_id, reviewer, before.status, before.status, before.note,
                          "flag" if flagged else "unflag")
            return state_of(before), self.desk_claim(claim_id)

    def restore(self, claim_id: int, state: ClaimState, reviewer: str | None, action: str) -> DeskClaim:
        """Put a claim back into `state` (undo, redo), recording the step in the history."""
        with self.transaction():
            before = self.desk_claim(claim_id)
            self.db.execute(
                "UPDATE claims SET status = ?, note = ?, evidence = ?, reviewer = ?, reviewed_at = ?, flagged = ?,"
                " deleted_at = ? WHERE id = ?",
                [state.status, state.note, state.evidence, state.reviewer, state.reviewed_at, int(state.flagged),
                 state.deleted_at, claim_id],
            )
            self._history(claim_id, reviewer, before.status, state.status, state.note, action, state.evidence)
            return self.desk_claim(claim_id)

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

    def delete_claim(self, claim_id: int, reviewer: str | None) -> tuple[ClaimState, DeskClaim]:
        """Take a wrong claim off the desk; the row and its history stay."""
        with self.transaction():
            before = self._live_claim(claim_id)
            self.db.execute("UPDATE claims SET deleted_at = ? WHERE id = ?", [self.clock(), claim_id])
            self._history(claim_id, reviewer, before.status, before.status, before.note, "delete")
            return state_of(before), self.desk_claim(claim_id)

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

    def replace_links(self, claim_id: int, hits: Iterable[tuple[int, float, str]]) -> int:
        """Replace a claim's matches with (earlier_id, score, kind) hits; returns how many were stored."""
        with self.transaction():
            self.db.execute("DELETE FROM claim_links WHERE claim_id = ?", [claim_id])
            count = 0
            for earlier_id, score, kind in hits:
                if earlier_id != claim_id:
                    self.insert_link(claim_id, earlier_id, score, kind)
                    count += 1
        return count
