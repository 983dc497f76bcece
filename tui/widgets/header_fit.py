"""Fitting a screen's key figures into Textual's one-line Header, whole: the long wording while it fits, else the
short one, else on two lines (the header then grows to two: class ``-two-lines``, in app.tcss). A figure is never
cut by the header's ellipsis unless even two lines of short wordings cannot hold it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

# Textual's Header: the icon (8 cells) left of the title, the clock's space (10 cells) right of it.
HEADER_SIDES = 18
TWO_LINES = "-two-lines"
SEPARATOR = " · "
TITLE_SEPARATOR = " — "  # what App.format_title puts between the title and the sub-title


@dataclass(frozen=True)
class Figure:
    """One figure of a header in two wordings: "6 articles to review" and "6 to review"."""

    long: str
    short: str = ""

    @property
    def brief(self) -> str:
        return self.short or self.long


@dataclass(frozen=True)
class FittedHeader:
    sub_title: str
    two_lines: bool


def fit_figures(title: str, figures: Sequence[Figure], width: int) -> FittedHeader:
    """The sub-title for a header ``width`` cells wide (the screen's width) under ``title``: the figures in their
    long wording on one line, else their short one, else on two lines (long, then short wording)."""
    room = max(width - HEADER_SIDES, 0)
    lead = cell_len(title + TITLE_SEPARATOR) if title else 0
    wordings = ([f.long for f in figures], [f.brief for f in figures])
    for words in wordings:
        line = SEPARATOR.join(words)
        if lead + cell_len(line) <= room:
            return FittedHeader(line, False)
    for words in wordings:
        lines = _two_lines(words, room - lead, room)
        if lines:
            return _joined(lines)
    return _joined(_split(wordings[1], room - lead))


def _joined(lines: Sequence[str]) -> FittedHeader:
    shown = [line for line in lines if line]
    return FittedHeader("\n".join(shown), len(shown) > 1)


def _two_lines(words: list[str], first_room: int, room: int) -> list[str] | None:
    """``words`` on two lines, the first ``first_room`` cells and the second ``room``, each word whole; None if
    they do not fit."""
    first, second = _split(words, first_room)
    return [first, second] if cell_len(first) <= first_room and cell_len(second) <= room else None


def _split(words: list[str], first_room: int) -> tuple[str, str]:
    """The most words that fit in ``first_room`` (at least one) on the first line, the rest on the second."""
    taken = 1
    while taken < len(words) and cell_len(SEPARATOR.join(words[:taken + 1])) <= first_room:
        taken += 1
    return SEPARATOR.join(words[:taken]), SEPARATOR.join(words[taken:])
