"""Reading and writing claims and the links between them (the text of claims; their verdicts are in review)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from store.errors import NotFoundError, StoreError
from store.models import IMPORTED, STATUSES, Claim, LinkedClaim, NewClaim, from_row

CLAIM_COLUMNS = (
    'id, article_id, text, start, "end", score, type, speaker, status, note, reviewer, reviewed_at, cue, origin,'
    " rank, highlighted"
)
# The desk's own claims: those of the articles loaded to review (store.claims, store.team: ``review_only``).
REVIEW_ONLY = "article_id IN (SELECT id FROM articles WHERE earlier_check = 0)"

_LINKS_SQL = """
SELECT l.claim_id, l.earlier_id, l.score, l.kind, e.text, e.status, e.note, e.reviewer,
       a.id AS article_id, a.title AS article_title, a.source AS article_source
FROM claim_links l
JOIN claims e ON e.id = l.earlier_id
JOIN articles a ON a.id = e.article_id
WHERE l.claim_id = ? AND e.deleted_at IS NULL
ORDER BY l.score DESC, l.earlier_id
"""
_INSERT_LINKS_PG = ("INSERT INTO claim_links (claim_id, earlier_id, score, kind)"
                    " SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::double precision[], ?::text[])"
                    " ON CONFLICT (claim_id, earlier_id) DO UPDATE SET score = excluded.score, kind = excluded.kind")
_MAX_ID = 2**63 - 1


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise StoreError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}.")
    return status


def check_id(value: int, what: str = "claim") -> int:
    """An id SQLite can hold; NotFoundError (one sentence) for one too large to name anything."""
    if not -_MAX_ID <= value <= _MAX_ID:
        raise NotFoundError(f"there is no {what} {value}.")
    return value


def _claim(row) -> Claim:
    return from_row(Claim, row, highlighted=bool(row["highlighted"]))


class ClaimQueries:
    """Mixin of the Store: claims and links."""

    def insert_claims(self, article_id: int, claims: Iterable[NewClaim], origin: str = "extracted") -> list[int]:
        now = self.clock()
        ids = []
        for c in claims:
            cursor = self.db.execute(
                'INSERT INTO claims (article_id, start, "end", text, score, type, speaker, cue, origin, created_at,'
                " rank, highlighted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [article_id, c.start, c.end, c.text, c.score, c.type, c.speaker, c.cue, origin, now, c.rank,
                 int(c.highlighted)],
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
            "INSERT INTO claim_links (claim_id, earlier_id, score, kind) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (claim_id, earlier_id) DO UPDATE SET score = excluded.score, kind = excluded.kind",
            [claim_id, earlier_id, score, kind],
        )

    def add_links(self, links: Iterable[tuple[int, int, float, str]]) -> int:
        """Add each (claim_id, earlier_id, score, kind) link whose two claims are not linked yet (a merge bringing
        another archive's links: the links here stay as they are), in one transaction; returns how many."""
        added = 0
        with self.transaction():
            for claim_id, earlier_id, score, kind in links:
                there = self.execute("SELECT 1 FROM claim_links WHERE claim_id = ? AND earlier_id = ?",
                                     [check_id(claim_id), check_id(earlier_id)])
                if not there and claim_id != earlier_id:
                    self.insert_link(claim_id, earlier_id, score, kind)
                    added += 1
        return added

    def insert_links(self, links: Iterable[tuple[int, int, float, str]]) -> None:
        """(claim id, earlier id, score, kind) links, each stored as `insert_link` stores it (a later one of the
        same pair wins), in the caller's transaction: one statement on PostgreSQL (an import links thousands of
        checks; a statement each was a round trip each, and a bump of archive_version each)."""
        if self.dialect == "sqlite":
            for link in links:
                self.insert_link(*link)
            return
        last = {(link[0], link[1]): link for link in links}  # one statement may not update a row twice
        if last:
            self.db.execute(_INSERT_LINKS_PG, [list(column) for column in zip(*last.values(), strict=True)])

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

    def claim(self, claim_id: int) -> Claim:
        rows = self.records(f"SELECT {CLAIM_COLUMNS} FROM claims WHERE id = ?", [check_id(claim_id)])
        if not rows:
            raise NotFoundError(f"there is no claim {claim_id}.")
        return _claim(rows[0])

    def claims(self, article_id: int | None = None, status: str | None = None,
               review_only: bool = False) -> list[Claim]:
        """Live claims in reading order, optionally of one article or status; ``review_only``: only the desk's own
        (claims of the articles loaded to review, never the imported earlier fact-checks)."""
        where, params = ["deleted_at IS NULL"], []
        if review_only:
            where.append(REVIEW_ONLY)
        if article_id is not None:
            where.append("article_id = ?")
            params.append(check_id(article_id, "article"))
        if status is not None:
            where.append("status = ?")
            params.append(check_status(status))
        sql = f"SELECT {CLAIM_COLUMNS} FROM claims WHERE " + " AND ".join(where) + " ORDER BY article_id, start, id"
        return [_claim(row) for row in self.records(sql, params)]

    def links(self, claim_id: int) -> list[LinkedClaim]:
        return [from_row(LinkedClaim, row) for row in self.records(_LINKS_SQL, [claim_id])]

    def linked_ids(self, claim_id: int) -> list[int]:
        rows = self.execute("SELECT earlier_id FROM claim_links WHERE claim_id = ? ORDER BY score DESC", [claim_id])
        return [row[0] for row in rows]

    def claim_texts(self, batch: int = 10_000, after_id: int = 0,
                    origin_not: str | None = None) -> Iterator[tuple[int, int, str]]:
        """Every live claim as (id, article_id, text), streamed, for building a match index: those with an id
        above ``after_id``, and not of origin ``origin_not`` when given."""
        sql = "SELECT id, article_id, text FROM claims WHERE deleted_at IS NULL AND id > ?"
        params: list = [after_id]
        if origin_not is not None:
            sql += " AND origin != ?"
            params.append(origin_not)
        cursor = self.db.execute(sql + " ORDER BY id", params)
        while rows := cursor.fetchmany(batch):
            yield from (tuple(row) for row in rows)

    def claim_count(self) -> int:
        return self.execute("SELECT COUNT(*) FROM claims")[0][0]

    def imported_checks_to_link(self, limit: int | None = None) -> list[int]:
        """Ids of the imported earlier fact-checks not yet matched against the loaded claims, oldest first (the
        first ``limit`` of them when given: a caller that marks them linked asks again for the next ones)."""
        rows = self.execute("SELECT id FROM claims WHERE origin = ? AND linked_at IS NULL AND deleted_at IS NULL"
                            " ORDER BY id LIMIT ?", [IMPORTED, -1 if limit is None else limit])
        return [row[0] for row in rows]

    def has_loaded_claims(self) -> bool:
        """Whether any live claim comes from a loaded article (not an imported earlier check)."""
        rows = self.execute("SELECT EXISTS (SELECT 1 FROM claims WHERE origin != ? AND deleted_at IS NULL)",
                            [IMPORTED])
        return bool(rows[0][0])

    def set_all_linked(self) -> int:
        """Mark every imported check waiting to be linked as linked (when there is nothing loaded to link it to);
        returns how many were waiting."""
        with self.transaction():
            cursor = self.db.execute("UPDATE claims SET linked_at = ? WHERE origin = ? AND linked_at IS NULL"
                                     " AND deleted_at IS NULL", [self.clock(), IMPORTED])
        return cursor.rowcount

    def set_linked(self, claim_ids: Iterable[int]) -> None:
        """Record that these imported checks were matched against the loaded claims (call in the transaction
        that stores their links)."""
        now = self.clock()
        if self.dialect == "sqlite":
            self.db.conn.executemany("UPDATE claims SET linked_at = ? WHERE id = ?", [(now, i) for i in claim_ids])
        else:  # one statement, not one (and an archive_version bump) a claim
            self.db.execute("UPDATE claims SET linked_at = ? WHERE id = ANY(?::bigint[])", [now, list(claim_ids)])

