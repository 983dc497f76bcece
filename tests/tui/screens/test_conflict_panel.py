"""The claim panel shows "conflicts with #N", what differs and the word difference, from either claim."""

from __future__ import annotations

from store import Store
from tui.screens.article import ArticleScreen


async def test_the_panel_shows_a_conflict_from_both_sides(make_app, db_path):
    with Store(db_path) as store:
        first, second = [c.id for c in store.claims(store.articles()[0].id)][:2]
        with store.transaction():
            store.insert_conflict(second, first, "number: 4.2 / 6,000")
    async with make_app().run_test(size=(140, 50)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ArticleScreen)
        screen.select([c.id for c in screen.claims].index(first))
        await pilot.pause()
        shown = str(screen.query_one("#claim-conflicts").render())
        assert f"conflicts with #{second}" in shown and "6,000 / 4.2" in shown and "this article" in shown
        screen.select([c.id for c in screen.claims].index(second))
        await pilot.pause()
        shown = str(screen.query_one("#claim-conflicts").render())
        assert f"conflicts with #{first}" in shown and "4.2 / 6,000" in shown
