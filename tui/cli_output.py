"""Printing records for the command line: aligned tables, JSON Lines, CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence

import click

FORMATS = ("table", "jsonl")


def one_line(value: object, width: int | None = None) -> str:
    """A cell for a table: no line breaks, no control characters, shortened to ``width``."""
    text = "" if value is None else str(value)
    text = "".join(ch if ch.isprintable() else " " for ch in " ".join(text.split()))
    if width and len(text) > width:
        return text[: width - 1] + "…"
    return text


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]], widths: dict[str, int] | None = None):
    widths = widths or {}
    cells = [[one_line(v, widths.get(h)) for h, v in zip(headers, row, strict=True)] for row in rows]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(s) for h, s in zip(headers, sizes, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(c.ljust(s) for c, s in zip(row, sizes, strict=True)).rstrip())


def print_jsonl(records: Iterable[dict]) -> None:
    for record in records:
        click.echo(json.dumps(record, ensure_ascii=False))


def print_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
