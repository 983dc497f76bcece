"""Earlier fact-checks in the archive: stored in bulk, counted apart from the review queue, searched, streamed to
the matcher.

An earlier check is an article with ``earlier_check = 1`` holding one claim of origin "imported" (status from the
rating, note = the rating as written, reviewer = the organisation; one claim_history row, action "import"). Its
content_hash is the check's digest (organisation, review URL, claim), so the same check is stored once. Storing
goes in batches: one transaction writes a whole batch with a few statements (Store.insert_rows: executemany on
SQLite, COPY on PostgreSQL), not a dozen queries per check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from store.claims import check_id
from store.models import IMPORTED, EarlierCheckRow, ReviewCounts, from_row
from store.search_sql import articles_text, order_params

_IN_BATCH = 500  # values per IN (...) list
_ARTICLE_COLUMNS = ("id", "title", "source", "url", "published", "text", "content_hash", "loaded_at", "origin",
                    "subtitle", "earlier_check")
_CLAIM_COLUMNS = ("id", "article_id", "start", "end", "text", "score", "type", "speaker", "status", "note",
                  "reviewer", "reviewed_at", "origin", "created_at")


@dataclass(frozen=True)
class NewEarlierCheck:
    """One earlier fact-check to store (the store's side of store.exchange.fact_checks_in.ImportedVerdict)."""

    digest: str
    claim: str
    status: str
    rating: str | None
    url: str | None
    speaker: str | None
    date: str | None
    source: str | None
    title: str | None = None
    subtitle: str | None = None


_CHECK_COLUMNS = """c.id AS claim_id, a.id AS article_id, c.text AS claim, a.title AS title, a.subtitle AS subtitle,
    c.status AS status, c.note AS rating, a.source AS source, a.url AS url, a.published AS published,
    c.speaker AS speaker, (SELECT COUNT(*) FROM claim_links l WHERE l.earlier_id = c.id) AS linked"""


class EarlierChecks:
    """Mixin of the Store: earlier fact-checks imported from other organisations."""

    def known_digests(self, digests: Iterable[str]) -> set[str]:
        """Those of ``digests`` already stored (as an article's content hash)."""
        wanted, found = list(digests), set()
        for at in range(0, len(wanted), _IN_BATCH):
            chunk = wanted[at : at + _IN_BATCH]
            marks = ",".join("?" * len(chunk))
            rows = self.execute(f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def use_cache_for_bulk_writes(self, megabytes: int = 64) -> None:
        """A page cache of a fixed size for this connection (SQLite's default, 2 MB, makes every insert into the
        indexes of a large archive read pages from disk again); memory stays flat whatever the archive's size."""
        if self.dialect == "sqlite":  # a server keeps its own shared buffers
            self.db.execute(f"PRAGMA cache_size = -{int(megabytes) * 1024}")

    def insert_earlier_checks(self, checks: list[NewEarlierCheck], origin: str) -> list[int]:
        """Store new checks (their digests not stored yet) in the caller's transaction; returns their claim ids."""
        if not checks:
            return []
        now = self.clock()
        first_article = self.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles")[0][0]
        first_claim = self.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM claims")[0][0]
        self.insert_rows("articles", _ARTICLE_COLUMNS, [
            (first_article + n, c.title or c.claim, c.source, c.url, c.date, c.claim, c.digest, now, origin,
             c.subtitle, 1) for n, c in enumerate(checks)])
        self.insert_rows("claims", _CLAIM_COLUMNS, [
            (first_claim + n, first_article + n, 0, len(c.claim), c.claim, 1.0, "other", c.speaker, c.status,
             c.rating or None, c.source, now, IMPORTED, now) for n, c in enumerate(checks)])
        ids = list(range(first_claim, first_claim + len(checks)))
        self.record_imports([(claim_id, c.source, c.status, c.rating or None, now)
                             for claim_id, c in zip(ids, checks, strict=True)])
        return ids

    def earlier_check_texts(self, batch: int = 10_000,
                            with_subtitle: bool = False) -> Iterator[tuple]:
        """(claim_id, article_id, claim_text, title) of every live imported check, streamed in id order; title is
        the fact-check's headline, None when it has none (or it only repeats the claim). With ``with_subtitle``,
        a fifth item: the subtitle or description (or None)."""
        sql = ("SELECT c.id, c.article_id, c.text, NULLIF(a.title, c.text), a.subtitle FROM claims c"
               " JOIN articles a ON a.id = c.article_id WHERE c.origin = ? AND c.deleted_at IS NULL ORDER BY c.id")
        cursor = self.db.execute(sql, [IMPORTED])
        while rows := cursor.fetchmany(batch):
            yield from (tuple(row) if with_subtitle else tuple(row[:4]) for row in rows)

    def review_counts(self) -> ReviewCounts:
        """How many articles are loaded to review and how many earlier checks the archive holds."""
        # A whole-table COUNT(*) only counts index pages; a GROUP BY reads every entry (10x as long at 10^6 checks,
        # and the article list asks on every refresh).
        total, review, other = self.execute(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM articles WHERE earlier_check = 0),"
            " (SELECT COUNT(*) FROM articles WHERE earlier_check < 0 OR earlier_check > 1)")[0]
        return ReviewCounts(to_review=review, earlier_checks=total - review - other)

    def search_earlier_checks(self, words: str = "", source: str | None = None, status: str | None = None,
                              since: str | None = None, until: str | None = None, limit: int = 200,
                              offset: int = 0) -> list[EarlierCheckRow]:
        """Earlier checks whose headline or claim hold every word (best first; all, newest first, without words),
        from ``source`` (any case), with verdict ``status``, dated between ``since`` and ``until`` (inclusive)."""
        where, params = ["a.earlier_check = 1", "c.deleted_at IS NULL"], []
        for wanted, clause in ((source, "lower(a.source) = lower(?)"), (status, "c.status = ?"),
                               (since, "a.published >= ?"), (until, "a.published <= ?")):
            if wanted:
                where.append(clause)
                params.append(wanted)
        text = articles_text(self.dialect, words)
        if text.query is not None:
            sql = (f"SELECT {_CHECK_COLUMNS} FROM {text.source} JOIN claims c ON c.article_id = a.id"
                   f" WHERE {text.where} AND {' AND '.join(where)} ORDER BY {text.order} LIMIT ? OFFSET ?")
            params = [text.query, *params, *order_params(self.dialect, text)]
        else:
            sql = (f"SELECT {_CHECK_COLUMNS} FROM articles a JOIN claims c ON c.article_id = a.id"
                   f" WHERE {' AND '.join(where)} ORDER BY a.published IS NULL, a.published DESC, a.id DESC"
                   " LIMIT ? OFFSET ?")
        return [from_row(EarlierCheckRow, row) for row in self.records(sql, [*params, limit, offset])]

    def earlier_check(self, claim_id: int) -> EarlierCheckRow | None:
        """One earlier check by its claim id (None when that claim is not an imported check)."""
        rows = self.records(f"SELECT {_CHECK_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id"
                            " WHERE c.id = ? AND a.earlier_check = 1", [check_id(claim_id)])
        return from_row(EarlierCheckRow, rows[0]) if rows else None

    def claims_matching_check(self, claim_id: int) -> list[tuple[int, int, str, float, str]]:
        """The loaded claims linked to an earlier check: (claim id, article id, claim text, score, kind), best
        first."""
        rows = self.execute("SELECT c.id, c.article_id, c.text, l.score, l.kind FROM claim_links l"
                            " JOIN claims c ON c.id = l.claim_id WHERE l.earlier_id = ? AND c.deleted_at IS NULL"
                            " ORDER BY l.score DESC, c.id", [check_id(claim_id)])
        return [tuple(row) for row in rows]
