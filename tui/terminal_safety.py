"""The last guard between stored text and the terminal: no control character is ever drawn raw.

Article text is cleaned when it is loaded (store.clean_text shows control characters as visible symbols),
but text can reach the database other ways (imported fact-checks, notes, older databases). Rich and Textual
pass an ESC in a string straight to the terminal, where it would start an escape sequence. ControlFilter is a
Textual line filter, applied to every line of every widget just before it is drawn: it removes C0/C1 control
characters and the bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C: a terminal
that honours them would draw the rest of the line reversed, "Trojan Source" style) from the text of each
segment. They occupy no cells, so the layout does not change; the stored text keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class ControlFilter(LineFilter):
    """Drop control characters from the text the widgets draw (style and control segments are untouched)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(CONTROL_CHARACTERS.search(s.text) for s in segments if not s.control):
            return segments
        return [s if s.control else Segment(CONTROL_CHARACTERS.sub("", s.text), s.style) for s in segments]


class TerminalSafe:
    """Mixin for the App: adds ControlFilter to the line filters of every widget."""

    _control_filter = ControlFilter()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._control_filter]
