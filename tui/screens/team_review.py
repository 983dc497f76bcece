"""The team workflow on the article screen: never replace a verdict you have not seen, my queue first, sign-off.

- A verdict (v d u p, a note with a verdict, an applied match) is written expecting the status and decider the
  claim had when you opened it (moved onto it). If someone else decided it since, the store refuses, and
  OverrideDialog shows their verdict, name and note: replace it (your verdict, without their note) or keep it.
- N goes to your next pending claim: those assigned to you first, then those assigned to no one.
- With second review on (second_review = true in the config file) a verdict awaits another reviewer's sign-off:
  S confirms it, R reopens it (pending again, with a note saying why); ctrl+z takes either back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.binding import Binding

from store.errors import ChangedSinceError
from store.models import ClaimFilter, DeskClaim, Expected, Signoff, decided_by_other
from tui.forms.override import OverrideDialog
from tui.forms.prompt import PromptScreen
from tui.write_guard import records

TEAM_BINDINGS = [
    Binding("S", "sign_off(True)", "Sign off: confirm the verdict (second review)", show=False, id="signoff.confirm"),
    Binding("R", "sign_off(False)", "Second review: reopen the verdict", show=False, id="signoff.reopen"),
]

Write = Callable[[Expected], DeskClaim]


class TeamReview:
    """Mixin of ArticleScreen (which has ``selected``, ``claims``, ``index``, ``all_claims``, ``claim_filter``,
    ``article``, ``select``, ``reload``, ``load_article``, ``reload_from_store`` and ``last_action``)."""

    def init_team_review(self) -> None:
        self.seen: dict[int, Expected] = {}  # each claim's status and decider when the reviewer opened it
        self.assigned: dict[int, str] = {}  # claim id -> reviewer, for this article's assigned claims
        self.signoffs: dict[int, Signoff] = {}

    @property
    def second_review(self) -> bool:
        return self.app.settings.second_review

    def remember(self, claim: DeskClaim | None) -> None:
        """The reviewer has this claim in front of them as it is now."""
        if claim is not None:
            self.seen[claim.id] = Expected.of(claim)

    def read_team_state(self, claims: list[DeskClaim]) -> None:
        """After reading the article's claims: who they are assigned to, their sign-off; a claim shown for the first
        time is remembered as it is."""
        store = self.app.store
        self.assigned = store.assignments(self.article_id)
        self.signoffs = store.signoffs([c.id for c in claims]) if claims else {}
        for claim in claims:
            self.seen.setdefault(claim.id, Expected.of(claim))

    def team_parts(self, claim: DeskClaim | None) -> list[str]:
        """What the status line says of the selected claim's assignment and second review."""
        if claim is None:
            return []
        parts = []
        if who := self.assigned.get(claim.id):
            parts.append("assigned to you" if who == self.app.reviewer else f"assigned to {who}")
        signoff = self.signoffs.get(claim.id)
        if signoff is not None and signoff.state == "awaiting":
            parts.append("awaiting sign-off (S confirm, R reopen)")
        elif signoff is not None and signoff.state:
            parts.append(f"{signoff.state} by {signoff.second_reviewer}")
        return parts

    # --- writing a verdict only over what the reviewer has seen ------------------------------------------------
    def guarded(self, claim: DeskClaim, status: str, write: Write, then: Callable[[DeskClaim], None],
                with_note: bool = False) -> bool:
        """Write a verdict expecting what the reviewer saw of the claim; if another reviewer decided it since,
        ask first (OverrideDialog) and return False (nothing written yet)."""
        try:
            updated = write(self.seen.get(claim.id) or Expected.of(claim))
        except ChangedSinceError as changed:
            now = changed.claim
            if decided_by_other(now, self.app.reviewer):
                self.app.push_screen(OverrideDialog(now, status, with_note),
                                     partial(self._answered, now, status, write, then, with_note))
                return False
            updated = write(Expected.of(now))  # pending again, or the reviewer's own verdict: nothing to lose
        self.remember(updated)
        then(updated)
        return True

    @records
    def _answered(self, now: DeskClaim, status: str, write: Write, then: Callable[[DeskClaim], None],
                  with_note: bool, replace: bool | None) -> None:
        self.remember(now)  # the reviewer has seen their verdict now
        if replace:
            self.guarded(now, status, write, then, with_note)
            return
        self.last_action = f"Kept {now.reviewer}'s verdict on claim #{now.id} ({now.status})."
        self.reload_from_store()

    def verdict_writer(self, claim_id: int, status: str, **extra) -> Write:
        """A write of ``status`` through the desk (undo stack) expecting what the reviewer saw."""
        return lambda expect: self.app.desk.decide(claim_id, status, expect=expect,
                                                   signoff=self.second_review, **extra)

    # --- my queue ---------------------------------------------------------------------------------------------
    def action_next_pending(self) -> None:
        """The reviewer's next pending claim: assigned to them first, then assigned to no one (store.team)."""
        after = self.claims[self.index + 1 :] + self.claims[: self.index]
        claim = self.selected
        found = self.next_in_my_queue(after, claim)
        shown = [c.id for c in self.claims]
        if found is None or (claim is not None and found.id == claim.id):
            self.notify("Every claim in the archive is decided.")
        elif found.id in shown:
            self.select(shown.index(found.id))
        elif found.article_id == self.article_id:
            self.claim_filter = ClaimFilter(article_id=self.article_id)
            self.reload(select_id=found.id)
        else:
            self.load_article(found.article_id, found.id)
            self.notify(f"Article done; on to “{self.article.title}”.", timeout=3, markup=False)

    def next_in_my_queue(self, after: list[DeskClaim], position: DeskClaim | None) -> DeskClaim | None:
        """The next pending claim for this reviewer: in this article first (``after``: the claims after the
        cursor, wrapping), then in the archive; one assigned to them first, never one assigned to someone else."""
        me, store = self.app.reviewer, self.app.store
        pending = [c for c in after if c.status == "pending" and self.assigned.get(c.id) in (None, me)]
        mine = [c for c in pending if self.assigned.get(c.id) == me]
        if mine:
            return mine[0]
        if pending and not store.queue_size(me):
            return pending[0]
        if position is None:
            return store.next_in_queue(me)
        return store.next_in_queue(me, position.article_id, position.start, position.id)

    # --- second review ----------------------------------------------------------------------------------------
    def action_sign_off(self, confirm: bool) -> None:
        claim = self.selected
        if claim is None:
            return
        if confirm:
            self._sign_off(claim, True, None)
            return
        self.app.push_screen(PromptScreen(f"Reopen claim #{claim.id}'s verdict ({claim.status}): why?",
                                          "what the first reviewer should look at"),
                             lambda note: self._sign_off(claim, False, note) if note else self.notify(
                                 "Not reopened: say why, for the first reviewer.", timeout=3))

    @records
    def _sign_off(self, claim: DeskClaim, confirm: bool, note: str | None) -> None:
        expect = self.seen.get(claim.id) or Expected.of(claim)
        updated = self.app.desk.sign_off(claim.id, confirm, note, expect=expect)  # on the undo stack (ctrl+z)
        self.remember(updated)
        self.last_action = f"Claim #{claim.id} {'signed off' if confirm else 'reopened'}."
        self.reload_from_store()
