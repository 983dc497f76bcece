"""ArchiveScreen: the earlier fact-checks kept for reference (never in the review queue), newest first or found
by words, narrowed by organisation, verdict and date; enter opens a check (tui.screens.earlier_check).

Like the search screen, typing never waits for the database: a worker thread with its own Store connection
searches once the reader stops typing, and an answer for words no longer in the box is dropped.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from store import Store
from store.models import EarlierCheckRow
from store.wording import counted
from tui.forms.archive_filter import ArchiveFilter, ArchiveFilterForm
from tui.screen_protocol import ReloadAfterFailedWrite
from tui.screens.earlier_check import EarlierCheckScreen
from tui.search_worker import query_after_pause
from tui.widgets.row_list import Column, RowList
from tui.widgets.status_style import status_badge

DEBOUNCE_SECONDS = 0.25
SHOWN = 500  # checks listed at most; words or a filter find the others
COLUMNS = [Column("Check", min_width=28, grow=4), Column("Source", min_width=8, max_width=24),
           Column("Verdict", 12), Column("Rating", min_width=8, max_width=20), Column("Date", 10),
           Column("Linked", 6, "right")]


def check_cells(row: EarlierCheckRow) -> list[Text | str]:
    return [Text(row.title or row.claim), Text(row.source or "—"), status_badge(row.status),
            Text(row.rating or "—"), Text((row.published or "—")[:10]), str(row.linked) if row.linked else "—"]


def find_checks(store: Store, words: str, narrowed: ArchiveFilter) -> list[EarlierCheckRow]:
    return store.search_earlier_checks(words, source=narrowed.source, status=narrowed.status,
                                       since=narrowed.since, until=narrowed.until, limit=SHOWN)


class ArchiveScreen(ReloadAfterFailedWrite, Screen):
    """Every earlier check imported from fact-checking organisations, apart from the articles to review."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="screen.back"),
        Binding("slash", "focus_words", "Words", id="archive.words"),
        Binding("f", "filter", "Filter", id="archive.filter"),
        Binding("down", "focus_results", "Results", show=False),
        Binding("f1", "app.help", "Help"),
    ]

    class Found(Message):
        def __init__(self, words: str, narrowed: ArchiveFilter, rows: list[EarlierCheckRow],
                     error: str | None = None):
            super().__init__()
            self.words, self.narrowed, self.rows, self.error = words, narrowed, rows, error

    def __init__(self, words: str = ""):
        super().__init__()
        self.words, self.narrowed = words, ArchiveFilter()
        self._keep_cursor = False  # a reload keeps the reader's place; new words or a new filter start at the top

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.words, placeholder="Earlier checks: words in the headline or claim…", id="archive-words")
        yield RowList(COLUMNS, check_cells, id="archive-checks")
        yield Static(id="archive-status-line")
        yield Footer()

    DEFAULT_CSS = """
    ArchiveScreen #archive-words { margin: 0 1; }
    ArchiveScreen #archive-checks { height: 1fr; }
    ArchiveScreen #archive-status-line { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def on_mount(self) -> None:
        self.title = "Earlier checks (archive)"
        self.query_one(RowList).focus()
        self.search(self.words, wait=0.0)

    def reload_from_store(self) -> None:
        self.search(self.words, wait=0.0, keep_cursor=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value != self.words:
            self.search(event.value)

    def on_input_submitted(self) -> None:
        self.action_focus_results()

    def search(self, words: str, wait: float | None = None, keep_cursor: bool = False) -> None:
        """List the checks for ``words`` and the filter once the reader stops typing."""
        self.words, self._keep_cursor = words, keep_cursor
        self.sub_title = "searching…"
        self.run_search(self.app.db_path, words, self.narrowed, DEBOUNCE_SECONDS if wait is None else wait)

    @work(thread=True, exclusive=True, group="archive")
    def run_search(self, db_path: Path, words: str, narrowed: ArchiveFilter, wait: float) -> None:
        found = query_after_pause(db_path, wait, lambda store: find_checks(store, words, narrowed))
        if found is not None:
            self.post_message(self.Found(words, narrowed, *found))

    def on_archive_screen_found(self, message: Found) -> None:
        if (message.words, message.narrowed) != (self.words, self.narrowed):
            return
        self.query_one(RowList).set_rows(message.rows, keep_cursor=self._keep_cursor)
        shown = counted(len(message.rows), "earlier check")
        self.sub_title = f"first {shown}" if len(message.rows) >= SHOWN else shown
        order = "best match first" if message.words.strip() else "newest first"
        parts = [order, f"filter: {self.narrowed.describe()}" if self.narrowed else "",
                 "f filter · / words · enter open"]
        self.query_one("#archive-status-line", Static).update(Text(" · ".join(p for p in parts if p)))
        if message.error:
            self.sub_title = "search failed"
            self.notify(f"Search failed: {message.error}", severity="error", markup=False)

    def action_focus_words(self) -> None:
        self.query_one(Input).focus()

    def action_focus_results(self) -> None:
        self.query_one(RowList).focus()

    def action_filter(self) -> None:
        self.app.push_screen(ArchiveFilterForm(self.narrowed), self._filtered_by)

    def _filtered_by(self, narrowed: ArchiveFilter | None) -> None:
        if narrowed is not None:
            self.narrowed = narrowed
            self.search(self.words, wait=0.0)

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        self.app.push_screen(EarlierCheckScreen(event.row.claim_id))
