"""Claims' sentence vectors for semantic matching (table ``claim_vectors``, migration m010).

One row per claim: the id of the model that made it (vectors of another model are never mixed with these), the
claim's vector and, for an imported earlier check whose title differs from its claim, the title's; both as the
bytes claims.match.encoder.quantise makes (the store never looks inside). A row goes with its claim (ON DELETE
CASCADE) and is dropped, in the same transaction, by any write that changes the claim's text or the check's title
(triggers of m010), so a vector is never older than the text it stands for.

``claims_to_embed`` and ``all_vectors`` stream in id order, ``batch`` rows a query (keyset pagination: flat memory
and short reads whatever the archive's size); ``save_vectors`` writes one short transaction per call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

VectorRow = tuple[int, str, bytes, bytes | None]  # claim id, model, claim vector, title vector (or None)
_IN_BATCH = 500  # ids per IN (...) list

_UPSERT = ("INSERT INTO claim_vectors (claim_id, model, claim, title) VALUES (?, ?, ?, ?)"
           " ON CONFLICT (claim_id) DO UPDATE SET model = excluded.model, claim = excluded.claim,"
           " title = excluded.title")
# The same, only while the claim still holds the text the vector was made from (a reviewer may have edited it
# while it was being embedded: the trigger then had nothing to drop, and the vector would be stale).
_UPSERT_IF_TEXT = ("INSERT INTO claim_vectors (claim_id, model, claim, title)"
                   " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM claims WHERE id = ? AND text = ?)"
                   " ON CONFLICT (claim_id) DO UPDATE SET model = excluded.model, claim = excluded.claim,"
                   " title = excluded.title")

_TO_EMBED = """SELECT c.id, c.text, CASE WHEN a.earlier_check = 1 AND a.title <> c.text THEN a.title END
    FROM claims c JOIN articles a ON a.id = c.article_id
    LEFT JOIN claim_vectors v ON v.claim_id = c.id AND v.model = ?
    WHERE c.id > ? AND c.deleted_at IS NULL AND v.claim_id IS NULL
    ORDER BY c.id LIMIT ?"""


class ClaimVectors:
    """Mixin of the Store: claims' sentence vectors."""

    def save_vectors(self, rows: Sequence[VectorRow], texts: Sequence[str] | None = None) -> int:
        """Store (or replace) vectors, in one transaction. With ``texts`` (the claim text each row's vector was
        made from, in the order of ``rows``), a row is stored only if its claim still holds that text. Returns
        the rows given (those left out for a changed text are counted too: they are embedded on the next run)."""
        if not rows:
            return 0
        with self.transaction():
            if texts is None:
                self.db.conn.executemany(_UPSERT, [tuple(row) for row in rows])
            else:
                self.db.conn.executemany(_UPSERT_IF_TEXT, [(*row, row[0], text)
                                                           for row, text in zip(rows, texts, strict=True)])
        return len(rows)

    def vectors_of(self, claim_ids: Iterable[int], model: str) -> dict[int, tuple[bytes, bytes | None]]:
        """The stored vectors of ``model`` among ``claim_ids``: claim id -> (claim vector, title vector or None)."""
        wanted, found = list(claim_ids), {}
        for at in range(0, len(wanted), _IN_BATCH):
            chunk = wanted[at : at + _IN_BATCH]
            marks = ",".join("?" * len(chunk))
            for claim_id, claim, title in self.execute(
                    f"SELECT claim_id, claim, title FROM claim_vectors WHERE model = ? AND claim_id IN ({marks})",
                    [model, *chunk]):
                found[claim_id] = (bytes(claim), bytes(title) if title is not None else None)
        return found

    def claims_to_embed(self, model: str, batch: int = 1000,
                        after_id: int = 0) -> Iterator[tuple[int, str, str | None]]:
        """(claim id, text, title or None) of every live claim after ``after_id`` without a vector of ``model``,
        in id order, ``batch`` per query. The title is an imported check's headline when it differs from its
        claim; None for a claim of a loaded article. Vectors saved while iterating are not asked for again."""
        last = after_id
        while rows := self.execute(_TO_EMBED, [model, last, batch]):
            yield from ((row[0], row[1], row[2]) for row in rows)
            last = rows[-1][0]

    def vector_counts(self, model: str) -> tuple[int, int]:
        """(live claims with a vector of ``model``, live claims)."""
        embedded = self.execute(
            "SELECT COUNT(*) FROM claim_vectors v JOIN claims c ON c.id = v.claim_id"
            " WHERE v.model = ? AND c.deleted_at IS NULL", [model])[0][0]
        claims = self.execute("SELECT COUNT(*) FROM claims WHERE deleted_at IS NULL")[0][0]
        return embedded, claims

    def all_vectors(self, model: str, batch: int = 10_000) -> Iterator[tuple[int, bytes, bytes | None]]:
        """(claim id, claim vector, title vector or None) of every live claim with a vector of ``model``, in id
        order, ``batch`` per query."""
        last = 0
        while rows := self.execute(
                "SELECT v.claim_id, v.claim, v.title FROM claim_vectors v JOIN claims c ON c.id = v.claim_id"
                " WHERE v.model = ? AND v.claim_id > ? AND c.deleted_at IS NULL ORDER BY v.claim_id LIMIT ?",
                [model, last, batch]):
            yield from ((row[0], bytes(row[1]), bytes(row[2]) if row[2] is not None else None) for row in rows)
            last = rows[-1][0]
