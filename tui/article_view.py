"""ArticleView: an article's full text with every claim highlighted in place, coloured by its status."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from store import Article, Claim
from tui.status_style import SELECTED, STATUS_STYLES


def render_article(text: str, claims: list[Claim], selected_id: int | None) -> Text:
    """The article as a Text object: never parsed as markup, so ``[bold]`` in an article stays literal."""
    rendered = Text(text, no_wrap=False)
    for claim in claims:
        style = STATUS_STYLES.get(claim.status)
        if style is not None:
            rendered.stylize(style, claim.start, claim.end)
    for claim in claims:
        if claim.id == selected_id:
            rendered.stylize(SELECTED, claim.start, claim.end)
    return rendered


def line_of_offset(text: Text, offset: int, width: int) -> int:
    """The wrapped line (0-based) on which character ``offset`` is shown at ``width`` columns."""
    if width <= 0:
        return 0
    lines = text.wrap(Console(width=width, legacy_windows=False), width)
    position, plain = 0, text.plain
    for number, line in enumerate(lines):
        found = plain.find(line.plain.strip(), position) if line.plain.strip() else position
        position = (found if found >= 0 else position) + len(line.plain.strip())
        if position > offset:
            return number
    return max(len(lines) - 1, 0)


class ArticleView(VerticalScroll, can_focus=True):
    """Scrollable article text; ``show`` redraws it with a claim selected and scrolls that claim into view."""

    DEFAULT_CSS = """
    ArticleView { padding: 0 1; }
    ArticleView > #article-text { width: 1fr; }
    """

    def compose(self):
        yield Static(id="article-text")

    def show(self, article: Article, claims: list[Claim], selected: Claim | None) -> None:
        text = render_article(article.text, claims, selected.id if selected else None)
        self.query_one("#article-text", Static).update(text)
        if selected is not None:
            self.call_after_refresh(self._scroll_to_claim, text, selected.start)

    def _scroll_to_claim(self, text: Text, offset: int) -> None:
        width = self.query_one("#article-text", Static).content_region.width
        line = line_of_offset(text, offset, width)
        top, height = self.scroll_y, self.scrollable_content_region.height
        if not top + 1 <= line < top + height - 2:
            self.scroll_to(y=max(line - height // 3, 0), animate=False)
