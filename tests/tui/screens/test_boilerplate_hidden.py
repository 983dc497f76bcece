"""A sentence marked as boilerplate is neither highlighted in the article nor listed among its claims."""

from __future__ import annotations

from store import Store
from tui.screens.article import ArticleScreen
from tui.widgets.article_view import ArticleView


async def test_boilerplate_is_not_highlighted_nor_listed(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ArticleScreen)
        pending = [c.id for c in screen.claims if c.status == "pending"]
        with Store(db_path) as store:
            assert store.mark_boilerplate(pending[:1]) == pending[:1]
        screen.reload()
        await pilot.pause()
        shown = [c.id for c in screen.query_one(ArticleView).claims]
        assert pending[0] not in shown and pending[0] not in [c.id for c in screen.claims]
        assert shown  # the other claims stay highlighted
