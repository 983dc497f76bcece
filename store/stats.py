"""Counting verdicts for the statistics screen: by article, by source, by day of decision."""

from __future__ import annotations

from store.desk_models import VerdictCount

_COUNTS = """
SELECT {label} AS label,
       SUM(c.status = 'pending'), SUM(c.status = 'verified'), SUM(c.status = 'disputed'), SUM(c.status = 'unverified')
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
            rows = self.execute(sql, [limit])[::-1]
        else:
            rows = self.execute(_COUNTS.format(label=label, where=where, order=order), [limit])
        return [VerdictCount(str(r[0]), *(int(v or 0) for v in r[1:])) for r in rows]

    def verdict_totals(self) -> VerdictCount:
        rows = self.execute(
            "SELECT SUM(status = 'pending'), SUM(status = 'verified'), SUM(status = 'disputed'),"
            " SUM(status = 'unverified') FROM claims WHERE deleted_at IS NULL"
        )
        return VerdictCount("all", *(int(v or 0) for v in rows[0]))
