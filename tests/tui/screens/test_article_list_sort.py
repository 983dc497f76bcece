"""The article list sorts by every key, either way round (o cycles the key, O reverses), without a crash."""

from __future__ import annotations

import pytest

from store.queries import SORT_KEYS
from tui.screens.article_list import ArticleListScreen, ArticleTable


@pytest.mark.parametrize("reverse", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("presses", range(len(SORT_KEYS)), ids=SORT_KEYS)
async def test_each_sort_key_each_way(make_app, presses, reverse):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press(*["o"] * presses, *(["O"] if reverse else []))
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ArticleListScreen)
        status = str(screen.query_one("#desk-status").render())
        assert f"sorted by {SORT_KEYS[presses]}{' (reversed)' if reverse else ''}" in status
        titles = [row.title for row in screen.query_one(ArticleTable).rows]
        assert sorted(titles) == ["Flood displaces thousands", "Governor revises flood count"]
        if SORT_KEYS[presses] == "title":
            assert titles == sorted(titles, reverse=reverse)
