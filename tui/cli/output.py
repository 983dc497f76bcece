"""Printing records for the command line: aligned tables, JSON Lines, CSV.

Nothing printed to a terminal is run by it: tables show no control characters at all (``one_line``), and
JSON Lines and CSV written to a terminal show them as symbols (ESC as ␛; ``terminal_safe``). Written to a pipe
or a file, JSON Lines and CSV carry the data exactly.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

import click

from store.clean_text import show_controls

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


class TerminalSafeWriter:
    """A text stream that shows control characters as symbols (ESC as ␛) before they reach the terminal."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(show_controls(text))

    def flush(self) -> None:
        self.stream.flush()


def terminal_safe(stream: TextIO | None = None) -> TextIO:
    """``stream`` (default stdout) as it is when it goes to a pipe or a file, made safe when it is a terminal."""
    stream = sys.stdout if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return TerminalSafeWriter(stream) if isatty is not None and isatty() else stream  # type: ignore[return-value]


def print_jsonl(records: Iterable[dict]) -> None:
    out = terminal_safe()
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def print_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(terminal_safe(), lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
