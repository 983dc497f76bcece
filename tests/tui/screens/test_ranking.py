"""Issue 16 in the app: only the claims to check are highlighted (the rest dimmer, `h` away), j/k in score order
(`o`), the panel's "3rd of 5 in this article", and claim lists sorted by score."""

from __future__ import annotations

from store import NewClaim, Store, content_hash
from tui.screens.article import ArticleScreen
from tui.screens.claim_list import ClaimListScreen
from tui.widgets.article_view import ArticleView, claim_style
from tui.widgets.status_style import DIM_CLAIM, STATUS_STYLES

TEXT = ("The port handled 4 million boxes in 2020. Grain exports rose 12 percent. The strike began on Monday. "
        "It was cold. The union has 42,000 members.")
# (sentence, final score, highlighted): ranks follow the scores
SPECS = [("The port handled 4 million boxes in 2020.", 0.61, True),
         ("Grain exports rose 12 percent.", 0.35, False),
         ("The strike began on Monday.", 0.22, False),
         ("It was cold.", 0.05, False),
         ("The union has 42,000 members.", 0.72, True)]


def ranked_article(db_path) -> int:
    claims = []
    for sentence, score, highlighted in SPECS:
        start = TEXT.index(sentence)
        rank = 1 + sum(other > score for _, other, _ in SPECS)
        claims.append(NewClaim(sentence, start, start + len(sentence), score, "quantity", None, None, rank,
                               highlighted))
    with Store(db_path) as store, store.transaction():
        article_id = store.insert_article("Port in numbers", TEXT, content_hash(TEXT), "Wire")
        store.insert_claims(article_id, claims)
    return article_id


async def open_ranked(pilot, article_id: int) -> ArticleScreen:
    pilot.app.open_article(article_id)
    await pilot.pause()
    return pilot.app.screen


def texts(screen: ArticleScreen) -> list[str]:
    return [c.text for c in screen.claims]


def style_at(view: ArticleView, sentence: str):
    claim = next(c for c in view.claims if c.text == sentence)
    return claim_style(claim, view.show_all)


async def test_only_the_highlighted_claims_are_drawn_and_stepped_through_until_h(make_app, db_path):
    article_id = ranked_article(db_path)
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_ranked(pilot, article_id)
        view = screen.query_one(ArticleView)
        assert texts(screen) == [SPECS[0][0], SPECS[4][0]]
        assert style_at(view, SPECS[1][0]) == DIM_CLAIM
        assert style_at(view, SPECS[0][0]) == STATUS_STYLES["pending"]
        assert "2/5 highlighted (h)" in str(screen.query_one("#desk-status").render())
        await pilot.press("h")
        assert texts(screen) == [s for s, _, _ in SPECS]
        assert style_at(view, SPECS[1][0]) == STATUS_STYLES["pending"]
        await pilot.press("h")
        assert len(screen.claims) == 2


async def test_a_decided_dim_claim_keeps_its_verdict_colour(make_app, db_path):
    article_id = ranked_article(db_path)
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_ranked(pilot, article_id)
        await pilot.press("h", "j", "v", "h")
        view = screen.query_one(ArticleView)
        assert style_at(view, SPECS[1][0]) == STATUS_STYLES["verified"]
        assert SPECS[1][0] in texts(screen)


async def test_o_steps_through_the_claims_in_score_order(make_app, db_path):
    article_id = ranked_article(db_path)
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_ranked(pilot, article_id)
        await pilot.press("h", "o")
        assert texts(screen) == [SPECS[i][0] for i in (4, 0, 1, 2, 3)]
        assert "score order (o)" in str(screen.query_one("#desk-status").render())
        await pilot.press(*["k"] * 5)
        seen = [screen.selected.text]
        for _ in range(4):
            await pilot.press("j")
            seen.append(screen.selected.text)
        assert seen == [SPECS[i][0] for i in (4, 0, 1, 2, 3)]


async def test_the_panel_says_where_the_claim_ranks_in_its_article(make_app, db_path):
    article_id = ranked_article(db_path)
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_ranked(pilot, article_id)
        await pilot.press("h")
        while screen.selected.text != SPECS[1][0]:
            await pilot.press("j")
        details = str(screen.query_one("#claim-details").render())
        assert "3rd of 5 in this article" in details and "not highlighted by default" in details


async def test_opening_a_dim_claim_by_id_shows_every_claim(make_app, db_path):
    article_id = ranked_article(db_path)
    with Store(db_path) as store:
        dim = next(c for c in store.claims(article_id=article_id) if not c.highlighted)
    async with make_app().run_test(size=(120, 30)) as pilot:
        pilot.app.open_article(article_id, dim.id)
        await pilot.pause()
        assert pilot.app.screen.selected.id == dim.id


async def test_the_claim_list_has_a_score_column_and_puts_the_highest_first(make_app, db_path):
    ranked_article(db_path)
    async with make_app().run_test(size=(160, 40)) as pilot:
        pilot.app.push_screen(ClaimListScreen())
        await pilot.pause()
        table = pilot.app.screen.query_one("#claims")
        scores = [row.score for row in table.rows]
        assert scores == sorted(scores, reverse=True) and scores[0] == 0.8
        assert "Score" in table.render_line(0).text
        await pilot.press("o")
        ids = [row.id for row in table.rows]
        assert ids == sorted(ids)
