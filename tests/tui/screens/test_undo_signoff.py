"""A second review mis-keyed is taken back like every other decision: S or R, then ctrl+z, and the claim is as it
was (verdict awaiting sign-off, for a reopen the verdict and note it replaced), the review no longer counts in the
statistics; ctrl+y gives it again. On a SQLite file and on a PostgreSQL database."""

from __future__ import annotations

import pytest

from store import Store
from tui.screens.article import ArticleScreen
from tui.settings import Settings

ANA_NOTE = "Ministry figures confirm it"


@pytest.fixture
def db_path(review_archive):
    with Store(review_archive) as ana:
        ana.decide(3, "verified", "ana", ANA_NOTE, signoff=True)
    return review_archive


def shown(screen: ArticleScreen, part: str) -> str:
    return str(screen.query_one(part).render())


async def open_claim_3(pilot) -> ArticleScreen:
    pilot.app.open_article(2, 3)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ArticleScreen) and screen.selected.id == 3
    return screen


async def test_s_then_ctrl_z_puts_the_verdict_back_awaiting_sign_off(make_app, db_path):
    async with make_app(auto_advance=False, settings=Settings(second_review=True)).run_test(size=(120, 30)) as pilot:
        screen = await open_claim_3(pilot)
        await pilot.press("S")
        await pilot.pause()
        assert "confirmed by tester" in shown(screen, "#desk-status")
        await pilot.press("ctrl+z")
        await pilot.pause()
        status = shown(screen, "#desk-status")
        assert "Undone: sign-off on claim #3 (now verified)." in status
        assert "awaiting sign-off (S confirm, R reopen)" in status
        history = shown(screen, "#claim-history")
        assert "[undo]" in history and "confirmed by tester taken back" in history
        with Store(db_path) as store:
            assert (store.signoff(3).state, store.signoff(3).second_reviewer) == ("awaiting", None)
            assert store.second_review(3) is None
            assert "tester" not in {s.reviewer for s in store.reviewer_stats()}  # no second review counted
            assert [h.action for h in store.history(3)] == ["status", "confirm", "undo"]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Redone: sign-off on claim #3." in shown(screen, "#desk-status")
        assert "confirmed by tester" in shown(screen, "#desk-status")
    with Store(db_path) as store:
        assert (store.signoff(3).state, store.signoff(3).second_reviewer) == ("confirmed", "tester")
        assert {s.reviewer: s for s in store.reviewer_stats()}["ana"].agreement == "100% of 1"


async def test_r_then_ctrl_z_brings_back_the_verdict_and_note_the_reopen_replaced(make_app, db_path):
    async with make_app(auto_advance=False, settings=Settings(second_review=True)).run_test(size=(120, 30)) as pilot:
        screen = await open_claim_3(pilot)
        await pilot.press("R")
        await pilot.pause()
        await pilot.press(*"Count is wrong", "enter")
        await pilot.pause()
        assert screen.selected.status == "pending"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undone: reopen on claim #3 (now verified)." in shown(screen, "#desk-status")
        details = shown(screen, "#claim-details")
        assert ANA_NOTE in details and "Count is wrong" not in details
    with Store(db_path) as store:
        claim = store.desk_claim(3)
        assert (claim.status, claim.reviewer, claim.note) == ("verified", "ana", ANA_NOTE)
        assert store.signoff(3).state == "awaiting" and store.second_review(3) is None
