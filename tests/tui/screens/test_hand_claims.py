"""A claim added by hand is analysed like an extracted one (score, type, speaker), in a worker: the screen
shows the claim at once and its analysis when it comes."""

from __future__ import annotations

from store import Store, content_hash
from tui.screens.article import ArticleScreen

TEXT = "It rained all day. Officials said the new barrier cost 3 million crowns. Nobody was hurt."


async def test_a_claim_added_by_hand_gets_a_score_a_type_and_a_speaker(make_app, db_path):
    with Store(db_path) as store, store.transaction():
        article_id = store.insert_article("Barrier", TEXT, content_hash(TEXT), "Harbour Wire")
    start = TEXT.index("Officials")
    end = TEXT.index("crowns.") + len("crowns.")
    async with make_app().run_test(size=(120, 30)) as pilot:
        pilot.app.open_article(article_id)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ArticleScreen) and not screen.claims
        screen.enter_select_mode((start, end), None)
        await pilot.press("plus")
        added = screen.selected
        assert added is not None and (added.start, added.end) == (start, end)  # shown before it is analysed
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen.selected
        assert shown.id == added.id and shown.score > 0 and shown.type == "quantity"
        assert shown.speaker == "Officials"
        assert "Speaker   Officials" in str(screen.query_one("#claim-details").render())
    with Store(db_path) as store:
        stored = store.desk_claim(added.id)
        assert (stored.score, stored.type, stored.speaker, stored.origin) == (shown.score, "quantity", "Officials",
                                                                              "manual")
