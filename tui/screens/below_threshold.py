"""The selected claim's nearest earlier checks below the match threshold, on request (`b`, or the command
palette): the archive searched as the load-time matching does, with no score floor, in a worker. The panel lists
them under the stored matches, headed as not matches; nothing is stored, and the list goes when another claim is
selected."""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.message import Message

from store import LinkedClaim
from tui.widgets.claim_panel import ClaimPanel

BELOW_LIMIT = 5  # candidates searched for, as `claimdesk match --all-candidates` lists by default
BELOW_NAME = "Earlier checks below the match threshold"
BELOW_ID = "match.below"
BELOW_BINDINGS = [Binding("b", "nearest_below", BELOW_NAME, show=False, id=BELOW_ID)]  # in ? and ctrl+p
NOT_OPEN = "The archive's matcher is not open yet: opening it first, which takes a while on a large archive."


class BelowThreshold:
    """Mixin of ArticleScreen (which has ``selected`` and ``links``, MatchChoice's stored matches)."""

    class NearestFound(Message):
        """The nearest earlier checks below the threshold for a claim, or what failed."""

        def __init__(self, claim_id: int, rows: list[LinkedClaim], error: str | None = None):
            super().__init__()
            self.claim_id, self.rows, self.error = claim_id, rows, error

    def init_below_threshold(self) -> None:
        self.below_for: int | None = None  # the claim whose below-threshold checks were asked for
        self.below_rows: list[LinkedClaim] | None = None  # None while searching
        self.below_waiting = ""

    def action_nearest_below(self) -> None:
        """Search the archive for the selected claim's nearest earlier checks that the thresholds hide."""
        claim = self.selected
        if claim is None:
            self.notify("There is no claim here to search for.", severity="warning")
            return
        self.below_for, self.below_rows = claim.id, None
        self.below_waiting = "" if self.app.matches.ready else NOT_OPEN
        self.show_below()
        self.search_below(claim.id)

    @work(thread=True, group="nearest-below", exclusive=True)
    def search_below(self, claim_id: int) -> None:
        try:
            rows = self.app.matches.nearest_below(claim_id, BELOW_LIMIT)
        except Exception as error:  # noqa: BLE001 - a failed search must not take the desk down
            self.post_message(self.NearestFound(claim_id, [], f"{type(error).__name__}: {error}"))
            return
        self.post_message(self.NearestFound(claim_id, rows))

    def on_below_threshold_nearest_found(self, message: NearestFound) -> None:
        if message.claim_id != self.below_for:
            return  # another claim was selected meanwhile: its section is gone
        if message.error:
            self.below_for = None
            self.show_below()
            self.notify(f"Searching for earlier checks failed: {message.error}", severity="error", markup=False)
            return
        self.below_rows = message.rows
        self.show_below()

    def show_below(self) -> None:
        """Draw the section for the selected claim, or hide it (another claim is selected, or none was asked)."""
        panel = self.query_one(ClaimPanel)
        claim = self.selected
        if claim is None or claim.id != self.below_for:
            self.below_for = None
            panel.hide_below()
            return
        linked = {link.earlier_id for link in self.links}
        rows = None if self.below_rows is None else [r for r in self.below_rows if r.earlier_id not in linked]
        panel.show_below(rows, self.below_waiting)
