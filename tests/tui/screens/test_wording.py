"""Counts read as English ("1 article", "1 claim"), and the statistics explain the figures after each bar."""

from __future__ import annotations

from dataclasses import replace

from store.wording import counted
from tui.screens.article_list import ArticleListScreen
from tui.screens.stats import StatsScreen


def test_counted_says_one_in_the_singular():
    assert [counted(n, "claim") for n in (0, 1, 2, 1500)] == ["0 claims", "1 claim", "2 claims", "1,500 claims"]
    assert counted(1, "match") == "1 match" and counted(3, "match") == "3 matches"


async def test_the_article_list_counts_one_article_in_the_singular(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, ArticleListScreen)
        assert screen.sub_title == "2 articles to review · 0 earlier checks · 1/4 claims decided"
        screen.query_state = replace(screen.query_state, source="Flood")
        screen.reload_from_store()
        assert screen.sub_title == "1 article shown · 2 articles to review · 0 earlier checks · 1/2 claims decided"


async def test_the_statistics_legend_explains_the_figures_after_each_bar(make_app):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StatsScreen)
        totals = str(pilot.app.screen.query_one("#stats-totals").render())
        assert "✗" in totals and "disputed" in totals.split("✗", 1)[1]
        assert "decided of all" in totals
