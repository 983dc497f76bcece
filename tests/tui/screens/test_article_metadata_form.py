"""An article's title, source, web address and date can be corrected from the article screen (m, or the
command palette); a value the store refuses is explained and the form keeps what was typed."""

from __future__ import annotations

from store import Store
from tui.forms.article_metadata import ArticleMetadataForm
from tui.screens.article import ArticleScreen


async def open_form(pilot) -> tuple[ArticleScreen, ArticleMetadataForm]:
    await pilot.press("enter", "m")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ArticleMetadataForm)
    return pilot.app.screen_stack[-2], form


async def test_the_details_are_corrected_and_shown(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen, form = await open_form(pilot)
        assert form.query_one("#metadata-title").value == "Flood displaces thousands"
        form.query_one("#metadata-title").value = "Flood displaces 6,000"
        form.query_one("#metadata-url").value = "https://hw.example/flood"
        form.query_one("#metadata-published").value = "2026-05-02"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.title == "Flood displaces 6,000" and "2026-05-02" in screen.sub_title
        assert "details saved" in str(screen.query_one("#desk-status").render())
    with Store(db_path) as store:
        article = store.article(screen.article_id)
        assert (article.title, article.url, article.published) == (
            "Flood displaces 6,000", "https://hw.example/flood", "2026-05-02")


async def test_a_bad_date_is_explained_and_nothing_is_lost(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen, form = await open_form(pilot)
        form.query_one("#metadata-title").value = "New title"
        form.query_one("#metadata-published").value = "2026-13-45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert form.query_one("#metadata-title").value == "New title"
        assert any("is not a date" in str(n.message) for n in pilot.app._notifications)
    with Store(db_path) as store:
        assert store.article(screen.article_id).title == "Flood displaces thousands"


async def test_the_command_palette_offers_it(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert any(b.action == "edit_metadata" and b.description for b in ArticleScreen.BINDINGS)
        await pilot.press("ctrl+p", *"edit article")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ArticleMetadataForm)
