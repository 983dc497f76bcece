"""Editing a claim's boundaries keeps the claim filter of the article screen (the position "Claim 1 of 1" stays);
a claim added by hand that the filter hides is announced."""

from __future__ import annotations

from store import Store
from store.models import ClaimFilter
from tui.screens.article import ArticleScreen


def shown(screen) -> str:
    return str(screen.query_one("#claim-details").render()) + str(screen.query_one("#desk-status").render())


async def filtered_to_pending(pilot) -> ArticleScreen:
    await pilot.press("enter")  # "Flood displaces thousands": one verified, one pending claim
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ArticleScreen)
    screen._filtered(ClaimFilter(article_id=screen.article_id, status="pending"))
    assert "Claim 1 of 1" in shown(screen) and "filter: status=pending (1)" in shown(screen)
    return screen


async def test_moving_a_claims_end_keeps_the_filter(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await filtered_to_pending(pilot)
        edited = screen.selected
        await pilot.press("e", "shift+left", "enter")
        await pilot.pause()
        assert "Claim 1 of 1" in shown(screen) and "filter: status=pending (1)" in shown(screen)
        assert screen.selected.id == edited.id and screen.selected.end < edited.end
    with Store(db_path) as store:
        assert store.desk_claim(edited.id).end < edited.end


async def test_a_claim_added_outside_the_filter_is_announced(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await filtered_to_pending(pilot)
        screen._filtered(ClaimFilter(article_id=screen.article_id, min_score=0.5))
        await pilot.press("e", "shift+left", "plus")  # a claim added by hand scores 0 until it is analysed
        await pilot.pause()
        assert "filter: score≥0.5" in shown(screen)
        assert any("does not pass the filter" in str(n.message) for n in pilot.app._notifications)
