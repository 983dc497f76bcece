"""HistoryScreen: every change ever made to one claim: who, when, from, to, note."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from store.models import DeskClaim, DeskHistory
from tui.widgets.claim_panel import history_line


def history_text(claim: DeskClaim, entries: list[DeskHistory]) -> Text:
    text = Text(f"History of claim #{claim.id}\n", style="bold")
    text.append_text(Text(claim.text, style="italic"))
    if not entries:
        text.append("\n\nNo change yet.", style="dim")
    for entry in entries:
        text.append_text(history_line(entry))
    return text


class HistoryScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,H", "dismiss", "Close")]
    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, claim: DeskClaim, entries: list[DeskHistory]):
        super().__init__()
        self.claim, self.entries = claim, entries

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(history_text(self.claim, self.entries), id="history-text")
