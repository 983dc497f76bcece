"""ArticleScreen: read an article with its claims highlighted, move between claims, record verdicts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from store import Claim
from tui.article_view import ArticleView
from tui.claim_panel import ClaimPanel


class ArticleScreen(Screen):
    """One article: text on the left, the selected claim and its matches on the right."""

    BINDINGS = [
        Binding("j,down", "next_claim", "Next"),
        Binding("k,up", "previous_claim", "Prev"),
        Binding("v", "mark('verified')", "Verified"),
        Binding("d", "mark('disputed')", "Disputed"),
        Binding("u", "mark('unverified')", "Unverified"),
        Binding("p", "mark('pending')", "Pending"),
        Binding("n", "next_pending", "Next pending", show=False),
        Binding("x", "app.export", "Export"),
        Binding("escape,backspace", "app.pop_screen", "Back"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, article_id: int, claim_id: int | None = None):
        super().__init__()
        self.article_id = article_id
        self.initial_claim_id = claim_id
        self.claims: list[Claim] = []
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="article-body"):
            yield ArticleView(id="article-view")
            yield ClaimPanel(id="claim-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.article = self.app.store.article(self.article_id)
        self.title = self.article.title
        self.sub_title = self.article.source or ""
        self.reload(select_id=self.initial_claim_id)
        self.query_one(ArticleView).focus()

    def on_screen_resume(self) -> None:
        if self.claims:
            self.reload(select_id=self.selected.id)

    @property
    def selected(self) -> Claim | None:
        return self.claims[self.index] if self.claims else None

    def reload(self, select_id: int | None = None) -> None:
        self.claims = self.app.store.claims(article_id=self.article_id)
        ids = [c.id for c in self.claims]
        if select_id in ids:
            self.index = ids.index(select_id)
        self.index = min(self.index, max(len(self.claims) - 1, 0))
        self.refresh_claims()

    def refresh_claims(self) -> None:
        claim = self.selected
        store = self.app.store
        self.query_one(ArticleView).show(self.article, self.claims, claim)
        links = store.links(claim.id) if claim else []
        history = store.history(claim.id) if claim else []
        self.query_one(ClaimPanel).show(claim, self.index + 1, len(self.claims), links, history)

    def action_next_claim(self) -> None:
        if self.claims and self.index < len(self.claims) - 1:
            self.index += 1
            self.refresh_claims()

    def action_previous_claim(self) -> None:
        if self.claims and self.index > 0:
            self.index -= 1
            self.refresh_claims()

    def action_next_pending(self) -> None:
        after = self.claims[self.index + 1 :] + self.claims[: self.index]
        pending = next((c for c in after if c.status == "pending"), None)
        if pending is None:
            self.notify("Every claim in this article is decided.")
            return
        self.index = self.claims.index(pending)
        self.refresh_claims()

    def action_mark(self, status: str) -> None:
        claim = self.selected
        if claim is None:
            return
        updated = self.app.store.set_status(claim.id, status, self.app.reviewer)
        self.claims[self.index] = updated
        self.refresh_claims()
        self.notify(f"Claim #{updated.id} marked {status}.", timeout=2)
