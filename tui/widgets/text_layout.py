"""Wrapping an article into screen lines once per width, and finding words, lines and offsets in it.

Lines are (start, end) character offsets into the article text, so a claim's span maps to lines by bisection
and the article is never re-laid out when a verdict changes a colour.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rich.cells import cell_len

_TOKEN = re.compile(r"\S+\s*|\s+")
_WORD = re.compile(r"\S+")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of every paragraph to `width` cells; a word wider than a line is cut. A run of blank
    lines (empty or only spaces) is shown as one: the offsets of the text stay those of the article."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    position, blank_before = 0, False
    for paragraph in text.split("\n"):
        blank = not paragraph.strip()
        if blank:
            if not blank_before:
                lines.append((position, position))
        else:
            lines.extend(_wrap_paragraph(paragraph, position, width))
        blank_before = blank
        position += len(paragraph) + 1
    return lines


def _wrap_paragraph(paragraph: str, offset: int, width: int) -> list[tuple[int, int]]:
    if not paragraph:
        return [(offset, offset)]
    lines, start, used = [], 0, 0
    for match in _TOKEN.finditer(paragraph):
        word = match.group().rstrip() or match.group()
        cells = cell_len(word) if not word.isascii() else len(word)
        if used and used + cells > width:
            lines.append((offset + start, offset + match.start()))
            start, used = match.start(), 0
        while cells > width and used == 0:  # a very long word: cut it
            cut = start + width
            lines.append((offset + start, offset + cut))
            start = cut
            cells = len(paragraph[start:match.end()].rstrip())
        piece = paragraph[max(start, match.start()) : match.end()]
        used += len(piece) if piece.isascii() else cell_len(piece)
    lines.append((offset + start, offset + len(paragraph)))
    return lines


@dataclass
class Layout:
    """An article laid out at one width: its lines and its words."""

    text: str
    width: int
    lines: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    word_starts: list[int] = field(default_factory=list)
    word_ends: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, width: int) -> Layout:
        lines = wrap(text, width)
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        return cls(text, width, lines, [s for s, _ in lines], [s for s, _ in words], [e for _, e in words])

    def line_of(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)

    def offset_at(self, x: int, y: int) -> int:
        """The character offset shown at cell (x, y) of the laid-out text."""
        if not self.lines:
            return 0
        y = min(max(y, 0), len(self.lines) - 1)
        start, end = self.lines[y]
        column = 0
        for index in range(start, end):
            column += cell_len(self.text[index])
            if column > x:
                return index
        return end

    def word_span(self, offset: int) -> tuple[int, int]:
        """The word at (or just after) offset."""
        index = min(bisect_right(self.word_ends, offset), len(self.word_starts) - 1)
        return (self.word_starts[index], self.word_ends[index]) if index >= 0 else (0, 0)

    def next_word_end(self, offset: int) -> int:
        index = bisect_right(self.word_ends, offset)
        return self.word_ends[index] if index < len(self.word_ends) else offset

    def previous_word_end(self, offset: int) -> int:
        index = bisect_left(self.word_ends, offset) - 1
        return self.word_ends[index] if index >= 0 else offset

    def next_word_start(self, offset: int) -> int:
        index = bisect_right(self.word_starts, offset)
        return self.word_starts[index] if index < len(self.word_starts) else offset

    def previous_word_start(self, offset: int) -> int:
        index = bisect_left(self.word_starts, offset) - 1
        return self.word_starts[index] if index >= 0 else offset
