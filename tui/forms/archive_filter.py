"""ArchiveFilterForm: which earlier checks the archive shows, by source (the fact-checking organisation),
verdict and date."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from store.models import STATUSES
from tui.forms.article_filter import parse_date


@dataclass(frozen=True)
class ArchiveFilter:
    """What narrows the archive besides the words: organisation (any case), verdict, dates (inclusive)."""

    source: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None

    def __bool__(self) -> bool:
        return any((self.source, self.status, self.since, self.until))

    def describe(self) -> str:
        """E.g. "source=FactDesk disputed from 2026-01"."""
        parts = [f"source={self.source}" if self.source else "", self.status or "",
                 f"from {self.since}" if self.since else "", f"to {self.until}" if self.until else ""]
        return " ".join(p for p in parts if p)


class ArchiveFilterForm(ModalScreen[ArchiveFilter | None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel"), Binding("ctrl+s", "apply", "Apply")]
    DEFAULT_CSS = """
    ArchiveFilterForm { align: center middle; }
    ArchiveFilterForm > Vertical {
        width: 64; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 0 1;
    }
    ArchiveFilterForm Horizontal { height: auto; }
    ArchiveFilterForm Horizontal Input { width: 1fr; }
    ArchiveFilterForm .buttons { align-horizontal: right; }
    """

    def __init__(self, current: ArchiveFilter):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        f = self.current
        with Vertical():
            yield Label("Show only earlier checks that match")
            yield Input(f.source or "", placeholder="from the organisation (any case)", id="archive-source")
            yield Select([(s, s) for s in STATUSES], prompt="any verdict",
                         value=f.status or Select.NULL, id="archive-status")
            with Horizontal():
                yield Input(f.since or "", placeholder="from YYYY-MM-DD", id="archive-since")
                yield Input(f.until or "", placeholder="to YYYY-MM-DD", id="archive-until")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="archive-apply")
                yield Button("Clear", id="archive-clear")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "archive-apply":
            self.action_apply()
        else:
            self.dismiss(ArchiveFilter())

    def on_input_submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        status = self.query_one("#archive-status", Select).value
        self.dismiss(ArchiveFilter(
            source=self.query_one("#archive-source", Input).value.strip() or None,
            status=status if isinstance(status, str) else None,
            since=parse_date(self.query_one("#archive-since", Input).value),
            until=parse_date(self.query_one("#archive-until", Input).value),
        ))
