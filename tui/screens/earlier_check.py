"""EarlierCheckScreen: one earlier fact-check (claim, headline, subtitle, verdict and rating, organisation, URL,
date) and the loaded claims that match it; enter on one opens that claim in its article."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from store.models import EarlierCheckRow
from store.wording import counted
from tui.screen_protocol import ReloadAfterFailedWrite
from tui.widgets.row_list import Column, RowList
from tui.widgets.status_style import status_badge

COLUMNS = [Column("#", 7, "right", min_width=5), Column("Score", 6, "right"), Column("Kind", 10),
           Column("Loaded claim", min_width=28, grow=4)]


@dataclass(frozen=True)
class MatchingClaim:
    """A loaded claim linked to the check, as the store gives it."""

    id: int
    article_id: int
    text: str
    score: float
    kind: str


def matching_cells(row: MatchingClaim) -> list[Text | str]:
    return [str(row.id), f"{row.score:.0f}", Text(row.kind), Text(row.text)]


def check_details(check: EarlierCheckRow) -> Text:
    """The check as plain Text (its words are never read as markup)."""
    text = Text()
    text.append("Claim  ", style="bold")
    text.append(check.claim)
    if check.speaker:
        text.append(f"  ({check.speaker})", style="italic")
    if check.title and check.title != check.claim:
        text.append("\nHeadline  ", style="bold")
        text.append(check.title)
    if check.subtitle:
        text.append("\n")
        text.append(check.subtitle, style="italic")
    text.append("\nVerdict  ", style="bold")
    text.append_text(status_badge(check.status))
    text.append(f"  {check.rating or ''}")
    for label, value in (("Source", check.source), ("URL", check.url), ("Date", check.published)):
        text.append(f"\n{label}  ", style="bold")
        text.append(value or "—")
    return text


class EarlierCheckScreen(ReloadAfterFailedWrite, Screen):
    """One earlier check and the loaded claims linked to it."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="screen.back"),
        Binding("enter", "open_claim", "Open claim", id="check.open_claim"),
        Binding("f1", "app.help", "Help"),
    ]
    DEFAULT_CSS = """
    EarlierCheckScreen #check-details { height: auto; max-height: 50%; padding: 0 1; }
    EarlierCheckScreen #check-matches-label { height: 1; padding: 0 1; background: $panel; }
    EarlierCheckScreen #check-matches { height: 1fr; }
    """

    def __init__(self, claim_id: int):
        super().__init__()
        self.claim_id = claim_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="check-details")
        yield Static(id="check-matches-label")
        yield RowList(COLUMNS, matching_cells, id="check-matches")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Earlier check"
        self.reload_from_store()
        self.query_one(RowList).focus()

    def on_screen_resume(self) -> None:
        self.reload_from_store()

    def reload_from_store(self) -> None:
        check = self.app.store.earlier_check(self.claim_id)
        matches = [MatchingClaim(*row) for row in self.app.store.claims_matching_check(self.claim_id)]
        if check is None:
            self.query_one("#check-details", Static).update(Text(f"Earlier check #{self.claim_id} is gone."))
        else:
            self.query_one("#check-details", Static).update(check_details(check))
            self.sub_title = f"#{check.claim_id} · {check.source or 'unknown source'}"
        verb = "matches" if len(matches) == 1 else "match"
        label = f"{counted(len(matches), 'loaded claim')} {verb} it" + (" · enter opens one" if matches else "")
        self.query_one("#check-matches-label", Static).update(Text(label))
        self.query_one(RowList).set_rows(matches)

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        self.app.open_article(event.row.article_id, event.row.id)

    def action_open_claim(self) -> None:
        row = self.query_one(RowList).current
        if row is not None:
            self.app.open_article(row.article_id, row.id)
