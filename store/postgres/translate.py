"""The store's SQL, written for SQLite, as PostgreSQL runs it.

The store's modules write one SQL text per question, in the common subset of both databases wherever one exists
(``INSERT … ON CONFLICT``, ``COALESCE``, window functions, row values). What differs is rewritten here, once per
distinct text (cached), outside string literals and quoted names only:

- placeholders: ``?`` becomes ``%s`` and ``:name`` becomes ``%(name)s`` (psycopg's), every ``%`` ``%%``;
- ``instr(a, b)`` becomes ``strpos(a, b)``, ``IFNULL`` ``COALESCE``, SQLite's case-blind ``LIKE`` ``ILIKE``,
  ``x IS ?`` (equal, or both NULL) ``x IS NOT DISTINCT FROM ?``;
- an ``INSERT`` into a table with an ``id`` gets ``RETURNING id``, so ``cursor.lastrowid`` works as in SQLite.

Full-text search, the schema and the JSON export differ too much to rewrite: store.search_sql, store.postgres.schema
and store.exchange.json_text hold PostgreSQL's own text for those.

Values go in and rows come out as with SQLite too: `storable_params` keeps a NUL character (which PostgreSQL's text
cannot hold) as U+FFFD, and `Row` (made by the row factory `named_rows`) is addressable by column name as sqlite3.Row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import psycopg

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


def storable_params(params):
    """The parameters of a statement as PostgreSQL can store them (None: none)."""
    if params is None:
        return ()
    if isinstance(params, dict):
        return {key: _storable(value) for key, value in params.items()}
    return [_storable(value) for value in params]


def _storable(value):
    """PostgreSQL's text cannot hold a NUL character (SQLite's can): it is kept as U+FFFD, visibly replaced."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


class Row(tuple):
    """A row addressable by position and by column name, as sqlite3.Row."""

    names: tuple[str, ...] = ()

    def __new__(cls, names: tuple[str, ...], values: Sequence) -> Row:
        row = super().__new__(cls, values)
        row.names = names
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def named_rows(cursor: psycopg.Cursor):
    """A psycopg row factory making `Row`s (the cursor's row_factory when the store asks for rows by name)."""
    names = tuple(d.name for d in cursor.description or ())
    return lambda values: Row(names, values)
