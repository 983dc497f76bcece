"""HelpScreen: every key of the screen underneath and of the app, what it does, and its id for rebinding."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.settings import config_path

ABOUT = (
    "Claims are highlighted in the article, coloured by status: pending (amber), verified (green), "
    "disputed (red), unverified (blue-grey: checked, could not be established); ⚑ marks a claim flagged to come "
    "back to. Every verdict is saved the moment its key is pressed, with your name and the time, and moves on to "
    "the next pending claim (A turns that off). ctrl+p opens the command palette, which lists every action. "
    "Drag over the text with the mouse, or press e, to select a span: enter saves it as the claim's new "
    "boundaries (or as a new claim), + adds it as a new claim, t splits the claim at the selection's end."
)


def key_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) for every described binding of the screen and the app, each action once."""
    rows, seen = [], set()
    keymap = getattr(screen.app, "_keymap", {})
    for bindings in (screen.BINDINGS, screen.app.BINDINGS):
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description and binding.action not in seen:
                seen.add(binding.action)
                keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
                shown = ", ".join(screen.app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))
                rows.append((shown, binding.description, binding.id or ""))
    return rows


def key_table(screen: Screen) -> Text:
    rows = key_rows(screen)
    width = max((len(k) for k, _, _ in rows), default=0) + 2
    described = max((len(d) for _, d, _ in rows), default=0) + 2
    text = Text()
    for keys, description, binding_id in rows:
        text.append(keys.ljust(width), style="bold")
        text.append(description.ljust(described))
        text.append(binding_id + "\n", style="dim")
    return text


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 96; max-width: 100%; height: auto; max-height: 95%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    HelpScreen .about { margin-top: 1; }
    """

    def __init__(self, for_screen: Screen):
        super().__init__()
        self.for_screen = for_screen

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("[b]claimdesk keys[/b]  [dim](key · what it does · id to rebind it)[/dim]")
            yield Static(key_table(self.for_screen))
            yield Static(ABOUT, markup=False, classes="about")
            yield Static(Text(f"Rebind keys in {config_path()} under [keys], e.g.  \"verdict.verified\" = \"1\"",
                              style="dim"))
            yield Static("[dim]escape closes this help[/dim]")
