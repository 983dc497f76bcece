"""ClaimListScreen: claims across the whole archive that pass a filter (status, type, speaker, score, flag),
highest score first (`o`: in reading order); enter opens the claim in its article."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from store.models import ClaimFilter
from store.wording import counted
from tui.forms.claim_filter import ClaimFilterForm
from tui.screen_protocol import ReloadAfterFailedWrite
from tui.widgets.claim_table import ClaimTable, open_row
from tui.widgets.row_list import RowList


class ClaimListScreen(ReloadAfterFailedWrite, Screen):
    """Claims of the whole archive that pass a filter (status, type, speaker, score, flag)."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="claims.open"),
        Binding("c", "filter", "Filter", id="claim.filter"),
        Binding("o", "toggle_order", "Sort by score on/off", show=False, id="claims.order"),
        Binding("escape,backspace", "app.pop_screen", "Back", id="screen.back"),
        Binding("question_mark", "app.help", "Help", id="app.help"),
    ]

    def __init__(self, claim_filter: ClaimFilter | None = None, limit: int = 5000):
        super().__init__()
        self.claim_filter = claim_filter or ClaimFilter()
        self.limit = limit
        self.by_score = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield ClaimTable(id="claims")
        yield Static(id="desk-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Claims"
        self.reload_from_store()
        self.query_one(ClaimTable).focus()

    def on_screen_resume(self) -> None:
        self.reload_from_store()

    def reload_from_store(self) -> None:
        rows = self.app.store.filter_claims(self.claim_filter, limit=self.limit, by_score=self.by_score)
        self.query_one(ClaimTable).set_rows(rows)
        more = f" (first {self.limit})" if len(rows) >= self.limit else ""
        self.sub_title = f"{self.claim_filter.describe()}: {counted(len(rows), 'claim')}{more}"
        self.query_one("#desk-status", Static).update(
            f"reviewer: {self.app.reviewer} · {'highest score first' if self.by_score else 'reading order'} (o)"
            " · c filter · enter open")

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        open_row(self.app, event.row)

    def action_open(self) -> None:
        if (row := self.query_one(ClaimTable).current) is not None:
            open_row(self.app, row)

    def action_toggle_order(self) -> None:
        self.by_score = not self.by_score
        self.reload_from_store()

    def action_filter(self) -> None:
        self.app.push_screen(ClaimFilterForm(self.claim_filter, self.app.store.claim_types()), self._filtered)

    def _filtered(self, claim_filter: ClaimFilter | None) -> None:
        if claim_filter is not None:
            self.claim_filter = claim_filter
            self.reload_from_store()
