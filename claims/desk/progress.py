"""Counting a load as it goes: articles done, rate, time left, and the summary at the end.

Pure bookkeeping, shared by the command line's progress bar and the app's load dialog.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from claims.desk.load import LoadResult
from claims.read.inputs import InputReader


@dataclass
class LoadTally:
    """What a load has done so far. ``total`` may grow (a feed file turns out to hold many articles)."""

    total: int = 0
    loaded: int = 0
    duplicates: int = 0
    failures: list[LoadResult] = field(default_factory=list)
    claims: int = 0
    matched: int = 0  # claims with at least one earlier match
    words: int = 0
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.started = self.clock()

    @property
    def done(self) -> int:
        return self.loaded + self.duplicates + len(self.failures)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, result: LoadResult) -> None:
        if result.status == "loaded":
            self.loaded += 1
            self.claims += result.claims
            self.matched += result.matched
            self.words += result.words
        elif result.status == "duplicate":
            self.duplicates += 1
        else:
            self.failures.append(result)
        self.total = max(self.total, self.done)

    def drafts(self, reader: InputReader, inputs: list[str]) -> Iterator:
        """Each input's drafts, read with ``reader``; a feed's extra records grow
        ``total``."""
        for item in inputs:
            for number, draft in enumerate(reader.read(item)):
                if number:
                    self.total += 1
                yield draft

    @property
    def elapsed(self) -> float:
        return max(self.clock() - self.started, 1e-9)

    @property
    def rate(self) -> float:
        """Articles per second so far."""
        return self.done / self.elapsed

    @property
    def seconds_left(self) -> float | None:
        if not self.done or self.total <= self.done:
            return None if not self.done else 0.0
        return (self.total - self.done) / self.rate

    def status_line(self) -> str:
        """``37/100 articles · 2.4/s · about 26 s left``."""
        parts = [f"{self.done}/{self.total} articles", f"{self.rate:.1f}/s"]
        left = self.seconds_left
        if left and left >= 1:
            parts.append(f"about {format_seconds(left)} left")
        return " · ".join(parts)

    def summary(self) -> str:
        """``12 loaded, 3 already loaded, 1 failed.``"""
        return f"{self.loaded} loaded, {self.duplicates} already loaded, {self.failed} failed."


def format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
