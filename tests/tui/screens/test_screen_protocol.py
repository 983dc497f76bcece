"""Every main screen is a StoreView: undo, redo and a refused write bring the screen on view in line with the
database, whichever screen it is."""

from __future__ import annotations

from store import Store
from tui.app import MAIN_SCREENS
from tui.screen_protocol import StoreView
from tui.screens.article import ArticleScreen
from tui.screens.claim_list import ClaimListScreen


def test_every_main_screen_declares_how_it_reloads():
    for screen in MAIN_SCREENS:
        assert issubclass(screen, StoreView), screen.__name__


async def test_undo_on_the_flagged_list_takes_the_claim_off_it(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "enter")
        assert isinstance(pilot.app.screen, ArticleScreen)
        await pilot.press("f", "escape", "F")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ClaimListScreen)
        assert len(screen.query_one("#claims").rows) == 1
        assert "1 claim" in screen.sub_title and "1 claims" not in screen.sub_title
        await pilot.press("ctrl+z")
        await pilot.pause()
        with Store(db_path) as store:
            assert store.execute("SELECT COUNT(*) FROM claims WHERE flagged = 1")[0][0] == 0
        assert screen.query_one("#claims").rows == []
        assert "0 claims" in screen.sub_title
