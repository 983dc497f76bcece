"""Conflicts between claims (table claim_conflicts, m007): storing them, reading them for the panel and the CLI.

Found at load (claims.desk.load, claims.match.conflicts); not a reviewer's decision, so no history row. A pair
is stored once, the later claim first; a deleted claim's conflicts are not shown.
"""

from __future__ import annotations

from store.claims import check_id
from store.models import Conflict, from_row

_CONFLICTS_SQL = """
SELECT k.claim_id, k.other_id, k.differs,
       a.text AS claim_text, b.text AS other_text, a.speaker AS claim_speaker, b.speaker AS other_speaker,
       a.article_id AS claim_article_id, b.article_id AS other_article_id,
       aa.title AS claim_article_title, ba.title AS other_article_title,
       a.status AS claim_status, b.status AS other_status
FROM claim_conflicts k
JOIN claims a ON a.id = k.claim_id JOIN claims b ON b.id = k.other_id
JOIN articles aa ON aa.id = a.article_id JOIN articles ba ON ba.id = b.article_id
WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL {where}
ORDER BY a.article_id, k.claim_id, k.other_id
"""


class ConflictQueries:
    """Mixin of the Store: conflicts between claims."""

    def insert_conflict(self, claim_id: int, other_id: int, differs: str) -> None:
        """Store that two claims disagree (in the caller's transaction); the later claim goes first."""
        later, earlier = max(claim_id, other_id), min(claim_id, other_id)
        self.db.execute("INSERT INTO claim_conflicts (claim_id, other_id, differs) VALUES (?, ?, ?)"
                        " ON CONFLICT (claim_id, other_id) DO UPDATE SET differs = excluded.differs",
                        [later, earlier, differs])

    def conflicts(self, article_id: int | None = None) -> list[Conflict]:
        """Every conflict, or those with a claim in this article."""
        if article_id is None:
            return self._conflicts("", [])
        check_id(article_id, "article")
        return self._conflicts("AND (a.article_id = ? OR b.article_id = ?)", [article_id, article_id])

    def conflicts_of(self, claim_id: int) -> list[Conflict]:
        """The conflicts of one claim, each seen from it (its own text first)."""
        found = self._conflicts("AND (k.claim_id = ? OR k.other_id = ?)", [claim_id, claim_id])
        return [c.seen_from(claim_id) for c in found]

    def _conflicts(self, where: str, params: list) -> list[Conflict]:
        return [from_row(Conflict, row) for row in self.records(_CONFLICTS_SQL.format(where=where), params)]
