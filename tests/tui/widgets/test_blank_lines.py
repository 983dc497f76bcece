"""A run of blank lines in an article is shown as one blank line; offsets (claims, selections) stay true."""

from __future__ import annotations

from store import NewClaim, Store, content_hash
from tui.screens.article import ArticleScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.text_layout import Layout

TEXT = "First paragraph here.\n\n\n\n   \n\t\nThe dam will cost 4.2 billion crowns.\n\nLast one."


def shown_lines(layout: Layout) -> list[str]:
    return [layout.text[start:end] for start, end in layout.lines]


def test_a_run_of_blank_lines_is_one_blank_line():
    assert shown_lines(Layout.of(TEXT, 80)) == ["First paragraph here.", "", "The dam will cost 4.2 billion crowns.",
                                               "", "Last one."]


def test_offsets_inside_and_after_the_run_still_map_to_their_lines():
    layout = Layout.of(TEXT, 80)
    claim_start = TEXT.index("The dam")
    assert layout.line_of(claim_start) == 2
    assert layout.line_of(TEXT.index("\t")) == 1
    assert layout.offset_at(4, 2) == claim_start + 4


async def test_the_article_view_shows_the_claim_after_blank_lines_in_place(make_app, db_path):
    with Store(db_path) as store, store.transaction():
        article_id = store.insert_article("Gaps", TEXT, content_hash(TEXT), "Gap Wire")
        start = TEXT.index("The dam")
        store.insert_claims(article_id, [NewClaim(TEXT[start:start + 37], start, start + 37, 0.9, "quantity",
                                                  None, None)])
    async with make_app().run_test(size=(120, 30)) as pilot:
        pilot.app.open_article(article_id)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ArticleScreen)
        view = screen.query_one(ArticleView)
        assert view.plain == TEXT.replace("\t", " ")  # offsets unchanged: one cell for the tab
        shown = shown_lines(view.text_layout)
        assert shown[:3] == ["First paragraph here.", "", "The dam will cost 4.2 billion crowns."]
        assert screen.selected.start == start
