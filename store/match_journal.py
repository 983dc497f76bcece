"""What a persisted match index needs from the store: the archive's id, the claims' change journal, and the
titles of imported fact-checks (indexed as a second text of their claim).

The journal (table ``claim_changes``, filled by triggers, so every writer's changes are in it) numbers each
insert, delete or change of a claim's text, speaker, article or deletion mark, and (store.articles) each change
of an imported check's title. A match index snapshot remembers the last number it includes; opening it later
means applying only the claims changed after that number.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from store.models import IMPORTED


@dataclass(frozen=True)
class IndexedClaim:
    """A claim as the match index holds it."""

    id: int
    article_id: int
    text: str
    title: str | None = None  # an imported check's headline (its article's title) when it is not the claim text


class MatchJournal:
    """Mixin of the Store: the archive's id and its claims' change journal."""

    def archive_id(self) -> str:
        rows = self.execute("SELECT value FROM archive_meta WHERE key = 'archive_id'")
        return rows[0][0] if rows else ""

    def change_seq(self) -> int:
        """The number of the latest change of any claim (0 before the first)."""
        return self.execute("SELECT COALESCE(MAX(seq), 0) FROM claim_changes")[0][0]

    def change_tag(self, seq: int) -> int | None:
        """The random tag of the journal's entry ``seq`` (None if there is none): an archive restored from an
        older copy numbers its later changes again, but never with the same tags."""
        rows = self.execute("SELECT tag FROM claim_changes WHERE seq = ?", [seq])
        return rows[0][0] if rows else None

    def changed_since(self, seq: int) -> tuple[list[int], int]:
        """The distinct claim ids changed after ``seq``, and the latest change number."""
        rows = self.execute("SELECT claim_id, seq FROM claim_changes WHERE seq > ? ORDER BY seq", [seq])
        latest = rows[-1][1] if rows else seq
        return sorted({row[0] for row in rows}), latest

    def indexed_claims(self, claim_ids: list[int], batch: int = 500) -> Iterator[IndexedClaim]:
        """The live claims among ``claim_ids`` (deleted or unknown ones are left out), in id order, an imported
        check's with its title (never a loaded article's)."""
        for at in range(0, len(claim_ids), batch):
            chunk = claim_ids[at : at + batch]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT c.id, c.article_id, c.text, CASE WHEN c.origin = ? THEN NULLIF(a.title, c.text) END"
                " FROM claims c LEFT JOIN articles a ON a.id = c.article_id"
                f" WHERE c.id IN ({marks}) AND c.deleted_at IS NULL ORDER BY c.id",
                [IMPORTED, *chunk],
            ).fetchall()
            yield from (IndexedClaim(id=row[0], article_id=row[1], text=row[2], title=row[3]) for row in rows)

    def claim_titles(self, batch: int = 10_000) -> Iterator[tuple[int, str]]:
        """(claim id, title) of every live imported check whose title (its article's, the fact-check's headline)
        is not its claim text, streamed in id order: with claim_texts, what a match index is built from. A loaded
        article's title is never one."""
        cursor = self.db.execute(
            "SELECT c.id, a.title FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.origin = ?"
            " AND c.deleted_at IS NULL AND a.title IS NOT NULL AND a.title != c.text ORDER BY c.id", [IMPORTED])
        while rows := cursor.fetchmany(batch):
            yield from (tuple(row) for row in rows)
