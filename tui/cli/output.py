"""Printing records for the command line: aligned tables, JSON Lines, CSV.

Nothing printed to a terminal is run by it: tables show no control characters at all (``one_line``), and
JSON Lines and CSV written to a terminal show them as symbols (ESC as ␛; ``terminal_safe``). Written to a pipe
or a file, JSON Lines and CSV carry the data exactly; JSON Lines writes the bidirectional controls as escapes
(U+202E as \\u202e: the same string once read).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import NoReturn, TextIO

import click

from store.clean_text import show_controls
from store.wording import counted

__all__ = ["CLOSED_PIPE_EXIT", "LIST_FORMATS", "closed_pipe", "counted", "one_line", "print_csv", "print_jsonl",
           "print_table", "terminal_safe", "write_out"]

CLOSED_PIPE_EXIT = 141  # 128 + SIGPIPE: what a shell reports for `yes | head -1`
LIST_FORMATS = ("table", "jsonl")  # how list commands print (exports: store.exchange.formats)
# The bidirectional controls (a viewer that honours them draws the rest of the line reversed, "Trojan Source"
# style), written in JSON Lines as \uXXXX escapes: the same JSON string, read back unchanged.
BIDI_ESCAPES = {code: f"\\u{code:04x}" for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                                                     *range(0x2066, 0x206A))}


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
        out.write(json.dumps(record, ensure_ascii=False).translate(BIDI_ESCAPES) + "\n")


def print_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(terminal_safe(), lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)


def write_out(write: Callable[[TextIO], int], stream: TextIO | None = None) -> int:
    """Run ``write`` on ``stream`` (default stdout, made terminal-safe) and flush it; a write error (a full disk,
    ``> /dev/full``) is a ClickException, never a silent success; a closed pipe ends quietly (`closed_pipe`)."""
    stream = sys.stdout if stream is None else stream
    try:
        count = write(terminal_safe(stream))
        stream.flush()
    except BrokenPipeError:
        closed_pipe(stream)
    except OSError as error:
        _drop_unwritten(stream)
        raise click.ClickException(f"cannot write the output: {error.strerror or error}.") from error
    return count


def closed_pipe(stream: TextIO | None = None) -> NoReturn:
    """The reader of the output went away (``claimdesk claims | head -1``): end quietly with the status a shell
    gives a program a closed pipe stopped (128 + SIGPIPE), as Unix tools do; a command that reads loses nothing."""
    _drop_unwritten(sys.stdout if stream is None else stream)
    sys.exit(CLOSED_PIPE_EXIT)


def _drop_unwritten(stream: TextIO) -> None:
    """After a failed write to stdout, point it at /dev/null so Python's own flush at exit fails no more."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
