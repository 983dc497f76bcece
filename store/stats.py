"""Counting verdicts for the statistics screen: by article, by source, by day of decision."""

from __future__ import annotations

from store.models import STATUSES, VerdictCount

_COUNTS = """
SELECT {label} AS label,
       COUNT(*) FILTER (WHERE c.status = 'pending') AS pending,
       COUNT(*) FILTER (WHERE c.status = 'verified') AS verified,
       COUNT(*) FILTER (WHERE c.status = 'disputed') AS disputed,
       COUNT(*) FILTER (WHERE c.status = 'unverified') AS unverified
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE c.deleted_at IS NULL {where}
GROUP BY label ORDER BY {order} LIMIT ?
"""

_GROUPS = {
    "article": ("a.title", "", "COUNT(*) FILTER (WHERE c.status != 'pending') DESC, label"),
    "source": ("COALESCE(a.source, '—')", "", "COUNT(*) DESC, label"),
    "day": ("substr(c.reviewed_at, 1, 10)", "AND c.status != 'pending' AND c.reviewed_at IS NOT NULL", "label"),
}


class DeskStats:
    """Mixin of the Store: verdict counts."""

    def verdict_counts(self, by: str, limit: int = 30) -> list[VerdictCount]:
        """Claims by status grouped by "article", "source" or "day" (the day each decided claim was decided)."""
        label, where, order = _GROUPS[by]
        if by == "day":
            sql = _COUNTS.format(label=label, where=where, order="label DESC")
            rows = self.records(sql, [limit])[::-1]
        else:
            rows = self.records(_COUNTS.format(label=label, where=where, order=order), [limit])
        return [_count(str(row["label"]), row) for row in rows]

    def verdict_totals(self) -> VerdictCount:
        rows = self.records(
            "SELECT COUNT(*) FILTER (WHERE status = 'pending') AS pending,"
            " COUNT(*) FILTER (WHERE status = 'verified') AS verified,"
            " COUNT(*) FILTER (WHERE status = 'disputed') AS disputed,"
            " COUNT(*) FILTER (WHERE status = 'unverified') AS unverified"
            " FROM claims WHERE deleted_at IS NULL"
        )
        return _count("all", rows[0])


def _count(label: str, row) -> VerdictCount:
    return VerdictCount(label=label, **{status: int(row[status] or 0) for status in STATUSES})
