"""StatsScreen: verdicts by article, by source and over time, drawn as stacked bar charts; per reviewer, the
verdicts given by day and the agreement between first and second review. `f` shows one reviewer only (the
claims they decided last, and their own figures), then the next, then everyone again."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from store import STATUSES
from store.models import ReviewerStats, VerdictCount
from tui.screen_protocol import ReloadAfterFailedWrite
from tui.widgets.status_style import STATUS_COLOURS

ORDER = ("verified", "disputed", "unverified", "pending")


def legend() -> Text:
    """The colours, and the figures after each bar: decided of all claims, and ✗ the disputed ones."""
    text = Text()
    for status in ORDER:
        text.append("██", style=STATUS_COLOURS[status])
        text.append(f" {status}   ")
    text.append("\nAfter each bar: ", style="dim")
    text.append("3/5", style="dim bold")
    text.append(" claims decided of all, ", style="dim")
    text.append("✗2", style="dim bold")
    text.append(" claims disputed.", style="dim")
    return text


def bar(count: VerdictCount, scale: float) -> Text:
    text = Text()
    for status in ORDER:
        value = getattr(count, status)
        cells = round(value * scale)
        if value and not cells:
            cells = 1
        text.append("█" * cells, style=STATUS_COLOURS[status])
    return text


def chart(title: str, counts: list[VerdictCount], width: int, label_width: int = 24) -> Text:
    """One stacked bar a row: label, bar scaled to the largest total, then the figures."""
    text = Text(title + "\n", style="bold")
    if not counts:
        text.append("nothing to show yet\n", style="dim")
        return text
    room = max(width - label_width - 22, 10)
    scale = room / max(max(c.total for c in counts), 1)
    for count in counts:
        label = count.label if len(count.label) <= label_width else count.label[: label_width - 1] + "…"
        text.append_text(Text(label.ljust(label_width + 1)))
        text.append_text(bar(count, scale))
        decided = count.total - count.pending
        text.append(f" {decided}/{count.total}", style="dim")
        text.append(f"  ✗{count.disputed}\n" if count.disputed else "\n", style="dim")
    return text


def totals_line(total: VerdictCount) -> Text:
    text = Text("All claims: ", style="bold")
    for status in STATUSES:
        text.append(f"{status} {getattr(total, status)}   ", style=STATUS_COLOURS[status])
    return text


def reviewers_table(rows: list[ReviewerStats], days: int = 7) -> Text:
    """One line per reviewer: verdicts in all and on their last days of work, second reviews given, and how
    often a second reviewer agreed with them (and they with others, as second reviewer)."""
    text = Text("By reviewer", style="bold")
    text.append("  (verdicts; by day; second reviews given; their verdicts confirmed; confirmed as second)\n",
                style="dim")
    if not rows:
        text.append("nothing to show yet\n", style="dim")
    for row in rows:
        by_day = " ".join(f"{day[5:]}:{count}" for day, count in row.by_day[-days:])
        text.append_text(Text(row.reviewer[:20].ljust(21), style="bold"))
        text.append(f"{row.verdicts:>6}  {by_day or '—'}  · {row.second_reviews} second reviews · "
                    f"confirmed {row.agreement} · as second {row.agreement_as_second}\n")
    return text


class StatsScreen(ReloadAfterFailedWrite, Screen):
    BINDINGS = [
        Binding("escape,backspace,s", "app.pop_screen", "Back", id="screen.back"),
        Binding("r", "refresh", "Refresh", id="stats.refresh"),
        Binding("f", "next_reviewer", "Filter by reviewer", show=False, id="stats.reviewer"),
        Binding("question_mark", "app.help", "Help", id="app.help"),
    ]

    def __init__(self):
        super().__init__()
        self.reviewer: str | None = None  # `f`: only this reviewer

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Static(id="stats-totals")
            yield Static(id="stats-reviewers", classes="chart")
            yield Static(id="stats-day", classes="chart")
            yield Static(id="stats-source", classes="chart")
            yield Static(id="stats-article", classes="chart")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Statistics"
        self.reload_from_store()

    def on_resize(self) -> None:
        self.reload_from_store()

    def on_screen_resume(self) -> None:
        self.reload_from_store()

    def action_refresh(self) -> None:
        self.reload_from_store()

    def action_next_reviewer(self) -> None:
        """Show only the next reviewer (by name), and after the last one everyone again."""
        names = [None, *self.app.store.reviewers()]
        self.reviewer = names[(names.index(self.reviewer) + 1) % len(names)] if self.reviewer in names else None
        self.reload_from_store()

    def reload_from_store(self) -> None:
        store, width, who = self.app.store, max(self.size.width - 4, 40), self.reviewer
        self.title = f"Statistics: claims decided last by {who}" if who else "Statistics"
        totals = totals_line(store.verdict_totals(who))
        totals.append("\n")
        totals.append_text(legend())
        self.query_one("#stats-totals", Static).update(totals)
        rows = store.reviewer_stats(who)
        reviewers = self.query_one("#stats-reviewers", Static)
        reviewers.display = bool(rows) or who is not None  # an archive no one has decided in shows no section
        reviewers.update(reviewers_table(rows))
        self.query_one("#stats-day", Static).update(chart("Decisions by day", store.verdict_counts("day",
                                                          reviewer=who), width, 12))
        self.query_one("#stats-source", Static).update(chart("Verdicts by source", store.verdict_counts(
            "source", reviewer=who), width))
        self.query_one("#stats-article", Static).update(chart("Verdicts by article (most decided first)",
                                                              store.verdict_counts("article", limit=25, reviewer=who),
                                                              width))
