"""Exporting verdicts: one row per claim, streamed, filtered, safe to open in a spreadsheet.

The CSV columns are COLUMNS, in that order (documented in the README, "Export and import"); the rows are
those of the ``verdicts`` view. With ``with_articles`` the REBUILD_COLUMNS follow (each article's text, the claim's
offsets, attribution cue, assignment and links, the article's dateline and author), so the file alone can rebuild
the desk's articles and verdicts (`claimdesk import` into an empty database); a CSV without them reads back as
before. Every export holds the desk's own claims only (ExportFilter.kind): the imported earlier fact-checks are
other desks' verdicts, never published or carried as the desk's (store.exchange.formats counts those left out).
The other formats (JSON Lines, ClaimReview) and writing to a file are in store/exchange/formats.py.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TextIO

from store.claims import REVIEW_ONLY, check_status
from store.errors import StoreError
from store.exchange import csv_sqlite
from store.exchange.csv_bytes import FLOAT, PAIR, TAIL, TEXT
from store.exchange.csv_lines import FORMULA_STARTS, csv_lines
from store.exchange.csv_sqlite import CsvQuery
from store.exchange.json_values import POSTGRES_LINKS, links_json

COLUMNS = (
    "claim_id",
    "article_id",
    "article_title",
    "article_url",
    "article_source",
    "published",
    "claim",
    "speaker",
    "claim_type",
    "checkworthiness",
    "status",
    "note",
    "reviewer",
    "reviewed_at",
    "matched_claim_ids",
    "evidence",
    "claim_origin",
    "article_hash",
    "rank",  # the claim's place among its article's claims by checkworthiness (1 = best; empty: added by hand)
    "highlighted",  # 1 when the app highlights it by default (claims.extract.article_rank)
)
# Second review (the team workflow), after every other column, only when the archive uses it (an archive without
# second review exports byte for byte as before): store.exchange.second_review.
SIGNOFF_COLUMNS = ("signoff", "second_reviewer", "second_reviewed_at")
SIGNOFF_EXPRESSIONS = ("c.signoff", "c.second_reviewer", "c.second_reviewed_at")
SIGNOFF_SQL = ", ".join(SIGNOFF_EXPRESSIONS)
EXCEL_BOM = "\ufeff"
ARTICLE_TEXT = "article_text"
ARTICLE_TEXT_SQL = "(SELECT a.text FROM articles a WHERE a.id = v.article_id)"
# What a rebuild needs beyond COLUMNS, after them in a CSV exported --with-articles (JSON Lines has them all as keys):
# ``links`` is the claim's links as JSON text, as JSON Lines writes them ([{"earlier_id", "score", "kind"}...]).
REBUILD_COLUMNS = (ARTICLE_TEXT, "start", "end", "cue", "article_dateline", "article_author", "assigned_to",
                   "assigned_at", "links")
LINKS_SQL = """json((SELECT json_group_array(json_object('earlier_id', earlier_id, 'score', score, 'kind', kind)) FROM
    (SELECT earlier_id, score, kind FROM claim_links l WHERE l.claim_id = c.id ORDER BY score DESC, earlier_id)))"""
_ARTICLE_SQL = "(SELECT a.{column} FROM articles a WHERE a.id = v.article_id)"
REBUILD_SQL = (ARTICLE_TEXT_SQL, "c.start", 'c."end"', "c.cue", _ARTICLE_SQL.format(column="dateline"),
               _ARTICLE_SQL.format(column="author"), "c.assigned_to", "c.assigned_at", LINKS_SQL)

_ROWS_SQL = """
SELECT {columns} FROM verdicts v JOIN claims c ON c.id = v.claim_id
{where}
ORDER BY c.article_id, c.start, c.id
"""
COUNT_SQL = "SELECT COUNT(*) FROM verdicts v JOIN claims c ON c.id = v.claim_id {where}"

# The articles of each kind of claims (ExportFilter.kind): loaded to review (earlier_check = 0) or earlier checks.
_KINDS = {"review": f"v.{REVIEW_ONLY}",
          "earlier": "v.article_id IN (SELECT id FROM articles WHERE earlier_check != 0)"}

# Cells that a spreadsheet would read as a formula (OWASP "CSV injection").
_FORMULA_STARTS = tuple(sorted(FORMULA_STARTS))
BATCH = 1000  # rows formatted at once
_WHEN = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?")


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo `neutralise` (for reading claimdesk's own CSV back)."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS):
        return value[1:]
    return value


def check_when(value: str | None) -> str | None:
    """A --since/--until bound: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z], naming a day (and time) that exists."""
    if value is None:
        return None
    try:
        if not _WHEN.fullmatch(value):
            raise ValueError(value)
        datetime.fromisoformat(value.removesuffix("Z"))
    except ValueError as error:
        raise StoreError(f"cannot read the date {value!r}: use a real date as YYYY-MM-DD or "
                         "YYYY-MM-DDTHH:MM:SSZ.") from error
    return value


@dataclass(frozen=True)
class ExportFilter:
    """Which claims to export. ``since``/``until`` bound the decision time (reviewed_at), both inclusive; a bare
    date for ``until`` means the end of that day. Source and reviewer compare without case."""

    status: str | None = None
    article_ids: tuple[int, ...] = ()
    source: str | None = None
    reviewer: str | None = None
    since: str | None = None
    until: str | None = None
    decided_only: bool = False
    highlighted_only: bool = False  # only claims highlighted by default, and any claim already decided
    # Whose claims: "review" (the desk's own: claims of the articles loaded to review, what every export writes),
    # "earlier" (the imported earlier fact-checks: other desks' verdicts) or "all" (copy --merge reads them all).
    kind: str = "review"

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.kind in _KINDS:
            clauses.append(_KINDS[self.kind])
        elif self.kind != "all":
            raise StoreError(f"unknown kind of claims {self.kind!r}: use review, earlier or all.")
        if self.status is not None:
            clauses.append("v.status = ?")
            params.append(check_status(self.status))
        if self.decided_only:
            clauses.append("v.status != 'pending'")
        if self.highlighted_only:
            clauses.append("(v.highlighted = 1 OR v.status != 'pending')")
        if self.article_ids:
            clauses.append(f"v.article_id IN ({', '.join('?' * len(self.article_ids))})")
            params.extend(self.article_ids)
        for column, value in (("article_source", self.source), ("reviewer", self.reviewer)):
            if value:
                clauses.append(f"lower(v.{column}) = lower(?)")
                params.append(value)
        if check_when(self.since):
            clauses.append("v.reviewed_at >= ?")
            params.append(self.since)
        if check_when(self.until):
            if len(self.until) == 10:  # a day: everything decided before the next day began
                clauses.append("v.reviewed_at < ?")
                params.append((date.fromisoformat(self.until) + timedelta(days=1)).isoformat())
            else:
                clauses.append("v.reviewed_at <= ?")
                params.append(self.until)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def make_filter(filters: ExportFilter | None = None, status: str | None = None,
                article_id: int | None = None) -> ExportFilter:
    """The filter the older keyword arguments (status, article_id) describe, on top of ``filters``."""
    filters = filters or ExportFilter()
    if status is not None or article_id is not None:
        ids = filters.article_ids + ((article_id,) if article_id is not None else ())
        filters = replace(filters, status=status or filters.status, article_ids=ids)
    return filters


def select_rows(store, filters: ExportFilter, columns: str = "v.*", batch: int = 1000) -> Iterator[tuple]:
    """Rows of the verdicts view (joined as v with claims c) in export order, streamed."""
    where, params = filters.where()
    return store.stream(_ROWS_SQL.format(columns=columns, where=where), params, batch)


# The verdicts view's columns, the matched ids looked up only for a claim that has a link (most have none, and the
# view's sorted subquery costs each row a temporary b-tree): the same rows, a tenth less of SQLite's time.
MATCHED_SQL = ("CASE WHEN EXISTS (SELECT 1 FROM claim_links l WHERE l.claim_id = v.claim_id) THEN v.matched_claim_ids "
               "END")
COLUMNS_SQL = ", ".join(MATCHED_SQL if column == "matched_claim_ids" else f"v.{column}" for column in COLUMNS)

# The same columns as SQLite's fast CSV path reads them (store.exchange.csv_bytes): text as its bytes, the two ids as
# one "claim_id,article_id" cell, checkworthiness as the float it is (ROUND gives a float, never an integer), rank and
# highlighted as one number (NULL unless both are small whole numbers: such a batch is written the exact way). Every
# other column is text or NULL (TEXT columns, group_concat).
TAIL_SQL = ("CASE WHEN v.highlighted IN (0, 1) AND (v.rank IS NULL OR v.rank = CAST(v.rank AS INTEGER) "
            "AND v.rank >= 0) THEN ifnull(v.rank * 2, -2) + v.highlighted END")
_FAST = {"claim_id": (PAIR, "CAST(v.claim_id || ',' || v.article_id AS BLOB)"), "article_id": None,
         "checkworthiness": (FLOAT, "v.checkworthiness"), "rank": (TAIL, TAIL_SQL), "highlighted": None,
         "matched_claim_ids": (TEXT, f"CAST({MATCHED_SQL} AS BLOB)")}


def fast_columns(extra: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """The select list of SQLite's fast CSV path for COLUMNS and the ``extra`` text expressions after them, and the
    kind of each cell it gives (store.exchange.csv_bytes)."""
    cells = [_FAST.get(column, (TEXT, f"CAST(v.{column} AS BLOB)")) for column in COLUMNS]
    cells = [cell for cell in cells if cell] + [(TEXT, f"CAST({expression} AS BLOB)") for expression in extra]
    return ", ".join(sql for _, sql in cells), tuple(kind for kind, _ in cells)


def select_batches(store, filters: ExportFilter, columns: str = COLUMNS_SQL, batch: int = BATCH
                   ) -> Iterator[list[tuple]]:
    """`select_rows`, ``batch`` rows at a time (for writers that format many rows at once)."""
    where, params = filters.where()
    cursor = store.db.execute(_ROWS_SQL.format(columns=columns, where=where), params)
    while rows := cursor.fetchmany(batch):
        yield rows


def export_rows(store, status: str | None = None, article_id: int | None = None,
                filters: ExportFilter | None = None) -> Iterator[tuple]:
    """Rows in COLUMNS order, streamed from the database."""
    return select_rows(store, make_filter(filters, status, article_id))


def write_csv(store, out: TextIO, status: str | None = None, raw: bool = False, excel: bool = False,
              filters: ExportFilter | None = None, article_id: int | None = None, with_articles: bool = False,
              second_review: bool = False) -> int:
    """Write the header and one row per claim (RFC 4180, CRLF); returns the number of claims written. With
    ``second_review`` the SIGNOFF_COLUMNS come last."""
    if excel:
        out.write(EXCEL_BOM)
    header = COLUMNS + (REBUILD_COLUMNS if with_articles else ()) + (SIGNOFF_COLUMNS if second_review else ())
    csv.writer(out, lineterminator="\r\n").writerow(header)
    count = 0
    selection = make_filter(filters, status, article_id)
    extra = (rebuild_sql(store) if with_articles else ()) + (SIGNOFF_EXPRESSIONS if second_review else ())
    columns = ", ".join((COLUMNS_SQL, *extra))
    if store.dialect == "sqlite":  # bytes a batch at a time (store.exchange.csv_sqlite), the same as csv_lines's
        fast, kinds = fast_columns(extra)
        where, params = selection.where()
        return csv_sqlite.write(store, out, CsvQuery(_ROWS_SQL, fast, kinds, columns, where, params, raw))
    for batch in select_batches(store, selection, columns):
        if with_articles:  # PostgreSQL's links, as SQLite writes them (store.exchange.json_text)
            batch = [row[:_LINKS_AT] + (links_json(row[_LINKS_AT]),) + row[_LINKS_AT + 1:] for row in batch]
        out.write(csv_lines(batch, raw))  # neutralise()d unless raw, a batch at a time (store.exchange.csv_lines)
        count += len(batch)
    return count


_LINKS_AT = len(COLUMNS) + REBUILD_COLUMNS.index("links")


def rebuild_sql(store) -> tuple[str, ...]:
    """The select expressions of REBUILD_COLUMNS on ``store``'s backend."""
    if store.dialect == "sqlite":
        return REBUILD_SQL
    return REBUILD_SQL[:-1] + (POSTGRES_LINKS,)


@dataclass(frozen=True)
class ExportOptions:
    fmt: str = "csv"
    raw: bool = False
    excel: bool = False
    organisation: str | None = None  # ClaimReview author
    review_url: str | None = None  # ClaimReview url template, e.g. https://example.org/checks/{claim_id}
    with_articles: bool = False  # CSV and JSON Lines: carry each article's text, to rebuild the desk's articles
    second_review: bool | None = None  # CSV and JSON Lines: the sign-off columns last (None: if the archive uses them)
