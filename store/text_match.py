"""The one rule for "this text contains that" in filters: case and accents do not count.

``contains("Élise Durand", "elise")`` is True, as is ``contains("STRASSE", "straße")``. The app's forms call
`contains` in Python; the store registers the same function in SQLite as ``text_contains(haystack, needle)`` (see
`register`), so a filter run in SQL finds exactly the rows the same filter finds in Python. Quotes, ``%``, ``_``
and backslashes are plain characters here (no LIKE pattern is involved).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from functools import lru_cache

SQL_FUNCTION = "text_contains"


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``text`` without case or accents: casefolded, decomposed, combining marks dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def contains(haystack: str | None, needle: str | None) -> bool:
    """Whether ``needle`` occurs in ``haystack`` ignoring case and accents; an empty needle is found anywhere,
    a missing haystack holds nothing but the empty needle."""
    if not needle:
        return True
    if haystack is None:
        return False
    return fold(needle) in fold(haystack)


def _sql_contains(haystack: object, needle: object) -> int:
    return int(contains(haystack if isinstance(haystack, str) else None, needle if isinstance(needle, str) else ""))


def register(conn: sqlite3.Connection) -> None:
    """Make ``text_contains(haystack, needle)`` (1 or 0) available to SQL on this connection."""
    conn.create_function(SQL_FUNCTION, 2, _sql_contains, deterministic=True)
