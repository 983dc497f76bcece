"""Earlier matches on the article screen: choose one of the selected claim's matches (``[`` ``]``), take its
verdict (``a``; a second press when the claims differ in numbers or a negation), and match claims again after
they changed (in a worker, so the screen never waits for the matcher)."""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.message import Message

from claims.match.diff import contradictions
from store import LinkedClaim
from store.models import DeskClaim
from store.wording import counted
from tui.write_guard import records

MATCH_BINDINGS = [
    Binding("a", "apply_match", "Apply match", show=False, id="match.apply"),
    Binding("right_square_bracket", "cycle_match(1)", "Next match", show=False, id="match.next"),
    Binding("left_square_bracket", "cycle_match(-1)", "Previous match", show=False, id="match.previous"),
]


class MatchChoice:
    """Mixin of ArticleScreen (which has ``selected``, ``refresh_claims``, ``reload_from_store`` and ``decided``,
    and TeamReview's ``guarded`` and ``second_review``)."""

    class Rematched(Message):
        """Claims that changed were matched again against the archive (see claims.desk.rematch)."""

        def __init__(self, count: int, error: str | None = None):
            super().__init__()
            self.count, self.error = count, error

    def init_match_choice(self) -> None:
        self.chosen_match = 0  # the match ``a`` applies, as drawn with ▶ in the claim panel
        self.links: list[LinkedClaim] = []  # the selected claim's earlier matches
        self.apply_armed: tuple[int, int] | None = None  # (claim, earlier claim) whose differences were shown once

    def read_links(self, claim: DeskClaim | None) -> list[LinkedClaim]:
        """The selected claim's earlier matches, keeping the chosen one in range."""
        self.links = self.app.store.links(claim.id) if claim else []
        self.chosen_match = min(self.chosen_match, max(len(self.links) - 1, 0))
        return self.links

    def action_cycle_match(self, step: int) -> None:
        if self.links:
            self.chosen_match = (self.chosen_match + step) % len(self.links)
            self.refresh_claims()

    @records
    def action_apply_match(self) -> None:
        claim = self.selected
        if claim is None or not self.links:
            self.notify("This claim has no earlier match to take a verdict from.", severity="warning")
            return
        link = self.links[self.chosen_match]
        if link.status == "pending":
            self.notify(f"Claim #{link.earlier_id} has no verdict yet.", severity="warning")
            return
        if not self._confirmed_apply(claim, link):
            return
        message = f"Claim #{claim.id} marked {link.status}, as claim #{link.earlier_id}."
        self.guarded(claim, link.status,
                     lambda expect: self.app.desk.apply_match(claim.id, link, expect=expect,
                                                              signoff=self.second_review),
                     lambda updated: self.decided(updated, message), with_note=True)

    def _confirmed_apply(self, claim: DeskClaim, link: LinkedClaim) -> bool:
        """Applying a verdict across changed numbers or a negation needs a second press: it may not carry over."""
        changed = contradictions(claim.text, link.text)
        if not changed or self.apply_armed == (claim.id, link.earlier_id):
            self.apply_armed = None
            return True
        self.apply_armed = (claim.id, link.earlier_id)
        self.notify(f"The claims differ ({changed}): claim #{link.earlier_id}'s verdict ({link.status}) may not "
                    "carry over. Press a again to apply it anyway.", severity="warning", timeout=6, markup=False)
        return False

    # --- matching again after an edit, undo or redo --------------------------------------------------------------
    @work(thread=True, group="rematch")
    def rematch(self, claim_ids: list[int]) -> None:
        try:
            count = self.app.matches.rematch(claim_ids)
        except Exception as error:  # noqa: BLE001 - matching failing must not take the desk down
            self.post_message(self.Rematched(0, f"{type(error).__name__}: {error}"))
            return
        self.post_message(self.Rematched(count))

    def on_match_choice_rematched(self, message: Rematched) -> None:
        if message.error:
            self.notify(f"Matching failed: {message.error}", severity="error", markup=False)
            return
        self.reload_from_store()
        self.notify(f"Matching done: {counted(message.count, 'earlier claim')} linked.", timeout=2)
