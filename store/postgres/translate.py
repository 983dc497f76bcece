"""The store's SQL, written for SQLite, as PostgreSQL runs it.

The store's modules write one SQL text per question, in the common subset of both databases wherever one exists
(``INSERT … ON CONFLICT``, ``COALESCE``, window functions, row values). What differs is rewritten here, once per
distinct text (cached), outside string literals and quoted names only:

- placeholders: ``?`` becomes ``%s`` and ``:name`` becomes ``%(name)s`` (psycopg's), every ``%`` ``%%``;
- ``instr(a, b)`` becomes ``strpos(a, b)``, ``IFNULL`` ``COALESCE``, SQLite's case-blind ``LIKE`` ``ILIKE``,
  ``x IS ?`` (equal, or both NULL) ``x IS NOT DISTINCT FROM ?``;
- an ``INSERT`` into a table with an ``id`` gets ``RETURNING id``, so ``cursor.lastrowid`` works as in SQLite.

Full-text search, the schema and the JSON export differ too much to rewrite: store.search_sql, store.postgres.schema
and store.postgres.records hold PostgreSQL's own text for those.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Tables whose rows have an ``id`` a caller may want back (cursor.lastrowid).
ID_TABLES = frozenset({"articles", "claims", "claim_history", "claim_signoffs"})
_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)
_WORDS = [
    (re.compile(r"\binstr\s*\(", re.IGNORECASE), "strpos("),
    (re.compile(r"\bIFNULL\s*\(", re.IGNORECASE), "COALESCE("),
    (re.compile(r"\bLIKE\b", re.IGNORECASE), "ILIKE"),
    (re.compile(r"\bIS\s+NOT\s+\?", re.IGNORECASE), "IS DISTINCT FROM ?"),
    (re.compile(r"\bIS\s+\?", re.IGNORECASE), "IS NOT DISTINCT FROM ?"),
]
_NAME = re.compile(r":([A-Za-z_]\w*)")


@lru_cache(maxsize=2048)
def translate(sql: str, returning: bool = True) -> str:
    """``sql`` as PostgreSQL (psycopg) takes it; with ``returning``, an INSERT into an id table returns the id."""
    out = "".join(_plain(part) if kind == "code" else part.replace("%", "%%") for kind, part in _segments(sql))
    table = inserted_table(sql)
    if returning and table in ID_TABLES and "RETURNING" not in sql.upper():
        out = out.rstrip().rstrip(";") + " RETURNING id"
    return out


def inserted_table(sql: str) -> str | None:
    """The table an INSERT statement writes to (None for any other statement)."""
    found = _INSERT.match(sql)
    return found.group(1).lower() if found else None


def _plain(code: str) -> str:
    """Code outside literals: SQLite's words as PostgreSQL's, its placeholders as psycopg's."""
    for pattern, replacement in _WORDS:
        code = pattern.sub(replacement, code)
    code = code.replace("%", "%%").replace("?", "%s")
    return _NAME.sub(_named, code)


def _named(found: re.Match) -> str:
    start = found.start()
    text = found.string
    if start > 0 and text[start - 1] == ":":  # a cast (x::text) is not a name
        return found.group(0)
    return f"%({found.group(1)})s"


def _segments(sql: str):
    """(kind, text) pieces of ``sql``: "code", or "quoted" for a '…' literal or a "…" name (kept as written)."""
    at, length = 0, len(sql)
    start = 0
    while at < length:
        char = sql[at]
        if char in "'\"":
            if at > start:
                yield "code", sql[start:at]
            end = at + 1
            while end < length:
                if sql[end] == char:
                    if end + 1 < length and sql[end + 1] == char:  # a doubled quote inside
                        end += 2
                        continue
                    break
                end += 1
            yield "quoted", sql[at : end + 1]
            at = start = end + 1
            continue
        at += 1
    if start < length:
        yield "code", sql[start:]
