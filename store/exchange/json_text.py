"""JSON Lines records on a PostgreSQL archive, byte for byte as SQLite writes them for the same archive.

On SQLite the whole record is one ``json_object(…)`` built by the database (store.exchange.jsonl). PostgreSQL's
JSON functions space and order their output their own way, so there the fields come back as values (the links and
the history as ``json_agg`` arrays) and `sqlite_json` writes them as SQLite's ``json_object`` does: no spaces,
``\\uXXXX`` for control characters (``\\n`` and its kin short), other characters as they are, and reals as SQLite
prints them (``%!.15g``: 15 significant digits, always a decimal point). An export of the same archive from either
backend is then the same file, and `claimdesk copy` can be checked by comparing exports.
"""

from __future__ import annotations

from collections.abc import Iterator

from store.exchange.export import ARTICLE_TEXT, ARTICLE_TEXT_SQL, COLUMNS, ExportFilter, select_rows
from store.exchange.json_values import POSTGRES_LINKS, sqlite_json, sqlite_real

__all__ = ["postgres_lines", "record_fields", "sqlite_json", "sqlite_real"]


def _history(keys: tuple[str, ...]) -> str:
    fields = ", ".join(f"'{key}', h.{key}" for key in keys)
    return (f"(SELECT COALESCE(json_agg(json_build_object({fields}) ORDER BY h.id), '[]'::json)"
            " FROM claim_history h WHERE h.claim_id = c.id)")


def record_fields(extra: tuple[tuple[str, str], ...], history_keys: tuple[str, ...],
                  article_keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """(key, PostgreSQL expression) of every field of a record, in the order of store.exchange.jsonl's."""
    article = "(SELECT {column} FROM articles a WHERE a.id = v.article_id)"
    return ([(key, f"v.{key}") for key in COLUMNS] + list(extra)
            + [(key, article.format(column=key.removeprefix("article_"))) for key in article_keys]
            + [("links", POSTGRES_LINKS), ("history", _history(history_keys))])


def postgres_lines(store, filters: ExportFilter, fields: list[tuple[str, str]], with_articles: bool,
                   booleans: frozenset[str], extra_sql: str = "") -> Iterator[tuple[str, tuple]]:
    """One JSON text per claim, from a PostgreSQL archive, as SQLite would write it, and the values of
    ``extra_sql``'s columns beside it."""
    if with_articles:
        fields = [*fields, (ARTICLE_TEXT, ARTICLE_TEXT_SQL)]
    keys = [key for key, _ in fields]
    columns = ", ".join(expression for _, expression in fields) + (f", {extra_sql}" if extra_sql else "")
    for row in select_rows(store, filters, columns, batch=500):
        record, extras = row[: len(keys)], tuple(row[len(keys) :])
        values = {key: (bool(value) if key in booleans else value) for key, value in zip(keys, record, strict=True)}
        yield sqlite_json(values), extras
