"""How a row list shares its width: text columns (titles, claims, speakers) get the room; fixed columns (ids,
dates, counts) keep their width while there is room and give it up, down to a minimum, when the screen is narrow.

A column with ``width`` is fixed: it shrinks towards ``min_width`` before any text column goes below its
``min_width``. A text column (``width`` 0) gets at least ``min_width``, then a ``grow``-weighted share of the room
left, up to ``max_width`` (0: no limit); what a capped column cannot take goes to the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 0  # a fixed column's width; 0: a text column, sharing the room
    justify: str = "left"
    min_width: int = 0  # fixed: the least it shrinks to (0: never shrinks); text: the least it gets (0: 8)
    grow: int = 1  # a text column's share of the room beyond its minimum
    max_width: int = 0  # a text column's most (0: no limit)

    @property
    def is_text(self) -> bool:
        return not self.width

    @property
    def least(self) -> int:
        if self.is_text:
            return self.min_width or 8
        return self.min_width or self.width


def column_widths(columns: Sequence[Column], total: int) -> list[int]:
    """Each column's width, for ``total`` cells of which one a column goes to the space after it."""
    room = max(total - len(columns), 0)
    widths = [c.width for c in columns]
    text = [i for i, c in enumerate(columns) if c.is_text]
    short = sum(widths) + sum(columns[i].least for i in text) - room
    if short > 0:
        _shrink_fixed(columns, widths, short)
    left = room - sum(widths)
    least = [columns[i].least for i in text]
    if left < sum(least):  # not even the minimums fit: share what there is in their proportion
        for i, n in zip(text, _share(left, least, [0] * len(text)), strict=True):
            widths[i] = max(n, 1)
        return widths
    for i, n in zip(text, least, strict=True):
        widths[i] = n
    _grow(columns, widths, text, left - sum(least))
    return widths


def _shrink_fixed(columns: Sequence[Column], widths: list[int], short: int) -> None:
    slack = [0 if c.is_text else w - c.least for c, w in zip(columns, widths, strict=True)]
    cut = _share(min(short, sum(slack)), slack, slack)
    for i, n in enumerate(cut):
        widths[i] -= n


def _grow(columns: Sequence[Column], widths: list[int], text: list[int], extra: int) -> None:
    open_ = [i for i in text if not columns[i].max_width or widths[i] < columns[i].max_width]
    while extra > 0 and open_:
        caps = [columns[i].max_width - widths[i] if columns[i].max_width else extra for i in open_]
        given = _share(extra, [columns[i].grow for i in open_], caps)
        if not any(given):
            break
        for i, n in zip(open_, given, strict=True):
            widths[i] += n
        extra -= sum(given)
        open_ = [i for i in open_ if not columns[i].max_width or widths[i] < columns[i].max_width]


def _share(amount: int, weights: Sequence[int], caps: Sequence[int]) -> list[int]:
    """``amount`` split in proportion to ``weights``, each part at most its cap (a cap of 0 for a weight of 0
    means no cap), whole cells, the remainder to the largest weights first."""
    total = sum(weights)
    if amount <= 0 or total <= 0:
        return [0] * len(weights)
    parts = [amount * w // total for w in weights]
    parts = [min(p, c) if c else p for p, c in zip(parts, caps, strict=True)]
    for i in sorted(range(len(weights)), key=lambda i: -weights[i]):
        if sum(parts) >= amount:
            break
        if weights[i] and (not caps[i] or parts[i] < caps[i]):
            parts[i] += 1
    return parts
