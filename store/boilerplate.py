"""Boilerplate sentences (claims of type "boilerplate", see claims.match.boilerplate): marking them, finding them.

Not a reviewer's decision: no history row. A claim a reviewer has decided is never marked (its verdict stays in
sight). Marking a claim removes every match and conflict stored from it or to it, in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.models import BOILERPLATE


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for first in range(0, len(ids), size):
        yield ids[first : first + size]


class BoilerplateQueries:
    """Mixin of the Store: boilerplate claims and the sources of articles."""

    def mark_boilerplate(self, claim_ids: Iterable[int]) -> list[int]:
        """Mark these claims (those still pending and not marked yet) as boilerplate, no longer highlighted, and
        drop their links; returns the ids marked."""
        marked: list[int] = []
        with self.transaction():
            for chunk in _chunks(sorted(set(claim_ids))):
                marks = ",".join("?" * len(chunk))
                rows = self.execute(f"SELECT id FROM claims WHERE id IN ({marks}) AND status = 'pending'"
                                    " AND type != ?", [*chunk, BOILERPLATE])
                ids = [row[0] for row in rows]
                if not ids:
                    continue
                marks = ",".join("?" * len(ids))
                self.db.execute(f"UPDATE claims SET type = ?, highlighted = 0 WHERE id IN ({marks})",
                                [BOILERPLATE, *ids])
                self.db.execute(f"DELETE FROM claim_links WHERE claim_id IN ({marks}) OR earlier_id IN ({marks})",
                                [*ids, *ids])
                self.db.execute(f"DELETE FROM claim_conflicts WHERE claim_id IN ({marks}) OR other_id IN ({marks})",
                                [*ids, *ids])
                marked += ids
        return marked

    def boilerplate_ids(self) -> set[int]:
        """The ids of every claim marked as boilerplate."""
        return {row[0] for row in self.execute("SELECT id FROM claims WHERE type = ?", [BOILERPLATE])}

    def article_sources(self, article_ids: Iterable[int]) -> dict[int, str | None]:
        """Each of these articles' source (None when it has none)."""
        found: dict[int, str | None] = {}
        for chunk in _chunks(sorted(set(article_ids))):
            marks = ",".join("?" * len(chunk))
            found.update(self.execute(f"SELECT id, source FROM articles WHERE id IN ({marks})", chunk))
        return found
