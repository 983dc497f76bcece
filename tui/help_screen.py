"""HelpScreen: every key of the screen underneath, and what it does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

ABOUT = (
    "Claims are highlighted in the article, coloured by status: pending (amber), verified (green), "
    "disputed (red), unverified (blue-grey: checked, could not be established). Every verdict is saved the "
    "moment its key is pressed, with your name and the time. ctrl+p opens the command palette."
)


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for every described binding of the screen and the app, each action once."""
    rows, seen = [], set()
    for bindings in (screen.BINDINGS, screen.app.BINDINGS):
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description and binding.action not in seen:
                seen.add(binding.action)
                keys = ", ".join(screen.app.get_key_display(Binding(k, "")) for k in binding.key.split(","))
                rows.append((keys, binding.description))
    return rows


def key_table(screen: Screen) -> Text:
    rows = key_rows(screen)
    width = max((len(k) for k, _ in rows), default=0) + 3
    text = Text()
    for keys, description in rows:
        text.append(keys.ljust(width), style="bold")
        text.append(description + "\n")
    return text


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    """

    def __init__(self, for_screen: Screen):
        super().__init__()
        self.for_screen = for_screen

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("[b]claimdesk keys[/b]")
            yield Static(key_table(self.for_screen))
            yield Static(ABOUT, markup=False, classes="about")
            yield Static("[dim]escape closes this help[/dim]")
