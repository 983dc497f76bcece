"""Reading for the reviewer's desk: claims with flags, full history, filters, next pending, search, progress."""

from __future__ import annotations

from store.claims import check_id, check_status
from store.errors import NotFoundError
from store.models import (
    SORT_KEYS,
    ArticleQuery,
    ArticleSummary,
    ClaimFilter,
    ClaimRow,
    DeskClaim,
    DeskHistory,
    from_row,
)
from store.search_sql import articles_text, claims_text, order_params, snippet, words_of
from store.text_match import SQL_FUNCTION

DESK_COLUMNS = (
    'c.id, c.article_id, c.text, c.start, c."end", c.score, c.type, c.speaker, c.status, c.note, c.reviewer,'
    " c.reviewed_at, c.cue, c.origin, c.flagged, c.evidence, c.deleted_at, c.rank, c.highlighted"
)
_ROW_COLUMNS = ("c.id, c.article_id, a.title AS article_title, c.text, c.status, c.type, c.speaker, c.score, c.flagged,"
                " c.rank, c.highlighted")
_ORDER = "c.article_id, c.start, c.id"

# Progress is counted per listed article (through idx_claims_article), never over the whole archive: a review
# queue of 3 articles beside 10^6 earlier checks reads only those 3 articles' claims.
_SUMMARY_SQL = """
SELECT a.id, a.title, a.source, a.url, a.published, a.loaded_at, s.claims, s.decided, s.matched, a.dateline
FROM articles a
JOIN (SELECT x.id AS article_id,
             (SELECT COUNT(*) FROM claims c WHERE c.article_id = x.id AND c.deleted_at IS NULL) AS claims,
             (SELECT COUNT(*) FROM claims c WHERE c.article_id = x.id AND c.deleted_at IS NULL
                 AND c.status != 'pending') AS decided,
             (SELECT COUNT(*) FROM claims c WHERE c.article_id = x.id AND c.deleted_at IS NULL
                 AND EXISTS (SELECT 1 FROM claim_links l WHERE l.claim_id = c.id)) AS matched
      FROM articles x {kind}) s ON s.article_id = a.id
{where}
ORDER BY {order}
"""
_KINDS = {"review": "WHERE x.earlier_check = 0", "earlier": "WHERE x.earlier_check = 1", "all": ""}
# Each sort is a tuple of ORDER BY terms (a term may hold commas itself, as COALESCE(...) does).
_SORTS = {
    "id": ("a.id",),
    "title": ("lower(a.title)", "a.id"),
    "source": ("lower(a.source)", "a.id"),
    "date": ("COALESCE(a.published, a.loaded_at)", "a.id"),
    "progress": ("CAST(COALESCE(s.decided, 0) AS REAL) / CASE WHEN s.claims > 0 THEN s.claims ELSE 1 END", "a.id"),
}
assert tuple(_SORTS) == SORT_KEYS
# FTS5's snippet() reads every hit of the article, which grows faster than the article (36 s a keystroke on
# 3 MB): longer articles show the text around the first word's first occurrence instead, a bounded window.
SNIPPET_MAX_CHARS = 20_000
WINDOW_BEFORE, WINDOW_CHARS = 40, 120


def order_by(sort: str, descending: bool = False) -> str:
    """The ORDER BY terms of an article-list sort, each reversed when ``descending``."""
    terms = _SORTS.get(sort, _SORTS["id"])
    return ", ".join(f"{term} DESC" if descending else term for term in terms)


def contains(text: str) -> str:
    """A LIKE pattern (for ``LIKE ? ESCAPE '\\'``) matching ``text`` anywhere, its % _ and \\ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _claim_filter_sql(f: ClaimFilter) -> tuple[list[str], list]:
    where, params = ["c.deleted_at IS NULL"], []
    checks = [
        (f.status, "c.status = ?", check_status(f.status) if f.status else None),
        (f.type, "c.type = ?", f.type),
        (f.speaker, f"{SQL_FUNCTION}(c.speaker, ?)", f.speaker),
        (f.min_score is not None, "c.score >= ?", f.min_score),
        (f.max_score is not None, "c.score <= ?", f.max_score),
        (f.article_id is not None, "c.article_id = ?", f.article_id),
    ]
    for wanted, clause, value in checks:
        if wanted:
            where.append(clause)
            params.append(value)
    if f.flagged:
        where.append("c.flagged = 1")
    return where, params


class DeskQueries:
    """Mixin of the Store: what the review screens read."""

    def desk_claim(self, claim_id: int) -> DeskClaim:
        """One claim, deleted or not."""
        rows = self.records(f"SELECT {DESK_COLUMNS} FROM claims c WHERE c.id = ?", [check_id(claim_id)])
        if not rows:
            raise NotFoundError(f"there is no claim {claim_id}.")
        return _desk(rows[0])

    def desk_claims(self, article_id: int) -> list[DeskClaim]:
        """The live claims of an article, in reading order."""
        sql = f"SELECT {DESK_COLUMNS} FROM claims c WHERE c.article_id = ? AND c.deleted_at IS NULL ORDER BY {_ORDER}"
        return [_desk(row) for row in self.records(sql, [check_id(article_id, "article")])]

    def desk_history(self, claim_id: int) -> list[DeskHistory]:
        return self.history(claim_id)

    def filter_claims(self, claim_filter: ClaimFilter, limit: int = 2000, by_score: bool = False) -> list[ClaimRow]:
        """Claims passing the filter, in reading order or (``by_score``) highest check-worthiness score first."""
        where, params = _claim_filter_sql(claim_filter)
        order = f"c.score DESC, {_ORDER}" if by_score else _ORDER
        sql = (f"SELECT {_ROW_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id"
               f" WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?")
        return [_row(r) for r in self.records(sql, [*params, limit])]

    def claim_types(self) -> list[str]:
        return [r[0] for r in self.execute("SELECT DISTINCT type FROM claims WHERE deleted_at IS NULL ORDER BY 1")]

    def next_pending(self, article_id: int = 0, start: int = -1, claim_id: int = 0) -> DeskClaim | None:
        """The first pending claim after (article_id, start, claim_id) in reading order, wrapping round."""
        base = f"SELECT {DESK_COLUMNS} FROM claims c WHERE c.status = 'pending' AND c.deleted_at IS NULL"
        after = " AND (c.article_id, c.start, c.id) > (?, ?, ?)"
        for sql, params in ((base + after, [article_id, start, claim_id]), (base, [])):
            rows = self.records(f"{sql} ORDER BY {_ORDER} LIMIT 1", params)
            if rows:
                return _desk(rows[0])
        return None

    def search_claims(self, words: str, limit: int = 200) -> list[ClaimRow]:
        """Claims whose text, speaker or note hold every word (full-text search), best first."""
        found = claims_text(self.dialect, words)
        if found.query is None:
            return []
        sql = (f"SELECT {_ROW_COLUMNS} FROM {found.source} JOIN articles a ON a.id = c.article_id"
               f" WHERE {found.where} AND c.deleted_at IS NULL ORDER BY {found.order} LIMIT ?")
        params = [found.query, *order_params(self.dialect, found), limit]
        return [_row(r) for r in self.records(sql, params)]

    def search_articles(self, words: str, limit: int = 100) -> list[ClaimRow]:
        """Articles to review whose title or text hold every word, as list rows of kind "article" (id = article id);
        earlier checks are searched in the archive (store.earlier.search_earlier_checks)."""
        text = articles_text(self.dialect, words)
        if text.query is None:
            return []
        first = words_of(words)[0].lower()
        at = "instr(lower(a.text), :first)"
        found = f"CASE WHEN {at} > :before THEN {at} - :before ELSE 1 END"
        sql = (f"SELECT a.id, a.title, CASE WHEN length(a.text) <= :short THEN {snippet(self.dialect, ':query')}"
               f" ELSE substr(a.text, {found}, :chars) END, CASE WHEN length(a.text) > :short THEN {found} END"
               f" FROM {text.source} WHERE {text.where.replace('?', ':query')} AND a.earlier_check = 0"
               f" ORDER BY {text.order.replace('?', ':query')} LIMIT :limit")
        params = {"first": first, "before": WINDOW_BEFORE, "short": SNIPPET_MAX_CHARS, "chars": WINDOW_CHARS,
                  "query": text.query, "limit": limit}
        return [ClaimRow(id=i, article_id=i, article_title=title, text=_trimmed(snip, start) or title, status="",
                         type="", speaker=None, score=0.0, flagged=False, kind="article")
                for i, title, snip, start in self.execute(sql, params)]

    def article_summaries(self, query: ArticleQuery | None = None) -> list[ArticleSummary]:
        """The article list with progress, sorted and filtered."""
        query = query or ArticleQuery()
        where, params = _article_where(query)
        order = order_by(query.sort, query.descending)
        sql = _SUMMARY_SQL.format(where=("WHERE " + " AND ".join(where)) if where else "", order=order,
                                  kind=_KINDS.get(query.which, _KINDS["review"]))
        return [from_row(ArticleSummary, row) for row in self.records(sql, params)]

    def sources(self) -> list[str]:
        """The sources of the articles to review (the filter of their list), not those of imported earlier checks."""
        return [r[0] for r in self.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL"
                                           " AND earlier_check = 0 ORDER BY 1")]


def _article_where(query: ArticleQuery) -> tuple[list[str], list]:
    where, params = [], []
    if query.source:
        where.append(f"{SQL_FUNCTION}(a.source, ?)")
        params.append(query.source)
    if query.since:
        where.append("substr(COALESCE(a.published, a.loaded_at), 1, 10) >= ?")
        params.append(query.since)
    if query.until:
        where.append("substr(COALESCE(a.published, a.loaded_at), 1, 10) <= ?")
        params.append(query.until)
    if query.progress == "todo":
        where.append("COALESCE(s.decided, 0) < COALESCE(s.claims, 0)")
    elif query.progress == "done":
        where.append("COALESCE(s.decided, 0) = COALESCE(s.claims, 0)")
    return where, params


def _trimmed(window: str | None, start: int | None) -> str | None:
    """A window of article text (from offset ``start``, 1-based; None for FTS5's own snippet) on one line, cut at
    word boundaries, with "…" where it was cut."""
    if not window or start is None:
        return window
    words = window.split()[1 if start > 1 else 0 : -1]
    return f"{'…' if start > 1 else ''}{' '.join(words)}…" if words else window


def _desk(row) -> DeskClaim:
    return from_row(DeskClaim, row, flagged=bool(row["flagged"]), highlighted=bool(row["highlighted"]))


def _row(row) -> ClaimRow:
    return from_row(ClaimRow, row, flagged=bool(row["flagged"]),
                    highlighted=bool(row["highlighted"]) if "highlighted" in row.keys() else True)
