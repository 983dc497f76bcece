"""ArticleListScreen: every loaded article with its source, date and review progress; sorted and filtered."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from rich.text import Text
from textual import events
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
from tui.widgets.header_fit import TWO_LINES, Figure, fit_figures
from tui.widgets.row_list import Cell, Column, RowList
from tui.write_guard import records

EMPTY_HINT = ("No articles yet. Press l to load files, folders or web pages.\n"
              "Or from a shell:  claimdesk load PATH...  (files, folders, URLs, or - for stdin)")
# Every heading whole: at 80 columns the progress bar narrows (8 cells) and the title gives way to
# 21 cells rather than cut "Claims", "Matched" or "Decided".
COLUMNS = [Column("#", 6, "right", min_width=4), Column("Title", min_width=21, grow=3),
           Column("Source", min_width=8, max_width=30), Column("Date", 10),
           Column("Claims", 6, "right"), Column("Matched", 7, "right"),
           Column("Progress", 10, min_width=8), Column("Decided", 9, "right", min_width=7)]


def progress_bar(decided: int, total: int, width: int = 10) -> Text:
    """``width`` cells, filled in proportion; one cell shows for any verdict, and only a finished article is full."""
    if not total:
        return Text("—", style="dim")
    full = min(max(round(width * decided / total), 1 if decided else 0), width if decided == total else width - 1)
    return Text.assemble(("█" * full, "green" if decided == total else "#e5c07b"), ("░" * (width - full), "dim"))


def article_cells(a: ArticleSummary) -> list[Cell]:
    done = a.claims and a.decided == a.claims
    return [str(a.id), Text(a.title), Text(a.source or "—"), shown_date(a.published, a.dateline, a.loaded_at),
            str(a.claims), str(a.matched) if a.matched else "—", partial(progress_bar, a.decided, a.claims),
            Text(a.progress, style="green" if done else "")]


class ArticleTable(RowList):
    """The articles, one row each."""

    def __init__(self, **kwargs):
        super().__init__(COLUMNS, article_cells, **kwargs)

    def get_row_at(self, index: int) -> list[Cell]:
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
        self._figures: list[Figure] = []

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
        self._figures = self._header_figures(articles)
        self._fit_header()
        self._show_status()

    def _header_figures(self, articles: list[ArticleSummary]) -> list[Figure]:
        """E.g. "3 articles to review · 19,250 earlier checks · 12/40 claims decided" (short: "3 to review", "12/40
        decided"); "2 articles shown" first when filtered."""
        decided, total = sum(a.decided for a in articles), sum(a.claims for a in articles)
        counts = self.app.store.review_counts()
        shown = [Figure(f"{counted(len(articles), 'article')} shown", f"{len(articles):,} shown")]
        return [*(shown if self._filtered else []),
                Figure(f"{counted(counts.to_review, 'article')} to review", f"{counts.to_review:,} to review"),
                Figure(counted(counts.earlier_checks, "earlier check")),
                Figure(f"{decided:,}/{counted(total, 'claim')} decided", f"{decided:,}/{total:,} decided")]

    def _fit_header(self) -> None:
        """The figures whole in the header: shorter words, or two lines, on a narrow screen."""
        fitted = fit_figures(self.title or "", self._figures, self.size.width or self.app.size.width)
        self.query_one(Header).set_class(fitted.two_lines, TWO_LINES)
        self.sub_title = fitted.sub_title

    def on_resize(self, event: events.Resize) -> None:
        if self._figures:
            self._fit_header()

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
