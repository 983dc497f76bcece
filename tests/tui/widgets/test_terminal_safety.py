"""Nothing stored reaches the terminal raw: control characters and bidirectional controls are never drawn."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from tui.terminal_safety import ControlFilter

CASES = [("\x1b[2J", "[2J"), ("\x07", ""), ("\u202e", ""), ("\u2066", ""), ("\u200f", ""), ("\u061c", ""),
         ("\x9b", "")]


@pytest.mark.parametrize(("hidden", "shown"), CASES)
def test_the_draw_filter_drops_controls_that_would_change_what_the_terminal_shows(hidden, shown):
    line = [Segment(f"Massoud{hidden} is inside Afghanistan", Style(bold=True))]
    drawn = ControlFilter().apply(line, Color(0, 0, 0))
    assert drawn[0].text == f"Massoud{shown} is inside Afghanistan"
    assert drawn[0].style == Style(bold=True)
