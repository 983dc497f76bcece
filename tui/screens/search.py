"""SearchScreen: full-text search over every claim (text, speaker, note) and article (title, text).

Typing never waits for the database: each change of the words starts a worker thread (its own Store
connection) that waits DEBOUNCE_SECONDS for the next key, then searches; a newer query cancels an older one
(``exclusive``), and a result that arrives for words no longer in the box is dropped.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from store import Store
from store.models import ClaimRow
from store.wording import counted
from tui.screen_protocol import ReloadAfterFailedWrite
from tui.search_worker import query_after_pause
from tui.widgets.claim_table import ClaimTable, open_row
from tui.widgets.row_list import RowList

DEBOUNCE_SECONDS = 0.25
ARTICLE_HITS = 20


def search_rows(store: Store, words: str) -> list[ClaimRow]:
    """Claims, then articles, holding every word ([] for no words)."""
    if not words.strip():
        return []
    return store.search_claims(words) + store.search_articles(words, limit=ARTICLE_HITS)


class SearchScreen(ReloadAfterFailedWrite, Screen):
    """Full-text search over every claim (text, speaker, note) and article (title, text)."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="screen.back"),
        Binding("down", "focus_results", "Results", show=False),
        Binding("f1", "app.help", "Help"),
    ]

    class Found(Message):
        def __init__(self, words: str, rows: list[ClaimRow], error: str | None = None):
            super().__init__()
            self.words, self.rows, self.error = words, rows, error

    def __init__(self, words: str = ""):
        super().__init__()
        self.words = words

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.words, placeholder="Search claims and articles: words…", id="search-input")
        yield ClaimTable(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Search"
        self.query_one(Input).focus()
        self.search(self.words)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    def on_input_submitted(self) -> None:
        self.action_focus_results()

    def reload_from_store(self) -> None:
        self.search(self.words, wait=0.0)

    def search(self, words: str, wait: float | None = None) -> None:
        """Show the hits for ``words`` once the reader stops typing (at once for no words)."""
        wait = DEBOUNCE_SECONDS if wait is None else wait
        self.words = words
        if not words.strip():
            self.workers.cancel_group(self, "search")
            self._show([], words)
            return
        self.sub_title = "searching…"
        self.run_search(self.app.db_path, words, wait)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, db_path: Path, words: str, wait: float) -> None:
        found = query_after_pause(db_path, wait, lambda store: search_rows(store, words))
        if found is not None:
            self.post_message(self.Found(words, *found))

    def on_search_screen_found(self, message: Found) -> None:
        if message.words != self.words:
            return
        self._show(message.rows, message.words)
        if message.error:
            self.sub_title = "search failed"
            self.notify(f"Search failed: {message.error}", severity="error", markup=False)

    def _show(self, rows: list[ClaimRow], words: str) -> None:
        self.query_one(ClaimTable).set_rows(rows, keep_cursor=False)
        claims = sum(r.kind == "claim" for r in rows)
        found = f"{counted(claims, 'claim')}, {counted(len(rows) - claims, 'article')}"
        self.sub_title = found if words.strip() else ""

    def action_focus_results(self) -> None:
        self.query_one(ClaimTable).focus()

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        open_row(self.app, event.row)
