"""Progress through a file by bytes read, on stderr: a rich bar on a terminal, a plain line every 10% if not."""

from __future__ import annotations

import sys

import click


class ByteProgress:
    """``update(bytes_read)`` as a file is read; a context manager that removes the bar at the end."""

    def __init__(self, label: str, total: int, enabled: bool = True):
        self.label, self.total = label, max(total, 1)
        self.enabled = enabled
        self._progress = None
        self._task = None
        self._next_tenth = 1

    def __enter__(self) -> ByteProgress:
        if self.enabled and sys.stderr.isatty():
            self._start_bar()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, done: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=min(done, self.total))
            return
        tenth = done * 10 // self.total
        if self.enabled and tenth >= self._next_tenth and tenth < 10:
            click.echo(f"progress {self.label}: {tenth * 10}% read", err=True)
            self._next_tenth = tenth + 1

    def _start_bar(self) -> None:
        from rich.console import Console  # lazy: rich loads only for a bar on a terminal
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(TextColumn(self.label), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                                  console=Console(stderr=True), transient=True)
        self._task = self._progress.add_task("import", total=self.total)
        self._progress.start()
