"""Reading for the team workflow: who a claim is assigned to, a reviewer's queue ("my next pending claim, mine
first"), claims by assignee or by decider, and the second review (sign-off) of verdicts.

Writes (assigning, signing off) are in store.review, the one write path. Plain, portable SQL: `?` placeholders,
no SQLite-only functions, so a second backend runs the same statements.
"""

from __future__ import annotations

from store.claims import CLAIM_COLUMNS, REVIEW_ONLY, check_id, check_status
from store.models import Claim, DeskClaim, SecondReview, Signoff, from_row

_AFTER = " AND (article_id, start, id) > (?, ?, ?)"
_QUEUE = ("SELECT id FROM claims WHERE status = 'pending' AND deleted_at IS NULL AND {who}{after}"
          " ORDER BY article_id, start, id LIMIT 1")


class TeamQueries:
    """Mixin of the Store: assignment, queues and sign-off, read."""

    def assignments(self, article_id: int) -> dict[int, str]:
        """The live claims of an article that are assigned, and to whom."""
        rows = self.execute("SELECT id, assigned_to FROM claims WHERE article_id = ? AND deleted_at IS NULL"
                            " AND assigned_to IS NOT NULL", [check_id(article_id, "article")])
        return {claim_id: who for claim_id, who in rows}

    def assignee(self, claim_id: int) -> str | None:
        rows = self.execute("SELECT assigned_to FROM claims WHERE id = ?", [check_id(claim_id)])
        return rows[0][0] if rows else None

    def article_claim_ids(self, article_ids: list[int]) -> list[int]:
        """The live claims of these articles (to assign a whole article)."""
        ids: list[int] = []
        for article_id in article_ids:
            rows = self.execute("SELECT id FROM claims WHERE article_id = ? AND deleted_at IS NULL ORDER BY start, id",
                                [check_id(article_id, "article")])
            ids += [row[0] for row in rows]
        return ids

    def next_in_queue(self, reviewer: str, article_id: int = 0, start: int = -1,
                      claim_id: int = 0) -> DeskClaim | None:
        """The reviewer's next pending claim after (article_id, start, claim_id) in reading order, wrapping round:
        one assigned to them first, else one assigned to no one (never one assigned to someone else)."""
        for who, params in (("assigned_to = ?", [reviewer]), ("assigned_to IS NULL", [])):
            for after, where in ((_AFTER, [article_id, start, claim_id]), ("", [])):
                rows = self.execute(_QUEUE.format(who=who, after=after), [*params, *where])
                if rows:
                    return self.desk_claim(rows[0][0])
        return None

    def queue_size(self, reviewer: str) -> int:
        """How many pending claims are assigned to the reviewer."""
        return self.execute("SELECT COUNT(*) FROM claims WHERE assigned_to = ? AND status = 'pending'"
                            " AND deleted_at IS NULL", [reviewer])[0][0]

    def team_claims(self, article_id: int | None = None, status: str | None = None, assigned_to: str | None = None,
                    decided_by: str | None = None, review_only: bool = False) -> list[Claim]:
        """Live claims, in reading order, optionally of one article, status, assignee or last decider (names
        compare exactly); ``review_only``: only the desk's own (never the imported earlier fact-checks)."""
        where, params = ["deleted_at IS NULL"] + ([REVIEW_ONLY] if review_only else []), []
        for wanted, clause, value in ((article_id is not None, "article_id = ?", article_id),
                                      (status is not None, "status = ?", status and check_status(status)),
                                      (assigned_to is not None, "assigned_to = ?", assigned_to),
                                      (decided_by is not None, "reviewer = ? AND status != 'pending'", decided_by)):
            if wanted:
                where.append(clause)
                params.append(value)
        sql = f"SELECT {CLAIM_COLUMNS} FROM claims WHERE {' AND '.join(where)} ORDER BY article_id, start, id"
        return [from_row(Claim, row, highlighted=bool(row["highlighted"])) for row in self.records(sql, params)]

    def signoff(self, claim_id: int) -> Signoff:
        """The second review of a claim's verdict (state None: none asked for)."""
        rows = self.records("SELECT id AS claim_id, signoff AS state, second_reviewer, second_reviewed_at"
                            " FROM claims WHERE id = ?", [check_id(claim_id)])
        return from_row(Signoff, rows[0]) if rows else Signoff(claim_id, None, None, None)

    def second_review(self, claim_id: int) -> SecondReview | None:
        """The newest second review recorded of the claim (None: never given, or taken back)."""
        rows = self.records("SELECT claim_id, first_reviewer, first_status, first_at, second_reviewer, outcome, at"
                            " FROM claim_signoffs WHERE claim_id = ? ORDER BY id DESC LIMIT 1", [check_id(claim_id)])
        return from_row(SecondReview, rows[0]) if rows else None

    def signoffs(self, claim_ids: list[int]) -> dict[int, Signoff]:
        """The second reviews of these claims that were asked for."""
        found: dict[int, Signoff] = {}
        for start in range(0, len(claim_ids), 500):
            chunk = claim_ids[start : start + 500]
            rows = self.records("SELECT id AS claim_id, signoff AS state, second_reviewer, second_reviewed_at"
                                f" FROM claims WHERE signoff IS NOT NULL AND id IN ({', '.join('?' * len(chunk))})",
                                chunk)
            found.update({row["claim_id"]: from_row(Signoff, row) for row in rows})
        return found

    def awaiting_signoff(self, reviewer: str | None = None, limit: int = 1000) -> list[Claim]:
        """Verdicts awaiting a second review, oldest decision first; with ``reviewer``, those they may sign off
        (decided by someone else)."""
        where, params = "signoff = 'awaiting' AND status != 'pending' AND deleted_at IS NULL", []
        if reviewer is not None:
            where += " AND (reviewer IS NULL OR reviewer != ?)"
            params.append(reviewer)
        sql = f"SELECT {CLAIM_COLUMNS} FROM claims WHERE {where} ORDER BY reviewed_at, id LIMIT ?"
        rows = self.records(sql, [*params, limit])
        return [from_row(Claim, row, highlighted=bool(row["highlighted"])) for row in rows]

    def uses_second_review(self) -> bool:
        """Whether any verdict of the archive was ever asked or given a second review (exports then carry the
        sign-off columns; an archive without second review exports as before)."""
        rows = self.execute("SELECT 1 FROM claims WHERE signoff IS NOT NULL LIMIT 1")
        return bool(rows) or bool(self.execute("SELECT 1 FROM claim_signoffs LIMIT 1"))

    def reviewers(self) -> list[str]:
        """Everyone who decided, signed off or was assigned a claim, by name."""
        rows = self.execute("SELECT DISTINCT reviewer FROM claim_history WHERE reviewer IS NOT NULL"
                            " AND action != 'import' UNION SELECT DISTINCT assigned_to FROM claims"
                            " WHERE assigned_to IS NOT NULL ORDER BY 1")
        return [row[0] for row in rows]
