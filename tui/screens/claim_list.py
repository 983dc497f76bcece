"""ClaimListScreen and SearchScreen: claims across the whole archive (filtered, flagged, or found by words);
enter opens the claim in its article."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from store.models import ClaimFilter, ClaimRow
from tui.forms.claim_filter import ClaimFilterForm
from tui.widgets.row_list import Column, RowList
from tui.widgets.status_style import FLAG, status_badge

COLUMNS = [Column("#", 7, "right"), Column("", 1), Column("Status", 12), Column("Claim"), Column("Article", 28),
           Column("Speaker", 16)]


def claim_cells(row: ClaimRow) -> list[Text | str]:
    if row.kind == "article":
        return ["", "", Text(" article ", style="bold reverse"), Text(row.text), Text(row.article_title), ""]
    return [str(row.id), Text(FLAG, style="bold magenta") if row.flagged else "", status_badge(row.status),
            Text(row.text), Text(row.article_title), Text(row.speaker or "—")]


class ClaimTable(RowList):
    def __init__(self, **kwargs):
        super().__init__(COLUMNS, claim_cells, **kwargs)


def open_row(app, row: ClaimRow) -> None:
    app.open_article(row.article_id, None if row.kind == "article" else row.id)


class ClaimListScreen(Screen):
    """Claims of the whole archive that pass a filter (status, type, speaker, score, flag)."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="claims.open"),
        Binding("c", "filter", "Filter", id="claim.filter"),
        Binding("escape,backspace", "app.pop_screen", "Back", id="screen.back"),
        Binding("question_mark", "app.help", "Help", id="app.help"),
    ]

    def __init__(self, claim_filter: ClaimFilter | None = None, limit: int = 5000):
        super().__init__()
        self.claim_filter = claim_filter or ClaimFilter()
        self.limit = limit

    def compose(self) -> ComposeResult:
        yield Header()
        yield ClaimTable(id="claims")
        yield Static(id="desk-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Claims"
        self.refresh_rows()
        self.query_one(ClaimTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        rows = self.app.store.filter_claims(self.claim_filter, limit=self.limit)
        self.query_one(ClaimTable).set_rows(rows)
        more = f" (first {self.limit})" if len(rows) >= self.limit else ""
        self.sub_title = f"{self.claim_filter.describe()}: {len(rows)} claims{more}"
        self.query_one("#desk-status", Static).update(f"reviewer: {self.app.reviewer} · c filter · enter open")

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        open_row(self.app, event.row)

    def action_open(self) -> None:
        if (row := self.query_one(ClaimTable).current) is not None:
            open_row(self.app, row)

    def action_filter(self) -> None:
        self.app.push_screen(ClaimFilterForm(self.claim_filter, self.app.store.claim_types()), self._filtered)

    def _filtered(self, claim_filter: ClaimFilter | None) -> None:
        if claim_filter is not None:
            self.claim_filter = claim_filter
            self.refresh_rows()


class SearchScreen(Screen):
    """Full-text search over every claim (text, speaker, note) and article (title, text)."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="screen.back"),
        Binding("down", "focus_results", "Results", show=False),
        Binding("f1", "app.help", "Help"),
    ]

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

    def search(self, words: str) -> None:
        store = self.app.store
        rows = store.search_claims(words) + store.search_articles(words, limit=20) if words.strip() else []
        self.query_one(ClaimTable).set_rows(rows, keep_cursor=False)
        claims = sum(r.kind == "claim" for r in rows)
        self.sub_title = f"{claims} claims, {len(rows) - claims} articles" if words.strip() else ""

    def action_focus_results(self) -> None:
        self.query_one(ClaimTable).focus()

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        open_row(self.app, event.row)
