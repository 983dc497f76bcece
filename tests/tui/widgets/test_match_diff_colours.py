"""In the match diff, what differs stands out: never dimmed, and drawn with enough contrast to read on a dark
theme and on a light one."""

from __future__ import annotations

from rich.color import Color
from rich.console import Console

from tui.widgets.claim_panel import diff_lines

DARK, LIGHT = Color.parse("#121212"), Color.parse("#f5f5f5")


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def style_of(text, word: str, nth: int = 0):
    plain, at = text.plain, -1
    for _ in range(nth + 1):
        at = plain.index(word, at + 1)
    return text.get_style_at_offset(Console(), at)


def test_changed_numbers_are_not_dimmed_and_read_on_any_theme():
    text = diff_lines("The flood forced 60,000 people out", "The flood forced 6,000 people out")
    for word in ("60,000", "6,000"):
        style = style_of(text, word)
        assert not style.dim
        assert style.bgcolor is not None and style.color is not None
        assert contrast(style.color, style.bgcolor) >= 7


def test_the_unchanged_words_are_not_dimmed_either():
    text = diff_lines("The flood forced 60,000 people out", "The flood forced 6,000 people out")
    assert not style_of(text, "flood").dim
    assert style_of(text, "now:").dim


def test_a_changed_name_and_a_negation_stand_out_too():
    text = diff_lines("Minister Ana Smith said the dam is not safe", "Minister John Jones said the dam is safe")
    for word in ("Ana", "John", "not"):
        style = style_of(text, word)
        assert not style.dim and style.bgcolor is not None, word
        assert contrast(style.color, style.bgcolor) >= 7, word
        assert contrast(style.bgcolor, DARK) >= 3 or contrast(style.bgcolor, LIGHT) >= 3
