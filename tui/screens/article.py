"""ArticleScreen: read an article with its claims highlighted, move between claims, record verdicts.

By default only the claims the article rule picked (``highlighted``) and the claims already decided are drawn
highlighted and stepped through; `h` shows every claim (the others are drawn dimmer until then). `o` makes j/k step
in score order (most worth checking first) instead of reading order.

The screen holds the article, the claims shown and the status line; what the reviewer does to a claim lives with
the mixins that own it: verdicts, notes and flags (tui.screens.verdict_actions), earlier matches and matching again
(tui.screens.match_choice), the nearest earlier checks below the match threshold (tui.screens.below_threshold),
the team workflow (tui.screens.team_review), span edits (tui.widgets.span_editing).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from store import Article, NotFoundError, StoreError
from store.models import BOILERPLATE, ClaimFilter, DeskClaim
from tui.forms.article_metadata import ArticleMetadata, ArticleMetadataForm
from tui.forms.claim_filter import ClaimFilterForm, matches
from tui.screens.below_threshold import BELOW_BINDINGS, BelowThreshold
from tui.screens.history import HistoryScreen
from tui.screens.match_choice import MATCH_BINDINGS, MatchChoice
from tui.screens.team_review import TEAM_BINDINGS, TeamReview
from tui.screens.verdict_actions import VerdictActions
from tui.widgets.article_dates import dateline_date
from tui.widgets.article_view import ArticleView
from tui.widgets.claim_panel import ClaimPanel
from tui.widgets.span_editing import SPAN_BINDINGS, SpanEditing


def shown_by_default(claim: DeskClaim) -> bool:
    return claim.highlighted or claim.status != "pending"


def score_key(claim: DeskClaim) -> tuple:
    return -claim.score, claim.start, claim.id


def score_ranks(claims: list[DeskClaim]) -> dict[int, tuple[int, int]]:
    """Each claim's place by score among the article's live claims, and how many there are."""
    ordered = sorted(claims, key=score_key)
    return {c.id: (n, len(ordered)) for n, c in enumerate(ordered, start=1)}


class ArticleScreen(VerdictActions, MatchChoice, BelowThreshold, TeamReview, SpanEditing, Screen):
    """One article: text on the left, the selected claim, its matches and history on the right."""

    BINDINGS = [
        Binding("j,down", "next_claim", "Next", id="claim.next"),
        Binding("k,up", "previous_claim", "Prev", id="claim.previous"),
        Binding("v", "mark('verified')", "Verify", id="verdict.verified"),
        Binding("d", "mark('disputed')", "Dispute", id="verdict.disputed"),
        Binding("u", "mark('unverified')", "Unverified", id="verdict.unverified"),
        Binding("p", "mark('pending')", "Pending", id="verdict.pending"),
        Binding("x", "app.export", "Export", id="app.export"),
        Binding("question_mark", "app.help", "Help", id="app.help"),
        Binding("q", "app.quit", "Quit", id="app.quit"),
        Binding("n", "note", "Note", id="claim.note"),
        Binding("f", "flag", "Flag", id="claim.flag"),
        *MATCH_BINDINGS,
        Binding("N", "next_pending", "Next pending", show=False, id="claim.next_pending"),
        Binding("c", "filter", "Filter claims", show=False, id="claim.filter"),
        Binding("H", "full_history", "Full history", show=False, id="claim.history"),
        Binding("A", "app.toggle_auto_advance", "Auto-advance on/off", show=False, id="app.auto_advance"),
        Binding("m", "edit_metadata", "Edit article details", show=False,
                id="article.metadata"),
        Binding("h", "toggle_all", "Highlight all claims on/off", show=False, id="claim.show_all"),
        Binding("o", "toggle_order", "Score order on/off", show=False, id="claim.order"),
        *SPAN_BINDINGS,
        *TEAM_BINDINGS,
        *BELOW_BINDINGS,
        Binding("escape,backspace", "back", "Back", id="screen.back"),
    ]

    def __init__(self, article_id: int, claim_id: int | None = None):
        super().__init__()
        self.article_id = article_id
        self.initial_claim_id = claim_id
        self.all_claims: list[DeskClaim] = []
        self.claims: list[DeskClaim] = []
        self.claim_filter = ClaimFilter()
        self.show_all = False  # `h`: every claim, not only those highlighted by default
        self.score_order = False  # `o`: j/k in score order
        self.index = 0
        self.last_action = ""
        self.init_match_choice()
        self.init_below_threshold()
        self.init_verdict_actions()
        self.init_span_editing()
        self.init_team_review()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="article-body"):
            yield ArticleView(id="article-view")
            yield ClaimPanel(id="claim-panel")
        yield Static(id="desk-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load_article(self.article_id, self.initial_claim_id)
        self.query_one(ArticleView).focus()

    def on_screen_resume(self) -> None:
        self.reload_from_store()

    def reload_from_store(self) -> None:
        """Show what the database holds now (another program's write, undo, redo), on the same claim."""
        self.reload(select_id=self.selected.id if self.selected else None)

    @property
    def selected(self) -> DeskClaim | None:
        return self.claims[self.index] if self.claims else None

    def load_article(self, article_id: int, claim_id: int | None = None) -> None:
        self.article_id = article_id
        self.seen = {}  # the claims of an article opened are seen as they are now
        self._show_article(self.app.store.article(article_id))
        self.index = 0
        self.claim_filter = ClaimFilter(article_id=article_id)
        self.reload(select_id=claim_id)

    def _show_article(self, article: Article) -> None:
        self.article = article
        self.title = article.title
        when = article.published or dateline_date(article.dateline)
        self.sub_title = " · ".join(p for p in (article.source, when) if p)

    def action_edit_metadata(self) -> None:
        """Correct the article's title, source, web address or date (a form; the store checks the values)."""
        self.app.push_screen(ArticleMetadataForm(self.article, self._save_metadata), self._metadata_saved)

    def _save_metadata(self, values: ArticleMetadata) -> Article:
        return self.app.store.update_article_metadata(self.article_id, values.title, values.source, values.url,
                                                      values.published)

    def _metadata_saved(self, article: Article | None) -> None:
        if article is not None:
            self._show_article(article)
            self.last_action = f"Article #{article.id}'s details saved."
            self.refresh_status()

    def reload(self, select_id: int | None = None) -> None:
        self.all_claims = [c for c in self.app.store.desk_claims(self.article_id) if c.type != BOILERPLATE]
        self.read_team_state(self.all_claims)
        wanted = [c for c in self.all_claims if matches(c, self.claim_filter)]
        if any(c.id == select_id and not shown_by_default(c) for c in wanted):
            self.show_all = True  # a dimmer claim asked for by id (a jump, a list, undo) is shown, not hidden
        self.claims = [c for c in wanted if self.show_all or shown_by_default(c)]
        if self.score_order:
            self.claims.sort(key=score_key)
        ids = [c.id for c in self.claims]
        if select_id in ids:
            self.index = ids.index(select_id)
        self.index = min(self.index, max(len(self.claims) - 1, 0))
        self.refresh_claims()

    def refresh_claims(self, scroll: bool = True) -> None:
        claim = self.selected
        store = self.app.store
        self.query_one(ArticleView).show(self.article, self.all_claims, claim, self.show_all)
        self.query_one(ClaimPanel).ranks = score_ranks(self.all_claims)
        links = self.read_links(claim)
        history = store.desk_history(claim.id) if claim else []
        conflicts = store.conflicts_of(claim.id) if claim else []
        self.query_one(ClaimPanel).show(claim, self.index + 1, len(self.claims), links, history,
                                        self.chosen_match, conflicts)
        self.show_below()
        self.refresh_status()

    def refresh_status(self) -> None:
        app = self.app
        decided = sum(c.status != "pending" for c in self.all_claims)
        parts = [self.last_action] if self.last_action else []
        parts += [*self.team_parts(self.selected), f"reviewer: {app.reviewer}",
                  f"{decided}/{len(self.all_claims)} decided", *self._view_parts(),
                 f"auto-advance {'on' if app.auto_advance else 'off'} (A)"]
        if self.just_decided is not None:
            parts.insert(1 if self.last_action else 0, f"n: note on #{self.just_decided.id}")
        if self.claim_filter.active:
            parts.append(f"filter: {self.claim_filter.describe()} ({len(self.claims)})")
        if self.selecting:
            parts.insert(0, "SELECT ←→ start ⇧←→ end ⏎ save + new t split esc")
        self.query_one("#desk-status", Static).update(" · ".join(parts))

    def _view_parts(self) -> list[str]:
        """Score order and the dimmer claims, said only when they apply (the status line is short)."""
        parts = ["score order (o)"] if self.score_order else []
        shown = sum(map(shown_by_default, self.all_claims))
        if self.show_all:
            parts.append("all highlighted (h)")
        elif shown < len(self.all_claims):
            parts.append(f"{shown}/{len(self.all_claims)} highlighted (h)")
        return parts

    def select(self, index: int) -> None:
        self.index, self.chosen_match = index, 0
        self.just_decided = None
        self.remember(self.selected)  # moving onto a claim opens it: its verdict as it is now has been seen
        self.refresh_claims()

    def replace(self, updated: DeskClaim) -> None:
        self.remember(updated)
        self.all_claims = [updated if c.id == updated.id else c for c in self.all_claims]
        self.claims = [updated if c.id == updated.id else c for c in self.claims]

    def show_claim(self, claim: DeskClaim) -> None:
        """Bring a claim into view (after undo, redo, or a jump), in this article or another."""
        if claim.article_id != self.article_id:
            self.load_article(claim.article_id, claim.id)
        else:
            self.reload(select_id=claim.id)

    def show_undone(self, claim: DeskClaim, message: str) -> None:
        """After undo or redo: say what it did in the status line, and show the claim (or its article)."""
        self.last_action, self.just_decided = message, None
        self.remember(claim)
        self.show_claim(claim) if claim.deleted_at is None else self.reload()

    def action_back(self) -> None:
        if self.selecting:
            self.leave_select_mode()
        else:
            self.app.pop_screen()

    def action_next_claim(self) -> None:
        if self.claims and self.index < len(self.claims) - 1:
            self.select(self.index + 1)

    def action_previous_claim(self) -> None:
        if self.claims and self.index > 0:
            self.select(self.index - 1)

    def action_toggle_all(self) -> None:
        """Highlight every claim, or again only those to check (and those decided)."""
        self.show_all = not self.show_all
        self.reload(select_id=self.selected.id if self.selected else None)

    def action_toggle_order(self) -> None:
        """j/k step through the claims in score order (most worth checking first), or in reading order."""
        self.score_order = not self.score_order
        keep = self.selected.id if self.selected else None
        self.reload(select_id=keep)
        if self.score_order and keep is None and self.claims:
            self.select(0)

    def after_failed_write(self, error: StoreError) -> None:
        """A write was refused (see tui.write_guard): show what the database holds, so a claim another reviewer
        deleted disappears. A selection being edited stays for another try, unless its claim is gone."""
        if self.selecting and not isinstance(error, NotFoundError):
            return
        if self.selecting:
            self.leave_select_mode()
        self.last_action = ""
        self.reload_from_store()

    def action_filter(self) -> None:
        self.app.push_screen(ClaimFilterForm(self.claim_filter, self.app.store.claim_types(),
                                             "Show only this article's claims that match"), self._filtered)

    def _filtered(self, claim_filter: ClaimFilter | None) -> None:
        if claim_filter is not None:
            keep = self.selected.id if self.selected else None
            self.claim_filter = claim_filter
            self.reload(select_id=keep)

    def action_full_history(self) -> None:
        if (claim := self.selected) is not None:
            self.app.push_screen(HistoryScreen(claim, self.app.store.desk_history(claim.id)))
