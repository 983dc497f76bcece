"""ArticleView: an article's full text with its claims highlighted in place, coloured by their status.

A pending claim the article rule did not highlight by default (``Claim.highlighted`` false) is drawn dimmer
(DIM_CLAIM) unless ``show_all`` is on.

Only the lines on screen are drawn (a ScrollView with ``render_line`` and cached strips), so a 500-claim article
scrolls and re-colours as fast as a short one. A span of text can be selected with the mouse (drag) or the
keyboard (select mode, see ArticleScreen), to add a claim or move a claim's boundaries.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import Article, Claim
from tui.widgets.status_style import DIM_CLAIM, FLAG_MARK, SELECTED, SELECTION, STATUS_STYLES
from tui.widgets.text_layout import Layout

MARGIN = 1


def claim_style(claim: Claim, show_all: bool = False):
    """The status colour, or the dim style for a pending claim not highlighted by default."""
    if not (show_all or claim.highlighted or claim.status != "pending"):
        return DIM_CLAIM
    return STATUS_STYLES.get(claim.status)


def render_article(text: str, claims: list[Claim], selected_id: int | None, show_all: bool = False) -> Text:
    """The whole article as a Text object (never parsed as markup); used for tests and export of a view."""
    rendered = Text(text, no_wrap=False)
    for claim in claims:
        style = claim_style(claim, show_all)
        if style is not None:
            rendered.stylize(style, claim.start, claim.end)
        if claim.id == selected_id:
            rendered.stylize(SELECTED, claim.start, claim.end)
    return rendered


def printable(text: str) -> str:
    """Tabs and any control character left become spaces, one for one, so offsets stay true."""
    return "".join(c if c >= " " or c == "\n" else " " for c in text) if not text.isprintable() else text


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrollable article text; ``show`` redraws it with a claim selected and scrolls that claim into view."""

    BINDINGS = [
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]
    ALLOW_SELECT = False
    DEFAULT_CSS = """
    ArticleView { background: $surface; scrollbar-gutter: stable; overflow-x: hidden; }
    ArticleView:focus { background-tint: $foreground 3%; }
    """

    class SpanSelected(Message):
        """The reader dragged over a span with the mouse."""

        def __init__(self, start: int, end: int):
            super().__init__()
            self.start, self.end = start, end

    class ClaimClicked(Message):
        def __init__(self, claim_id: int):
            super().__init__()
            self.claim_id = claim_id

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.text = ""
        self.claims: list[Claim] = []
        self.selected_id: int | None = None
        self.show_all = False  # every claim highlighted, or the dimmer ones dim
        self.selection: tuple[int, int] | None = None
        self.text_layout = Layout.of("", 1)
        self._claim_starts: list[int] = []
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._version = 0
        self._line_versions: dict[int, int] = {}
        self._drag_from: int | None = None

    @property
    def plain(self) -> str:
        """The article text as shown (for tests and for reading back)."""
        return self.text

    def show(self, article: Article, claims: list[Claim], selected: Claim | None, show_all: bool = False) -> None:
        text = printable(article.text)
        whole = text != self.text or show_all != self.show_all
        self.show_all = show_all
        if whole:
            self.text = text
            self.text_layout = Layout.of("", 1)
            if self.size.width:
                self._relayout()
        before = self._looks()
        self.claims = sorted(claims, key=lambda c: (c.start, c.id))
        self._claim_starts = [c.start for c in self.claims]
        self.selected_id = selected.id if selected else None
        if whole:
            self._changed()
        else:
            self._changed_spans(before, self._looks())
        if selected is not None:
            self.scroll_to_offset(selected.start, selected.end)

    def _looks(self) -> dict[int, tuple]:
        return {c.id: (c.start, c.end, c.status, c.id == self.selected_id, getattr(c, "flagged", False),
                       c.highlighted) for c in self.claims}

    def _changed_spans(self, before: dict[int, tuple], after: dict[int, tuple]) -> None:
        """Redraw only the lines of claims whose look changed."""
        spans = [(v[0], v[1]) for k, v in before.items() if after.get(k) != v]
        spans += [(v[0], v[1]) for k, v in after.items() if before.get(k) != v]
        for start, end in spans:
            self._dirty(start, end)

    def _dirty(self, start: int, end: int) -> None:
        first, last = self.text_layout.line_of(start), self.text_layout.line_of(max(end - 1, start))
        for line in range(first, last + 1):
            self._line_versions[line] = self._line_versions.get(line, 0) + 1
        self.refresh_lines(first, last - first + 1)

    def set_selection(self, span: tuple[int, int] | None) -> None:
        for old_or_new in (self.selection, span):
            if old_or_new:
                self._dirty(*old_or_new)
        self.selection = span
        if span:
            self.scroll_to_offset(*span)

    def _changed(self) -> None:
        self._version += 1
        self._line_versions.clear()
        self.refresh()

    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width - 2 * MARGIN, 10)

    def _relayout(self) -> None:
        self.text_layout = Layout.of(self.text, self._text_width())
        self.virtual_size = Size(self.text_layout.width + 2 * MARGIN, len(self.text_layout.lines))
        self._cache.clear()
        self._version += 1

    def on_resize(self, event: events.Resize) -> None:
        if self.text and self._text_width() != self.text_layout.width:
            self._relayout()
            if (claim := next((c for c in self.claims if c.id == self.selected_id), None)) is not None:
                self.scroll_to_offset(claim.start, claim.end)

    def scroll_to_offset(self, start: int, end: int | None = None) -> None:
        """Scroll so that the span's first line is in view, a third down the screen when it was not."""
        first = self.text_layout.line_of(start)
        last = self.text_layout.line_of(end) if end is not None else first
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        if height and not (top <= first and last < top + height):
            self.scroll_to(y=max(first - height // 3, 0), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        key = (index, self._version, self._line_versions.get(index, 0), width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_text_line(index, width)
            self._cache[key] = strip
        return strip.crop(int(self.scroll_x), int(self.scroll_x) + width)

    def _render_text_line(self, index: int, width: int) -> Strip:
        base = self.rich_style
        if index >= len(self.text_layout.lines):
            return Strip.blank(width, base)
        start, end = self.text_layout.lines[index]
        line = Text(self.text[start:end], style=base, end="")
        self._stylize(line, start, end)
        segments = [Segment(" " * MARGIN, base), *line.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, base)

    def _stylize(self, line: Text, start: int, end: int) -> None:
        for claim in self._claims_between(start, end):
            a, b = max(claim.start, start) - start, min(claim.end, end) - start
            style = claim_style(claim, self.show_all)
            if style is not None:
                line.stylize(style, a, b)
            if claim.id == self.selected_id:
                line.stylize(SELECTED, a, b)
            if getattr(claim, "flagged", False) and claim.start >= start:
                line.stylize(FLAG_MARK, a, a + 1)
        if self.selection:
            a, b = max(self.selection[0], start) - start, min(self.selection[1], end) - start
            if a < b:
                line.stylize(SELECTION, a, b)

    def _claims_between(self, start: int, end: int) -> list[Claim]:
        """Claims overlapping [start, end); claims rarely span more than a few lines, so look back a little."""
        last = bisect_left(self._claim_starts, end)
        first = bisect_right(self._claim_starts, start - 4000)
        return [c for c in self.claims[first:last] if c.end > start]

    def claim_at(self, offset: int) -> Claim | None:
        for claim in self._claims_between(offset, offset + 1):
            if claim.start <= offset < claim.end:
                return claim
        return None

    def _offset_of(self, event: events.MouseEvent) -> int:
        return self.text_layout.offset_at(event.x - MARGIN + int(self.scroll_x), event.y + int(self.scroll_y))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button == 1:
            self._drag_from = self._offset_of(event)
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is not None and event.button == 1:
            here = self._offset_of(event)
            self.set_selection((min(self._drag_from, here), max(self._drag_from, here)) if here != self._drag_from
                               else None)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is None:
            return
        self.release_mouse()
        here, start = self._offset_of(event), self._drag_from
        self._drag_from = None
        if abs(here - start) > 1:
            self.post_message(self.SpanSelected(min(start, here), max(start, here)))
        elif (claim := self.claim_at(start)) is not None:
            self.set_selection(None)
            self.post_message(self.ClaimClicked(claim.id))
