"""Exporting verdicts as CSV: one row per claim, streamed, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO

from store.claim_queries import check_status

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
)

_EXPORT_SQL = """
SELECT c.id, a.id, a.title, a.url, a.source, a.published, c.text, c.speaker, c.type,
       ROUND(c.score, 4), c.status, c.note, c.reviewer, c.reviewed_at,
       (SELECT GROUP_CONCAT(earlier_id, ' ') FROM
           (SELECT earlier_id FROM claim_links l WHERE l.claim_id = c.id ORDER BY l.score DESC, l.earlier_id))
FROM claims c JOIN articles a ON a.id = c.article_id
{where}
ORDER BY a.id, c.start, c.id
"""

# Cells that a spreadsheet would read as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def export_rows(store, status: str | None = None, article_id: int | None = None) -> Iterator[tuple]:
    """Rows in COLUMNS order, streamed from the database."""
    where, params = ["c.deleted_at IS NULL"], []
    if status is not None:
        where.append("c.status = ?")
        params.append(check_status(status))
    if article_id is not None:
        where.append("a.id = ?")
        params.append(article_id)
    sql = _EXPORT_SQL.format(where="WHERE " + " AND ".join(where))
    cursor = store.db.execute(sql, params)
    while rows := cursor.fetchmany(1000):
        yield from rows


def write_csv(store, out: TextIO, status: str | None = None, raw: bool = False, **filters) -> int:
    """Write the header and one row per claim; returns the number of claims written."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in export_rows(store, status=status, **filters):
        writer.writerow(row if raw else [neutralise(v) for v in row])
        count += 1
    return count
