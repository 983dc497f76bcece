"""ArticleListScreen: every loaded article with its source, date and review progress; sorted and filtered."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from store import ArticleSummary
from store.clean_text import clean_field
from store.models import SORT_KEYS, ArticleQuery
from store.wording import counted
from tui.forms.article_filter import ArticleFilterForm
from tui.forms.prompt import PromptScreen
from tui.screen_protocol import ReloadAfterFailedWrite
from tui.widgets.article_dates import shown_date
from tui.widgets.row_list import Column, RowList
from tui.write_guard import records

EMPTY_HINT = ("No articles yet. Press l to load files, folders or web pages.\n"
              "Or from a shell:  claimdesk load PATH...  (files, folders, URLs, or - for stdin)")
COLUMNS = [Column("#", 6, "right", min_width=4), Column("Title", min_width=25, grow=3),
           Column("Source", min_width=8, max_width=30), Column("Date", 10),
           Column("Claims", 6, "right", min_width=4), Column("Matched", 7, "right", min_width=4),
           Column("Progress", 10), Column("Decided", 9, "right", min_width=6)]


def progress_bar(decided: int, total: int, width: int = 10) -> Text:
    if not total:
        return Text("—", style="dim")
    full = round(width * decided / total)
    return Text.assemble(("█" * full, "green" if decided == total else "#e5c07b"), ("░" * (width - full), "dim"))


def article_cells(a: ArticleSummary) -> list[Text | str]:
    done = a.claims and a.decided == a.claims
    return [str(a.id), Text(a.title), Text(a.source or "—"), shown_date(a.published, a.dateline, a.loaded_at),
            str(a.claims), str(a.matched) if a.matched else "—", progress_bar(a.decided, a.claims),
            Text(a.progress, style="green" if done else "")]


class ArticleTable(RowList):
    """The articles, one row each."""

    def __init__(self, **kwargs):
        super().__init__(COLUMNS, article_cells, **kwargs)

    def get_row_at(self, index: int) -> list[Text | str]:
        return list(self.formatter(self.rows[index]))


class ArticleListScreen(ReloadAfterFailedWrite, Screen):
    BINDINGS = [
        Binding("enter", "open_article", "Open", id="list.open"),
        Binding("o", "sort", "Sort", id="list.sort"),
        Binding("O", "reverse", "Reverse order", show=False, id="list.reverse"),
        Binding("f", "filter", "Filter", id="list.filter"),
        Binding("c", "app.claims", "Claims", id="app.claims"),
        Binding("a", "assign", "Assign article to a reviewer", show=False, id="list.assign"),
        Binding("r", "refresh", "Refresh", show=False, id="list.refresh"),
        Binding("x", "app.export", "Export", id="app.export"),
        Binding("question_mark", "app.help", "Help", id="app.help"),
        Binding("q", "app.quit", "Quit", id="app.quit"),
    ]

    def __init__(self):
        super().__init__()
        self.query_state = ArticleQuery()

    def compose(self) -> ComposeResult:
        yield Header()
        yield ArticleTable(id="articles")
        yield Static(EMPTY_HINT, id="empty-hint")
        yield Static(id="desk-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Articles"
        self.action_refresh()
        self.query_one(ArticleTable).focus()

    def on_screen_resume(self) -> None:
        self.reload_from_store()

    def action_refresh(self) -> None:
        self.reload_from_store()

    def reload_from_store(self) -> None:
        table = self.query_one(ArticleTable)
        articles = self.app.store.article_summaries(self.query_state)
        table.set_rows(articles)
        self.query_one("#empty-hint").display = not articles and not self._filtered
        decided, total = sum(a.decided for a in articles), sum(a.claims for a in articles)
        shown = f"{counted(len(articles), 'article')} shown · " if self._filtered else ""
        counts = self.app.store.review_counts().header()  # "3 articles to review · 19,250 earlier checks"
        self.sub_title = f"{shown}{counts} · {decided:,}/{counted(total, 'claim')} decided"
        self._show_status()

    @property
    def _filtered(self) -> bool:
        q = self.query_state
        return any((q.source, q.since, q.until, q.progress))

    def _show_status(self) -> None:
        q = self.query_state
        parts = [f"reviewer: {self.app.reviewer}", f"sorted by {q.sort}{' (reversed)' if q.descending else ''}"]
        if queue := self.app.store.queue_size(self.app.reviewer):
            parts.insert(1, f"{counted(queue, 'pending claim')} assigned to you (N)")
        shown = [f"source={q.source}" if q.source else "", f"from {q.since}" if q.since else "",
                 f"to {q.until}" if q.until else "", q.progress or ""]
        if self._filtered:
            parts.append("filter: " + " ".join(p for p in shown if p))
        self.query_one("#desk-status", Static).update(" · ".join(parts))

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        self.app.open_article(event.row.id)

    def action_open_article(self) -> None:
        table = self.query_one(ArticleTable)
        if table.current is not None:
            self.app.open_article(table.current.id)

    def action_sort(self) -> None:
        keys = list(SORT_KEYS)
        following = keys[(keys.index(self.query_state.sort) + 1) % len(keys)]
        self.query_state = replace(self.query_state, sort=following)
        self.action_refresh()

    def action_reverse(self) -> None:
        self.query_state = replace(self.query_state, descending=not self.query_state.descending)
        self.action_refresh()

    def action_filter(self) -> None:
        self.app.push_screen(ArticleFilterForm(self.query_state, self.app.store.sources()), self._filtered_by)

    def _filtered_by(self, query: ArticleQuery | None) -> None:
        if query is not None:
            self.query_state = query
            self.action_refresh()

    def action_assign(self) -> None:
        """Assign every claim of the article under the cursor to a reviewer ("-": to no one)."""
        article = self.query_one(ArticleTable).current
        if article is not None:
            self.app.push_screen(PromptScreen(f"Assign article #{article.id}'s claims to (- for no one)",
                                              "reviewer's name"), lambda name: self._assign(article, name))

    @records
    def _assign(self, article: ArticleSummary, name: str | None) -> None:
        if name is None:
            return  # cancelled
        name = None if name == "-" else clean_field(name)
        ids = self.app.store.article_claim_ids([article.id])
        changed = self.app.store.assign(ids, name, self.app.reviewer)
        whom = f"to {name}" if name else "to no one"
        self.notify(f"Article #{article.id}: {counted(changed, 'claim')} assigned {whom}.", timeout=3, markup=False)
        self.reload_from_store()
