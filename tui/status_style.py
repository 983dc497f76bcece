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
SELECTED = Style(bold=True, underline=True, reverse=True)


def status_badge(status: str) -> Text:
    """A coloured label such as `` disputed ``; unknown statuses are shown plainly."""
    return Text(f" {STATUS_LABELS.get(status, status)} ", style=STATUS_STYLES.get(status, Style()))
