"""Driving the app as a fact-checker would: open an article, move between claims, decide, export."""

from __future__ import annotations

import csv

import pytest

from store import Store
from tui.screens.article import ArticleScreen
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen


@pytest.fixture
def db_path(review_archive):
    """These tests run on a SQLite file and on a PostgreSQL database."""
    return review_archive


async def open_second_article(pilot):
    await pilot.press("down", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ArticleScreen)
    return pilot.app.screen


async def test_the_article_list_shows_each_articles_progress(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        table = pilot.app.screen.query_one("#articles")
        assert table.row_count == 2
        assert [str(c) for c in table.get_row_at(0)][-1] == "1/2"
        assert [str(c) for c in table.get_row_at(1)][-1] == "0/2"


async def test_a_verdict_key_is_stored_at_once_with_reviewer_and_time(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_second_article(pilot)
        first_id = screen.selected.id
        await pilot.press("d")
        with Store(db_path) as store:
            claim = store.claim(first_id)
            assert (claim.status, claim.reviewer, claim.reviewed_at) == ("disputed", "tester", "2026-05-10T09:00:00Z")
            assert [h.to_status for h in store.history(first_id)] == ["disputed"]


async def test_moving_between_claims_and_marking_each(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_second_article(pilot)
        ids = [c.id for c in screen.claims]
        await pilot.press("v", "j", "u", "k", "p")
        with Store(db_path) as store:
            assert [store.claim(i).status for i in ids] == ["pending", "unverified"]
            assert [h.to_status for h in store.history(ids[0])] == ["verified", "pending"]


async def test_the_panel_shows_the_earlier_match_and_its_verdict(make_app):
    async with make_app().run_test(size=(140, 40)) as pilot:
        screen = await open_second_article(pilot)
        panel = str(screen.query_one("#claim-matches").render())
        assert "88.0%" in panel and "verified" in panel and "Flood displaces thousands" in panel
        assert "6,000 people" in panel
        details = str(screen.query_one("#claim-details").render())
        assert "the ministry" in details and "0.80" in details


async def test_article_text_with_markup_is_shown_literally(make_app):
    async with make_app().run_test(size=(140, 40)) as pilot:
        screen = await open_second_article(pilot)
        view = screen.query_one("#article-view")
        shown = "".join(view.render_line(y).text for y in range(view.size.height))
        assert "[bold]today[/]" in shown


async def test_escape_returns_to_the_list_with_progress_updated(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await open_second_article(pilot)
        await pilot.press("v", "escape")
        await pilot.pause()
        table = pilot.app.screen.query_one("#articles")
        assert [str(c) for c in table.get_row_at(1)][-1] == "1/2"


async def test_help_lists_the_verdict_keys(make_app):
    async with make_app().run_test(size=(120, 40)) as pilot:
        await open_second_article(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        shown = str(pilot.app.screen.query_one("VerticalScroll").query("Static")[1].render())
        for word in ("Verify", "Dispute", "Unverified", "Pending", "Next", "Prev", "Export", "Help", "Quit"):
            assert word in shown


async def test_export_writes_a_csv_of_every_claim(make_app, tmp_path):
    out = tmp_path / "verdicts.csv"
    async with make_app().run_test(size=(120, 30)) as pilot:
        await open_second_article(pilot)
        await pilot.press("d", "x")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExportScreen)
        path_input = pilot.app.screen.query_one("#export-path")
        path_input.value = str(out)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4
    assert [r["status"] for r in rows] == ["verified", "pending", "disputed", "pending"]
    assert rows[2]["reviewer"] == "tester"
