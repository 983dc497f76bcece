"""Text columns get the room: on a narrow screen fixed columns give up width first; on a wide one the titles,
claims, articles and speakers grow."""

from __future__ import annotations

import pytest

from tui.screens.article_list import COLUMNS as ARTICLE_COLUMNS
from tui.widgets.claim_table import COLUMNS as CLAIM_COLUMNS
from tui.widgets.column_widths import Column, column_widths


def width_of(columns, total: int, title: str) -> int:
    widths = column_widths(columns, total)
    return widths[[c.title for c in columns].index(title)]


@pytest.mark.parametrize("total", [79, 99, 119, 199])
@pytest.mark.parametrize("columns", [ARTICLE_COLUMNS, CLAIM_COLUMNS], ids=["articles", "claims"])
def test_the_columns_fill_the_line_exactly(columns, total):
    widths = column_widths(columns, total)
    assert sum(widths) + len(widths) == total


@pytest.mark.parametrize("total", [77, 79], ids=["with-scrollbar", "without"])
def test_at_80_columns_the_article_title_keeps_room_and_every_heading_is_whole(total):
    assert width_of(ARTICLE_COLUMNS, total, "Title") >= 20
    assert width_of(ARTICLE_COLUMNS, total, "Date") == 10  # a date is never cut
    widths = column_widths(ARTICLE_COLUMNS, total)
    assert all(width >= len(c.title) for c, width in zip(ARTICLE_COLUMNS, widths, strict=True) if not c.is_text)


def test_at_80_columns_the_claim_text_keeps_room():
    assert width_of(CLAIM_COLUMNS, 79, "Claim") >= 28
    assert width_of(CLAIM_COLUMNS, 79, "Status") == 12  # " unverified " whole


def test_at_200_columns_the_text_columns_grow():
    assert width_of(CLAIM_COLUMNS, 199, "Speaker") >= 24
    assert width_of(CLAIM_COLUMNS, 199, "Claim") > width_of(CLAIM_COLUMNS, 199, "Article")
    assert width_of(ARTICLE_COLUMNS, 199, "Title") >= 100


def test_a_capped_text_column_leaves_the_rest_to_the_others():
    columns = [Column("a", min_width=4, max_width=6), Column("b", min_width=4)]
    assert column_widths(columns, 42) == [6, 34]


def test_fixed_columns_never_shrink_below_their_minimum():
    columns = [Column("id", 10, min_width=6), Column("text", min_width=30)]
    assert column_widths(columns, 20) == [6, 12]
