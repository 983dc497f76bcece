"""RowList: a table that draws only the rows on screen (render_line, cached strips), for 10,000 articles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.column_widths import Column, column_widths

__all__ = ["Cell", "Column", "RowList", "fit"]

# A cell: text, or a function drawing it at the column's width (a progress bar as wide as its column).
Cell = Text | str | Callable[[int], Text]


def fit(cell: Cell, width: int, justify: str) -> Text:
    if callable(cell):
        cell = cell(width)
    text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
    text.truncate(width, overflow="ellipsis", pad=False)
    text.no_wrap = True
    pad = width - text.cell_len
    if pad > 0:
        text = Text.assemble(" " * pad, text) if justify == "right" else Text.assemble(text, " " * pad)
    return text


class RowList(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of any objects, drawn through `formatter(row) -> cells`; enter or a click on the cursor selects."""

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES = {"row-list--header", "row-list--cursor", "row-list--even"}
    DEFAULT_CSS = """
    RowList { background: $surface; }
    RowList > .row-list--header { text-style: bold; background: $panel; }
    RowList > .row-list--cursor { background: $block-cursor-blurred-background; }
    RowList:focus > .row-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    RowList > .row-list--even { background: $surface-lighten-1; }
    """
    cursor = reactive(0, always_update=True)

    class Selected(Message):
        def __init__(self, row_list: RowList, row: Any):
            super().__init__()
            self.row_list, self.row = row_list, row

    class Highlighted(Selected):
        pass

    def __init__(self, columns: Sequence[Column], formatter: Callable[[Any], Sequence[Cell]], **kwargs):
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.formatter = formatter
        self.rows: list[Any] = []
        self._cache: LRUCache[tuple, Strip] = LRUCache(512)
        self._version = 0

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def current(self) -> Any | None:
        return self.rows[self.cursor] if self.rows else None

    def set_rows(self, rows: list[Any], keep_cursor: bool = True) -> None:
        self.rows = rows
        self._version += 1
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = min(self.cursor if keep_cursor else 0, max(len(rows) - 1, 0))
        self.refresh()

    def refresh_row(self, index: int, row: Any) -> None:
        self.rows[index] = row
        self._version += 1
        self.refresh()

    def widths(self, total: int) -> list[int]:
        return column_widths(self.columns, total)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # without the scrollbar, so the last column is not cut
        if y == 0:
            return self._line([c.title for c in self.columns], width, self.get_component_rich_style("row-list--header"))
        index = y - 1 + int(self.scroll_y)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        key = (index, self._version, width, index == self.cursor, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._line(self.formatter(self.rows[index]), width, self._row_style(index))
            self._cache[key] = strip
        return strip

    def _row_style(self, index: int):
        if index == self.cursor:
            return self.get_component_rich_style("row-list--cursor")
        return self.get_component_rich_style("row-list--even") if index % 2 else self.rich_style

    def _line(self, cells: Sequence[Cell], width: int, style) -> Strip:
        line = Text(" ", end="")
        for cell, column, cell_width in zip(cells, self.columns, self.widths(width - 1), strict=False):
            line.append_text(fit(cell, cell_width, column.justify))
            line.append(" ")
        segments = list(line.render(self.app.console))
        return Strip(Segment.apply_style(segments, post_style=None, style=style)).adjust_cell_length(width, style)

    def watch_cursor(self, old: int, new: int) -> None:
        self._version += 1
        self.refresh()
        self.scroll_to_cursor()
        if self.rows:
            self.post_message(self.Highlighted(self, self.rows[new]))

    def scroll_to_cursor(self) -> None:
        height = self.size.height - 1
        top = int(self.scroll_y)
        if height <= 0:
            return
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_focus(self) -> None:
        self._version += 1

    def on_blur(self) -> None:
        self._version += 1

    def move_cursor(self, row: int) -> None:
        if self.rows:
            self.cursor = max(0, min(row, len(self.rows) - 1))

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor + step * max(self.size.height - 2, 1))

    def action_jump(self, where: int) -> None:
        self.move_cursor(where if where >= 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.rows[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        index = event.y - 1 + int(self.scroll_y)
        if event.y >= 1 and 0 <= index < len(self.rows):
            if index == self.cursor or event.chain > 1:
                self.action_select()
            self.move_cursor(index)
