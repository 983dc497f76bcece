"""ArticleListScreen: every loaded article with its source and review progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from store import ArticleSummary

EMPTY_HINT = "No articles yet. Load some from a shell:  claimdesk load PATH...  (files, folders, or - for stdin)"


class ArticleTable(DataTable):
    """The articles, one row each; the row key is the article id."""

    def fill(self, articles: list[ArticleSummary]) -> None:
        if not self.columns:
            self.add_columns("#", "Title", "Source", "Claims", "Matched", "Decided")
        self.clear()
        for a in articles:
            done = a.claims and a.decided == a.claims
            decided = Text(a.progress, style="green" if done else "")
            matched = str(a.matched) if a.matched else "—"
            self.add_row(str(a.id), Text(a.title), Text(a.source or "—"), str(a.claims), matched, decided,
                         key=str(a.id))


class ArticleListScreen(Screen):
    BINDINGS = [
        Binding("enter", "open_article", "Open", show=True, priority=False),
        Binding("r", "refresh", "Refresh"),
        Binding("x", "app.export", "Export"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield ArticleTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Static(EMPTY_HINT, id="empty-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Articles"
        self.action_refresh()
        self.query_one(ArticleTable).focus()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        table = self.query_one(ArticleTable)
        row = table.cursor_row
        articles = self.app.store.articles()
        table.fill(articles)
        if articles:
            table.move_cursor(row=min(row, len(articles) - 1))
        self.query_one("#empty-hint").display = not articles
        self.sub_title = f"{len(articles)} articles · {sum(a.decided for a in articles)}/" \
                         f"{sum(a.claims for a in articles)} claims decided"

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_article(int(event.row_key.value))

    def action_open_article(self) -> None:
        table = self.query_one(ArticleTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self.app.open_article(int(key.value))
