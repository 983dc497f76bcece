"""Writing the CSV export from SQLite: a batch of rows at a time through store.exchange.csv_bytes, as bytes straight
under a UTF-8 file (decoded only for a text-only stream: a terminal, a StringIO). A batch csv_bytes cannot write
exactly is read again as Python values and written by csv_lines, so every byte is what csv.writer writes.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from store.exchange.csv_bytes import csv_bytes
from store.exchange.csv_lines import csv_lines

BATCH = 1000  # rows formatted at once


@dataclass(frozen=True)
class CsvQuery:
    """The export's rows: ``template`` (a SELECT with {columns} and {where}), the fast select list and the kind of
    each cell it gives, the exact (Python values) select list, the WHERE clause and its parameters."""

    template: str
    fast: str
    kinds: tuple[str, ...]
    exact: str
    where: str
    params: list
    raw: bool


def write(store, out: TextIO, query: CsvQuery) -> int:
    """Write the rows of ``query`` to ``out`` (the header already there); returns how many."""
    write_bytes = _bytes_writer(out)
    cursor = store.db.execute(query.template.format(columns=query.fast, where=query.where), query.params)
    count = 0
    try:
        while batch := cursor.fetchmany(BATCH):
            _write_batch(store, out, write_bytes, batch, query)
            count += len(batch)
    finally:
        cursor.close()
    return count


def _write_batch(store, out: TextIO, write_bytes: Callable | None, batch: list[tuple], query: CsvQuery) -> None:
    data = csv_bytes(batch, query.kinds, query.raw)
    if data is None:
        data = _exact_lines(store, batch, query).encode()
    if write_bytes:
        write_bytes(data)
        return
    try:
        text = data.decode()
    except UnicodeDecodeError:  # bytes SQLite holds as text that are not UTF-8: fail as the exact way does
        text = _exact_lines(store, batch, query)
    out.write(text)


def _bytes_writer(out: TextIO) -> Callable[[bytes | bytearray], object] | None:
    """Where UTF-8 bytes can go straight under ``out`` (a UTF-8 text file that translates no newlines, its text
    flushed first), else None (write text)."""
    encoding = getattr(out, "encoding", None)
    if not isinstance(out, io.TextIOWrapper) or not encoding or os.linesep != "\n":
        return None
    if codecs.lookup(encoding).name != "utf-8":
        return None
    out.flush()
    return out.buffer.write


def _exact_lines(store, batch: list[tuple], query: CsvQuery) -> str:
    """The CSV text of a batch of fast rows, read again by claim id as Python values and written by csv_lines."""
    claim_ids = [int(row[0][:row[0].index(b",")]) for row in batch]
    text = []
    for first in range(0, len(claim_ids), 500):  # within any SQLite's limit on parameters
        chunk = claim_ids[first:first + 500]
        where = f"WHERE c.id IN ({', '.join('?' * len(chunk))})"
        rows = store.execute(query.template.format(columns=query.exact, where=where), chunk)
        text.append(csv_lines(rows, query.raw))
    return "".join(text)
