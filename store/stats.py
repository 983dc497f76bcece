"""Counting the desk's own verdicts (never imported earlier checks) for the statistics screen: by article, by
source, by day of decision (optionally only the claims one reviewer decided), and per reviewer: verdicts by day,
second reviews, agreement between first and second review
(`reviewer_stats`, portable SQL over claim_history and claim_signoffs)."""

from __future__ import annotations

from collections import defaultdict

from store.models import STATUSES, ReviewerStats, VerdictCount

_COUNTS = """
SELECT {label} AS label,
       COUNT(*) FILTER (WHERE c.status = 'pending') AS pending,
       COUNT(*) FILTER (WHERE c.status = 'verified') AS verified,
       COUNT(*) FILTER (WHERE c.status = 'disputed') AS disputed,
       COUNT(*) FILTER (WHERE c.status = 'unverified') AS unverified
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE c.deleted_at IS NULL AND a.earlier_check = 0 {where}
GROUP BY label ORDER BY {order} LIMIT ?
"""

_GROUPS = {
    "article": ("a.title", "", "COUNT(*) FILTER (WHERE c.status != 'pending') DESC, label"),
    "source": ("COALESCE(a.source, '—')", "", "COUNT(*) DESC, label"),
    "day": ("substr(c.reviewed_at, 1, 10)", "AND c.status != 'pending' AND c.reviewed_at IS NOT NULL", "label"),
}


# A verdict is a history row that gave a claim a status other than pending (a decision, an applied match);
# imports (another organisation's verdicts) are not a reviewer's work.
_VERDICTS_BY_DAY = """
SELECT reviewer, substr(at, 1, 10) AS day, COUNT(*) FROM claim_history
WHERE action IN ('status', 'apply') AND to_status != 'pending' AND reviewer IS NOT NULL {where}
GROUP BY reviewer, substr(at, 1, 10)
"""
_SIGNOFFS = """
SELECT {who}, outcome, COUNT(*) FROM claim_signoffs WHERE {who} IS NOT NULL GROUP BY {who}, outcome
"""


class DeskStats:
    """Mixin of the Store: verdict counts."""

    def verdict_counts(self, by: str, limit: int = 30, reviewer: str | None = None) -> list[VerdictCount]:
        """The desk's claims (imported earlier checks left out) by status grouped by "article", "source" or "day"
        (the day each decided claim was decided); with ``reviewer``, only the claims that reviewer decided last."""
        label, where, order = _GROUPS[by]
        params: list = []
        if reviewer is not None:
            where += " AND c.reviewer = ?"
            params.append(reviewer)
        if by == "day":
            sql = _COUNTS.format(label=label, where=where, order="label DESC")
            rows = self.records(sql, [*params, limit])[::-1]
        else:
            rows = self.records(_COUNTS.format(label=label, where=where, order=order), [*params, limit])
        return [_count(str(row["label"]), row) for row in rows]

    def verdict_totals(self, reviewer: str | None = None) -> VerdictCount:
        """The desk's claims by status (imported earlier checks left out); with ``reviewer``, only the claims
        that reviewer decided last."""
        where, params = ("AND c.reviewer = ?", [reviewer]) if reviewer is not None else ("", [])
        rows = self.records(
            "SELECT COUNT(*) FILTER (WHERE c.status = 'pending') AS pending,"
            " COUNT(*) FILTER (WHERE c.status = 'verified') AS verified,"
            " COUNT(*) FILTER (WHERE c.status = 'disputed') AS disputed,"
            " COUNT(*) FILTER (WHERE c.status = 'unverified') AS unverified"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            f" WHERE c.deleted_at IS NULL AND a.earlier_check = 0 {where}", params
        )
        return _count("all", rows[0])

    def reviewer_stats(self, reviewer: str | None = None, days: int = 14) -> list[ReviewerStats]:
        """Per reviewer (or only ``reviewer``), by name: verdicts given (in all, and on each of the last ``days``
        days they gave any), second reviews given, and the agreement between first and second review."""
        where, params = ("AND reviewer = ?", [reviewer]) if reviewer is not None else ("", [])
        per_day: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for who, day, count in self.execute(_VERDICTS_BY_DAY.format(where=where), params):
            per_day[who].append((day, count))
        as_first: dict[str, dict[str, int]] = defaultdict(dict)
        as_second: dict[str, dict[str, int]] = defaultdict(dict)
        for who, outcome, count in self.execute(_SIGNOFFS.format(who="first_reviewer")):
            as_first[who][outcome] = count
        for who, outcome, count in self.execute(_SIGNOFFS.format(who="second_reviewer")):
            as_second[who][outcome] = count
        names = sorted(set(per_day) | set(as_first) | set(as_second))
        if reviewer is not None:
            names = [name for name in names if name == reviewer]
        return [ReviewerStats(name, sum(n for _, n in per_day[name]), tuple(sorted(per_day[name])[-days:]),
                              sum(as_second[name].values()), as_first[name].get("confirmed", 0),
                              as_first[name].get("reopened", 0), as_second[name].get("confirmed", 0),
                              as_second[name].get("reopened", 0)) for name in names]


def _count(label: str, row) -> VerdictCount:
    return VerdictCount(label=label, **{status: int(row[status] or 0) for status in STATUSES})
