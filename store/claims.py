"""Reading and writing claims and the links between them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from store.errors import NotFoundError, StoreError
from store.models import STATUSES, Claim, LinkedClaim, NewClaim

_CLAIM_COLUMNS = (
    'id, article_id, text, start, "end", score, type, speaker, status, note, reviewer, reviewed_at, cue, origin'
)

_LINKS_SQL = """
SELECT l.claim_id, l.earlier_id, l.score, l.kind, e.text, e.status, e.note, e.reviewer,
       a.id, a.title, a.source
FROM claim_links l
JOIN claims e ON e.id = l.earlier_id
JOIN articles a ON a.id = e.article_id
WHERE l.claim_id = ? AND e.deleted_at IS NULL
ORDER BY l.score DESC, l.earlier_id
"""


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise StoreError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}.")
    return status


class ClaimQueries:
    """Mixin of the Store: claims and links."""

    def insert_claims(self, article_id: int, claims: Iterable[NewClaim], origin: str = "extracted") -> list[int]:
        now = self.clock()
        ids = []
        for c in claims:
            cursor = self.db.execute(
                'INSERT INTO claims (article_id, start, "end", text, score, type, speaker, cue, origin, created_at)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article_id, c.start, c.end, c.text, c.score, c.type, c.speaker, c.cue, origin, now],
            )
            ids.append(cursor.lastrowid)
        return ids

    def set_analysis(self, claim_id: int, score: float, type: str, speaker: str | None, cue: str | None) -> None:
        """What the extractor found for a claim (one added by hand is analysed after it is stored): its
        check-worthiness score, type and speaker. Not a reviewer's decision: no history row."""
        with self.transaction():
            self.db.execute("UPDATE claims SET score = ?, type = ?, speaker = ?, cue = ? WHERE id = ?",
                            [score, type, speaker, cue, claim_id])

    def insert_link(self, claim_id: int, earlier_id: int, score: float, kind: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO claim_links (claim_id, earlier_id, score, kind) VALUES (?, ?, ?, ?)",
            [claim_id, earlier_id, score, kind],
        )

    def claim(self, claim_id: int) -> Claim:
        rows = self.execute(f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE id = ?", [claim_id])
        if not rows:
            raise NotFoundError(f"there is no claim {claim_id}.")
        return Claim(*rows[0])

    def claims(self, article_id: int | None = None, status: str | None = None) -> list[Claim]:
        where, params = ["deleted_at IS NULL"], []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if status is not None:
            where.append("status = ?")
            params.append(check_status(status))
        sql = f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE " + " AND ".join(where) + " ORDER BY article_id, start, id"
        return [Claim(*row) for row in self.execute(sql, params)]

    def links(self, claim_id: int) -> list[LinkedClaim]:
        return [LinkedClaim(*row) for row in self.execute(_LINKS_SQL, [claim_id])]

    def linked_ids(self, claim_id: int) -> list[int]:
        rows = self.execute("SELECT earlier_id FROM claim_links WHERE claim_id = ? ORDER BY score DESC", [claim_id])
        return [row[0] for row in rows]

    def claim_texts(self, batch: int = 10_000) -> Iterator[tuple[int, int, str]]:
        """Every claim as (id, article_id, text), streamed, for building a match index."""
        cursor = self.db.execute("SELECT id, article_id, text FROM claims WHERE deleted_at IS NULL ORDER BY id")
        while rows := cursor.fetchmany(batch):
            yield from rows

    def claim_count(self) -> int:
        return self.execute("SELECT COUNT(*) FROM claims")[0][0]
