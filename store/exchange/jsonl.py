"""Exporting verdicts as JSON Lines: every field of each claim, its article, its matches and its full history.

One JSON object a line, in the order of the CSV export. Keys: the CSV COLUMNS (same values, never neutralised),
then ``start``, ``end``, ``cue``, ``flagged``, ``created_at``, ``article_author``, ``article_origin``,
``article_dateline``, ``article_loaded_at``, ``links`` (list of {earlier_id, score, kind}, best first) and
``history`` (list of {at, reviewer, from_status, to_status, note, action, evidence, source_claim_id}, oldest
first), ``assigned_to`` and ``assigned_at`` (the team workflow's assignment); with ``with_articles``,
``article_text`` too (the whole article, to rebuild the desk's articles from the file).
`claimdesk import` reads these files back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from store.exchange.export import ARTICLE_TEXT, ARTICLE_TEXT_SQL, COLUMNS, LINKS_SQL, ExportFilter, select_rows
from store.exchange.json_text import postgres_lines, record_fields

EXTRA_KEYS = ("start", "end", "cue", "flagged", "created_at")
ARTICLE_KEYS = ("article_author", "article_origin", "article_dateline", "article_loaded_at")
ASSIGNMENT_KEYS = ("assigned_to", "assigned_at")  # last: JSON Lines files of claimdesk before them lack them
HISTORY_KEYS = ("at", "reviewer", "from_status", "to_status", "note", "action", "evidence", "source_claim_id")

_HISTORY = (
    "json((SELECT json_group_array(json_object("
    + ", ".join(f"'{key}', {key}" for key in HISTORY_KEYS)
    + ")) FROM (SELECT * FROM claim_history h WHERE h.claim_id = c.id ORDER BY h.id)))"
)
_ARTICLE = "(SELECT {column} FROM articles a WHERE a.id = v.article_id)"
# The whole record is built by SQLite as one JSON text: no per-row parsing and dumping in Python.
_FIELDS = (
    [(key, f"v.{key}") for key in COLUMNS]
    + [("start", "c.start"), ("end", 'c."end"'), ("cue", "c.cue"),
       ("flagged", "CASE WHEN c.flagged THEN json('true') ELSE json('false') END"), ("created_at", "c.created_at")]
    + [(key, _ARTICLE.format(column=key.removeprefix("article_"))) for key in ARTICLE_KEYS]
    + [("links", LINKS_SQL), ("history", _HISTORY)]
    + [(key, f"c.{key}") for key in ASSIGNMENT_KEYS]
)
RECORD_SQL = "json_object(" + ", ".join(f"'{key}', {value}" for key, value in _FIELDS) + ")"
RECORD_WITH_ARTICLE_SQL = RECORD_SQL[:-1] + f", '{ARTICLE_TEXT}', {ARTICLE_TEXT_SQL})"


# PostgreSQL's record fields (store.exchange.json_text writes them as SQLite's json_object would).
_POSTGRES_FIELDS = record_fields((("start", "c.start"), ("end", 'c."end"'), ("cue", "c.cue"), ("flagged", "c.flagged"),
                                  ("created_at", "c.created_at")), HISTORY_KEYS, ARTICLE_KEYS) + [
    (key, f"c.{key}") for key in ASSIGNMENT_KEYS]


def record_lines(store, filters: ExportFilter | None = None, with_articles: bool = False) -> Iterator[str]:
    """One JSON text per claim, streamed."""
    for line, _ in record_rows(store, filters, with_articles):
        yield line


def record_rows(store, filters: ExportFilter | None = None, with_articles: bool = False,
                extra_sql: str = "") -> Iterator[tuple[str, tuple]]:
    """Each claim's JSON text, with the values of ``extra_sql``'s columns (of the verdicts view ``v`` and the
    claims ``c``) beside it, streamed."""
    if store.dialect == "postgresql":
        yield from postgres_lines(store, filters or ExportFilter(), _POSTGRES_FIELDS, with_articles,
                                  frozenset({"flagged"}), extra_sql)
        return
    sql = (RECORD_WITH_ARTICLE_SQL if with_articles else RECORD_SQL) + (f", {extra_sql}" if extra_sql else "")
    for line, *extras in select_rows(store, filters or ExportFilter(), sql, batch=500):
        yield line, tuple(extras)


def export_records(store, filters: ExportFilter | None = None) -> Iterator[dict]:
    """One dict per claim, streamed."""
    for line in record_lines(store, filters):
        yield json.loads(line)


# Characters that many readers (Python's str.splitlines, JavaScript before ES2019) take as line ends: escaped
# inside a JSON Lines record (they can only occur inside its strings), so one record is always one line.
LINE_BREAKERS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def one_line(record: str) -> str:
    """A JSON record with every character a line reader might split on escaped."""
    return record.translate(LINE_BREAKERS)


def write_jsonl(store, out: TextIO, filters: ExportFilter | None = None, with_articles: bool = False) -> int:
    count = 0
    for line in record_lines(store, filters, with_articles):
        out.write(one_line(line) + "\n")
        count += 1
    return count
