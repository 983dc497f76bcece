"""`b` (or the command palette) lists the selected claim's nearest earlier checks that the match threshold hides,
headed as not matches, with their verdicts; nothing is stored, and the list goes when another claim is selected."""

from __future__ import annotations

from claims.desk.rematch import MatchService
from store import NewClaim, Store, content_hash
from tui.app import ClaimdeskApp
from tui.palette import ClaimdeskCommands
from tui.screens.article import ArticleScreen
from tui.widgets.claim_panel import BELOW_TITLE

CLOCK = "2026-05-10T09:00:00Z"
EARLIER = ("The harbour wall will cost 12 million crowns, the port authority said.",
           "Fishing boats stayed in port.")
LATER = ("Officials expect the new harbour barrier to be [bold]expensive[/bold].", "The mayor opened a school.")


def insert(store: Store, title: str, sentences: tuple[str, ...]) -> list[int]:
    text = " ".join(sentences)
    with store.transaction():
        article_id = store.insert_article(title, text, content_hash(text), "Harbour Wire")
        claims = [NewClaim(s, text.index(s), text.index(s) + len(s), 0.8, "quantity", None, None)
                  for s in sentences]
        return store.insert_claims(article_id, claims)


def archive(path) -> tuple[int, int]:
    """An earlier check (verified) that the later article's first claim resembles only below the threshold."""
    with Store(path, clock=lambda: CLOCK) as store:
        earlier = insert(store, "Harbour wall [red]costs[/red]", EARLIER)
        store.decide(earlier[0], "verified", "ana", "The authority's budget says so")
        later = insert(store, "Barrier plans", LATER)
    return earlier[0], later[0]


def desk(tmp_path) -> tuple[ClaimdeskApp, int, int]:
    """The app on the archive of `archive`, with the earlier check's id and the later claim's."""
    path = tmp_path / "review.db"
    earlier_id, claim_id = archive(path)
    return ClaimdeskApp(db_path=path, reviewer="tester", clock=lambda: CLOCK), earlier_id, claim_id


def panel_text(screen: ArticleScreen, part: str) -> str:
    widget = screen.query_one(part)
    return str(widget.render()) if widget.display else ""


async def test_the_nearest_earlier_check_below_the_threshold_is_shown_on_request_and_never_stored(tmp_path):
    app, earlier_id, claim_id = desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(app.store.desk_claim(claim_id).article_id, claim_id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.selected.id == claim_id
        assert "No earlier claim matches this one." in panel_text(screen, "#claim-matches")
        assert panel_text(screen, "#claim-below") == ""

        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        below = panel_text(screen, "#claim-below")
        assert BELOW_TITLE in below and "not matches" in below
        assert f"#{earlier_id} in “Harbour wall [red]costs[/red]”, Harbour Wire" in below  # shown, not as markup
        assert EARLIER[0] in below and "verified" in below and "by ana" in below
        assert EARLIER[1] not in below
        assert "No earlier claim matches this one." in panel_text(screen, "#claim-matches")  # still no match

        await pilot.press("j")
        await pilot.pause()
        assert screen.selected.id != claim_id
        assert panel_text(screen, "#claim-below") == ""
        await pilot.press("k")
        await pilot.pause()
        assert screen.selected.id == claim_id and panel_text(screen, "#claim-below") == ""  # asked for again only
    with Store(tmp_path / "review.db") as store:
        assert store.linked_ids(claim_id) == [] and store.links(claim_id) == []


async def test_a_claim_with_nothing_near_says_so_in_one_sentence(tmp_path):
    app, _, claim_id = desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(app.store.desk_claim(claim_id).article_id, claim_id + 1)
        await pilot.pause()
        screen = app.screen
        screen.action_nearest_below()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No earlier check below the match threshold comes near this claim." in panel_text(screen,
                                                                                                   "#claim-below")


async def test_the_action_is_in_the_command_palette_with_its_key(tmp_path):
    app, _, claim_id = desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_article(app.store.desk_claim(claim_id).article_id, claim_id)
        await pilot.pause()
        commands = {name: help_text for name, _, help_text in ClaimdeskCommands(app.screen)._commands()}
        assert commands["Earlier checks below the match threshold"] == "key: b"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"checks below the")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert BELOW_TITLE in panel_text(app.screen, "#claim-below")


async def test_a_failed_search_is_one_notification_and_the_desk_stays_up(tmp_path):
    app, _, claim_id = desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.matches = MatchService(tmp_path / "gone" / "review.db")  # an archive the matcher cannot open
        app.open_article(app.store.desk_claim(claim_id).article_id, claim_id)
        await pilot.pause()
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        failed = [n.message for n in app._notifications if n.severity == "error"]
        assert len(failed) == 1 and failed[0].startswith("Searching for earlier checks failed: "), failed
        assert isinstance(app.screen, ArticleScreen) and panel_text(app.screen, "#claim-below") == ""
        await pilot.press("v")
        await pilot.pause()
    with Store(tmp_path / "review.db") as store:
        assert store.desk_claim(claim_id).status == "verified"
