"""The article list at 80 columns: the header's figures whole (shorter words, or two lines when filtered), every
column heading whole, and the long wording back when the terminal widens."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from tui.screens.article_list import ArticleTable, progress_bar


def shown_lines(widget) -> list[str]:
    """The widget's lines as drawn on screen."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return [strip.text.strip() for strip in strips]


def header_lines(screen) -> list[str]:
    return [line for line in shown_lines(screen.query_one(HeaderTitle)) if line]


async def test_at_80_columns_the_figures_and_headings_are_whole(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert header_lines(screen) == ["Articles — 2 to review · 0 earlier checks · 1/4 decided"]
        headings = screen.query_one(ArticleTable).render_line(0).text.split()
        assert headings == ["#", "Title", "Source", "Date", "Claims", "Matched", "Progress", "Decided"]
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert header_lines(screen) == ["Articles — 2 articles to review · 0 earlier checks · 1/4 claims decided"]


async def test_a_filtered_list_at_80_columns_shows_its_figures_on_two_lines(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "tab", *"2026", "enter")  # loaded in 2026: both articles shown
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.query_one(Header).size.height == 2
        assert header_lines(screen) == ["Articles — 2 articles shown · 2 articles to review",
                                        "0 earlier checks · 1/4 claims decided"]
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert screen.query_one(Header).size.height == 1
        assert len(header_lines(screen)) == 1


def test_the_progress_bar_shows_any_verdict_and_is_full_only_when_finished():
    assert progress_bar(1, 19, 8).plain == "█░░░░░░░"
    assert progress_bar(18, 19, 8).plain == "███████░"
    assert progress_bar(19, 19, 8).plain == "████████"
    assert progress_bar(0, 19, 8).plain == "░░░░░░░░"
