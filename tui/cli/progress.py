"""The progress the CLI shows on stderr for long work: a rich bar on a terminal, a plain line every 10% if not.

One class for every unit: bytes of a file read (``claimdesk import``: the bar shows kB/MB, a piped line says
"30% read") or things counted (claims embedded: the bar shows "300/1,000", a piped line "30% (300 of 1,000
claims)"). The line for 100% is never printed: the command's own summary follows.
"""

from __future__ import annotations

import sys

import click

BYTES = "bytes"


class ProgressBar:
    """A context manager that removes the bar at the end; ``update(done)`` with how much is done so far (bytes read),
    ``advance(count)`` after ``count`` more (claims embedded). ``done`` is how much was done."""

    def __init__(self, label: str, total: int, unit: str = "claims"):
        self.label, self.total, self.unit = label, max(total, 1), unit
        self.done = 0
        self._progress = None
        self._task = None
        self._next_tenth = 1

    def __enter__(self) -> ProgressBar:
        if sys.stderr.isatty():
            self._start_bar()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, count: int) -> None:
        self.update(self.done + count)

    def update(self, done: int) -> None:
        self.done = done
        if self._progress is not None:
            self._progress.update(self._task, completed=min(done, self.total))
            return
        tenth = done * 10 // self.total
        if tenth >= self._next_tenth and tenth < 10:
            click.echo(f"progress {self.label}: {self._piped(tenth)}", err=True)
            self._next_tenth = tenth + 1

    def _piped(self, tenth: int) -> str:
        if self.unit == BYTES:
            return f"{tenth * 10}% read"
        return f"{tenth * 10}% ({self.done:,} of {self.total:,} {self.unit})"

    def _start_bar(self) -> None:
        from rich.console import Console  # lazy: rich loads only for a bar on a terminal
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        amount = DownloadColumn() if self.unit == BYTES else MofNCompleteColumn()
        self._progress = Progress(TextColumn(self.label), BarColumn(), amount, TimeRemainingColumn(),
                                  console=Console(stderr=True), transient=True)
        self._task = self._progress.add_task(self.label, total=self.total)
        self._progress.start()
