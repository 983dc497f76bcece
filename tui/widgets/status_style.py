"""How each status looks on screen, in one place."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

STATUS_STYLES = {
    "pending": Style(color="black", bgcolor="#e5c07b"),
    "verified": Style(color="black", bgcolor="#98c379"),
    "disputed": Style(color="white", bgcolor="#c0392b"),
    "unverified": Style(color="black", bgcolor="#8fa3bf"),
}
STATUS_LABELS = {"pending": "pending", "verified": "verified", "disputed": "disputed", "unverified": "unverified"}
STATUS_COLOURS = {"pending": "#e5c07b", "verified": "#98c379", "disputed": "#c0392b", "unverified": "#8fa3bf"}
# A pending claim the article rule did not pick (claims.extract.article_rank): drawn dimmer, underlined, with no
# fill, until `h` highlights every claim; a decided claim always shows its verdict's colour.
DIM_CLAIM = Style(color="#b0a27a", underline=True, dim=True)
SELECTED = Style(bold=True, underline=True, reverse=True)
SELECTION = Style(color="black", bgcolor="#56b6c2", underline=True)
FLAG_MARK = Style(color="white", bgcolor="#c678dd", bold=True)
FLAG = "⚑"
# What differs between a claim and an earlier one: dark text on a light fill, so it stands out (contrast above
# 7:1) on a dark theme and a light one alike; other changed words underlined in the theme's own colour.
DIFF_STYLES = {
    "number": Style(bold=True, color="black", bgcolor="#ffb86c"),
    "name": Style(bold=True, color="black", bgcolor="#8be9fd"),
    "negation": Style(bold=True, color="black", bgcolor="#ff79c6"),
    "": Style(underline=True),
}


def status_badge(status: str) -> Text:
    """A coloured label such as `` disputed ``; unknown statuses are shown plainly."""
    return Text(f" {STATUS_LABELS.get(status, status)} ", style=STATUS_STYLES.get(status, Style()))
