"""ArticleMetadataForm: correct an article's title, source, web address and publication date.

The form saves through a callback (the store checks the values): when the store refuses one, the reason is
shown and the form stays open with everything the reviewer typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from store import Article
from tui.write_guard import WRITE_ERRORS, as_store_error


@dataclass(frozen=True)
class ArticleMetadata:
    title: str
    source: str | None
    url: str | None
    published: str | None


FIELDS = [("title", "Title"), ("source", "Source"), ("url", "Web address"), ("published", "Published")]
PLACEHOLDERS = {"source": "e.g. Harbour Wire", "url": "https://…", "published": "YYYY-MM-DD"}


class ArticleMetadataForm(ModalScreen[Article | None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel"), Binding("ctrl+s", "save", "Save")]
    DEFAULT_CSS = """
    ArticleMetadataForm { align: center middle; }
    ArticleMetadataForm > Vertical {
        width: 84; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 0 1;
    }
    ArticleMetadataForm .row { height: auto; margin-bottom: 1; }
    ArticleMetadataForm .row Label { width: 13; color: $text-muted; }
    ArticleMetadataForm .row Input { width: 1fr; }
    ArticleMetadataForm .row Input:focus { background: $primary 35%; }
    ArticleMetadataForm #metadata-heading { text-style: bold; margin: 1 0; }
    ArticleMetadataForm #metadata-buttons { height: auto; align-horizontal: right; }
    """

    def __init__(self, article: Article, save: Callable[[ArticleMetadata], Article]):
        super().__init__()
        self.article, self.save = article, save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Details of article #{self.article.id}", markup=False, id="metadata-heading")
            for name, label in FIELDS:
                with Horizontal(classes="row"):
                    yield Label(label)
                    yield Input(getattr(self.article, name) or "", placeholder=PLACEHOLDERS.get(name, ""),
                                compact=True, id=f"metadata-{name}")
            with Horizontal(id="metadata-buttons"):
                yield Button("Save", variant="primary", id="metadata-save")
                yield Button("Cancel", id="metadata-cancel")

    def on_mount(self) -> None:
        self.query_one("#metadata-title", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "metadata-save":
            self.action_save()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.action_save()

    def values(self) -> ArticleMetadata:
        typed = {name: self.query_one(f"#metadata-{name}", Input).value.strip() for name, _ in FIELDS}
        return ArticleMetadata(typed["title"], typed["source"] or None, typed["url"] or None,
                               typed["published"] or None)

    def action_save(self) -> None:
        try:
            saved = self.save(self.values())
        except WRITE_ERRORS as error:  # the reason on screen; what was typed stays for another try
            self.notify(f"Not saved: {as_store_error(error, self.app.db_path)}", severity="error", markup=False,
                        timeout=8)
            return
        self.dismiss(saved)
