"""ArticleFilterForm: which articles the list shows, by source, date and progress."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from store.models import ArticleQuery

PROGRESS = [("not finished", "todo"), ("finished", "done")]
_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


def parse_date(raw: str) -> str | None:
    raw = raw.strip()
    return raw if _DATE.match(raw) else None


class ArticleFilterForm(ModalScreen[ArticleQuery | None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel"), Binding("ctrl+s", "apply", "Apply")]
    DEFAULT_CSS = """
    ArticleFilterForm { align: center middle; }
    ArticleFilterForm > Vertical {
        width: 64; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 0 1;
    }
    ArticleFilterForm Horizontal { height: auto; }
    ArticleFilterForm Horizontal Input { width: 1fr; }
    ArticleFilterForm .buttons { align-horizontal: right; }
    """

    def __init__(self, current: ArticleQuery, sources: list[str]):
        super().__init__()
        self.current, self.sources = current, sources

    def compose(self) -> ComposeResult:
        q = self.current
        with Vertical():
            yield Label("Show only articles that match")
            yield Select([(s, s) for s in self.sources], prompt="any source",
                         value=q.source if q.source in self.sources else Select.NULL, id="articles-source")
            with Horizontal():
                yield Input(q.since or "", placeholder="from YYYY-MM-DD", id="articles-since")
                yield Input(q.until or "", placeholder="to YYYY-MM-DD", id="articles-until")
            yield Select(PROGRESS, prompt="any progress", value=q.progress or Select.NULL, id="articles-progress")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="articles-apply")
                yield Button("Clear", id="articles-clear")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "articles-apply":
            self.action_apply()
        else:
            self.dismiss(ArticleQuery(sort=self.current.sort, descending=self.current.descending))

    def on_input_submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        source = self.query_one("#articles-source", Select).value
        progress = self.query_one("#articles-progress", Select).value
        self.dismiss(ArticleQuery(
            sort=self.current.sort, descending=self.current.descending,
            source=source if isinstance(source, str) else None,
            since=parse_date(self.query_one("#articles-since", Input).value),
            until=parse_date(self.query_one("#articles-until", Input).value),
            progress=progress if isinstance(progress, str) else None,
        ))
