"""App-wide actions of the reviewer's desk: undo and redo, search, jump to a claim, statistics, claim lists, the
archive of earlier checks."""

from __future__ import annotations

from functools import partial

from claims.desk.undo import Step
from store import StoreError
from store.models import ClaimFilter, DeskClaim
from tui.forms.prompt import PromptScreen
from tui.screen_protocol import StoreView
from tui.screens.archive import ArchiveScreen
from tui.screens.article import ArticleScreen
from tui.screens.claim_list import ClaimListScreen
from tui.screens.search import SearchScreen
from tui.screens.stats import StatsScreen
from tui.write_guard import records


class DeskActions:
    """Mixin of ClaimdeskApp: actions that work on every screen."""

    def _article_screen(self) -> ArticleScreen | None:
        return self.screen if isinstance(self.screen, ArticleScreen) else None

    def _bring_back(self, step: Step, claim: DeskClaim, message: str) -> None:
        screen = self._article_screen()
        if screen is not None:
            screen.show_undone(claim, message)
        elif isinstance(self.screen, StoreView):
            self.screen.reload_from_store()
        if step.changes_text:  # a claim came back, went, or moved: its matches and the matcher follow
            if screen is not None:
                screen.rematch(step.claim_ids)
            else:
                self.run_worker(partial(self.matches.rematch, step.claim_ids), thread=True, group="rematch")
        self.notify(message, timeout=3, markup=False)

    def after_failed_write(self, error: StoreError) -> None:
        """A write was refused: bring the screen on view back in line with the database."""
        if isinstance(self.screen, StoreView):
            self.screen.after_failed_write(error)

    @records
    def action_undo(self) -> None:
        done = self.desk.undo()
        if done is None:
            self.notify("Nothing to undo in this session.", timeout=2)
            return
        step, claim = done
        self._bring_back(step, claim, f"Undone: {step.label} on claim #{step.claim_id} (now {claim.status}).")

    @records
    def action_redo(self) -> None:
        done = self.desk.redo()
        if done is None:
            self.notify("Nothing to redo.", timeout=2)
            return
        step, claim = done
        self._bring_back(step, claim, f"Redone: {step.label} on claim #{step.claim_id}.")

    def action_toggle_auto_advance(self) -> None:
        self.auto_advance = not self.auto_advance
        self.notify(f"Auto-advance {'on' if self.auto_advance else 'off'}.", timeout=2)
        if (screen := self._article_screen()) is not None:
            screen.refresh_status()

    def action_search(self) -> None:
        self.push_screen(SearchScreen())

    def action_claims(self, flagged: bool = False) -> None:
        self.push_screen(ClaimListScreen(ClaimFilter(flagged=flagged)))

    def action_archive(self) -> None:
        if not isinstance(self.screen, ArchiveScreen):
            self.push_screen(ArchiveScreen())

    def action_stats(self) -> None:
        self.push_screen(StatsScreen())

    def action_jump(self) -> None:
        self.push_screen(PromptScreen("Go to claim number", "e.g. 1234"), self.jump_to)

    def jump_to(self, answer: str | None) -> None:
        if answer is None:
            return
        try:
            claim = self.store.desk_claim(int(answer.strip().lstrip("#")))
        except (ValueError, StoreError):
            self.notify(f"There is no claim {answer!r}.", severity="warning", markup=False)
            return
        if claim.deleted_at is not None:
            self.notify(f"Claim #{claim.id} was deleted on {claim.deleted_at}.", severity="warning")
            return
        screen = self._article_screen()
        if screen is not None:
            screen.show_claim(claim)
        else:
            self.open_article(claim.article_id, claim.id)

    def action_next_pending_anywhere(self) -> None:
        screen = self._article_screen()
        if screen is not None:
            screen.action_next_pending()
            return
        claim = self.store.next_in_queue(self.reviewer)  # assigned to this reviewer first (store.team)
        if claim is None:
            self.notify("Every claim in the archive is decided.")
        else:
            self.open_article(claim.article_id, claim.id)
