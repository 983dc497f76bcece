"""The JSON Lines export of an archive that uses second review: each record as store.exchange.jsonl writes it,
then the keys ``signoff``, ``second_reviewer`` and ``second_reviewed_at`` last (the CSV export adds the same
columns last: store.exchange.export.SIGNOFF_COLUMNS). An archive without second review is written by
store.exchange.jsonl alone, byte for byte as before."""

from __future__ import annotations

import json
from typing import TextIO

from store.exchange.export import SIGNOFF_COLUMNS, SIGNOFF_SQL, ExportFilter
from store.exchange.jsonl import one_line, record_rows


def signoff_keys(values: tuple) -> str:
    """The sign-off keys as the end of a compact JSON object: ',"signoff":"confirmed",...}'."""
    keys = json.dumps(dict(zip(SIGNOFF_COLUMNS, values, strict=True)), ensure_ascii=False, separators=(",", ":"))
    return "," + keys[1:]


def write_jsonl_with_signoff(store, out: TextIO, filters: ExportFilter | None = None,
                             with_articles: bool = False) -> int:
    count = 0
    for line, signoff in record_rows(store, filters or ExportFilter(), with_articles, SIGNOFF_SQL):
        out.write(one_line(line[:-1] + signoff_keys(signoff)) + "\n")
        count += 1
    return count
