"""Issue 18: the review queue and the reference archive apart. The article list's header counts both; the
archive screen (E) lists the earlier checks only, narrowed by words, organisation and verdict, and a check opens
with the loaded claims it matches, each one opening in its article."""

from __future__ import annotations

import pytest

from store import Store
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict
from tui.forms.archive_filter import ArchiveFilter, ArchiveFilterForm
from tui.screens.archive import ArchiveScreen
from tui.screens.article import ArticleScreen
from tui.screens.article_list import ArticleListScreen
from tui.screens.earlier_check import EarlierCheckScreen

CLOCK = "2026-05-10T09:00:00Z"  # the review database's clock (tests/tui/conftest.py)


CHECKS = [
    ImportedVerdict("The flood forced 6,000 people from their homes.", "verified", "True", "https://fc.example/1",
          "the ministry", "2026-04-01", "FactDesk", title="Yes, 6,000 [bold]fled[/] the flood",
          subtitle="Ministry figures hold"),
    ImportedVerdict("Exports rose 3% in March.", "verified", "Mostly True", "https://other.example/2", None,
                    "2025-12-30",
          "Other Checks"),
    ImportedVerdict("The dam cost 4 billion crowns.", "disputed", "Pants on Fire", "https://fc.example/3", None,
          "2026-02-11", "FactDesk", title="Dam budget: pants on fire"),
]


@pytest.fixture
def archive_db(db_path):
    """The two loaded articles of tests/tui/conftest.py, three earlier checks, the first linked to a loaded claim."""
    with Store(db_path, clock=lambda: CLOCK) as store:
        ids = add_earlier_checks(store, CHECKS, origin="import:checks.csv").claim_ids
        loaded = store.execute("SELECT MIN(c.id) FROM claims c JOIN articles a ON a.id = c.article_id"
                               " WHERE a.title = 'Flood displaces thousands'")[0][0]
        with store.transaction():
            store.insert_link(loaded, ids[0], 93.0, "same")
    return db_path, ids, loaded


async def open_archive(pilot) -> ArchiveScreen:
    await pilot.press("E")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ArchiveScreen)
    return screen


def listed(screen: ArchiveScreen) -> list[str]:
    return [row.claim for row in screen.query_one("#archive-checks").rows]


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_article_list_header_counts_articles_to_review_and_earlier_checks(make_app, archive_db):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, ArticleListScreen)
        assert screen.sub_title.startswith("2 articles to review · 3 earlier checks · ")
        assert len(screen.query_one("#articles").rows) == 2
        db_path, _, _ = archive_db
        with Store(db_path) as store:
            add_earlier_checks(store, [ImportedVerdict("A fourth claim was checked.", "disputed", "False",
                                             "https://fc.example/4", source="FactDesk")], origin="import:more.csv")
        screen.reload_from_store()
        assert screen.sub_title.startswith("2 articles to review · 4 earlier checks · ")


async def test_the_archive_lists_earlier_checks_newest_first_and_no_loaded_article(make_app, archive_db):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_archive(pilot)
        assert listed(screen) == [c.claim for c in (CHECKS[0], CHECKS[2], CHECKS[1])]
        assert screen.sub_title == "3 earlier checks"
        assert not any("Governor" in row.title for row in screen.query_one("#archive-checks").rows)


async def test_words_narrow_the_archive(make_app, archive_db):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_archive(pilot)
        await pilot.press("slash", *"dam")
        await settle(pilot)
        assert listed(screen) == [CHECKS[2].claim]
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot)
        assert len(listed(screen)) == 3


async def test_the_filter_narrows_by_source_and_verdict(make_app, archive_db):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_archive(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ArchiveFilterForm)
        await pilot.press(*"factdesk", "enter")  # any case
        await settle(pilot)
        assert pilot.app.screen is screen
        assert listed(screen) == [CHECKS[0].claim, CHECKS[2].claim]
        assert "filter: source=factdesk" in str(screen.query_one("#archive-status-line").render())
        screen._filtered_by(ArchiveFilter(source="FactDesk", status="disputed"))
        await settle(pilot)
        assert listed(screen) == [CHECKS[2].claim]
        screen._filtered_by(ArchiveFilter(since="2026-01-01", until="2026-03-31"))
        await settle(pilot)
        assert listed(screen) == [CHECKS[2].claim]


async def test_a_check_shows_its_linked_claims_and_enter_opens_one_in_its_article(make_app, archive_db):
    _, ids, loaded = archive_db
    async with make_app().run_test(size=(120, 30)) as pilot:
        await open_archive(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, EarlierCheckScreen) and screen.claim_id == ids[0]
        details = str(screen.query_one("#check-details").render())
        for shown in ("Yes, 6,000 [bold]fled[/] the flood", "Ministry figures hold", "FactDesk",
                      "https://fc.example/1", "2026-04-01", "True"):
            assert shown in details  # markup in a headline is shown as written
        matches = screen.query_one("#check-matches").rows
        assert [(m.id, m.score, m.kind) for m in matches] == [(loaded, 93.0, "same")]
        await pilot.press("enter")
        await pilot.pause()
        article = pilot.app.screen
        assert isinstance(article, ArticleScreen)
        assert article.article_id == matches[0].article_id and article.selected.id == loaded


async def test_a_check_with_no_linked_claim_says_so(make_app, archive_db):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await open_archive(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, EarlierCheckScreen)
        assert screen.query_one("#check-matches").rows == []
        assert "0 loaded claims match it" in str(screen.query_one("#check-matches-label").render())
        await pilot.press("enter")  # nothing to open: the screen stays
        assert pilot.app.screen is screen


@pytest.mark.parametrize("keys", [(), ("enter",)], ids=["archive-100x30", "earlier-check-100x30"])
def test_the_archive_and_a_check_look_as_before(snap_compare, make_app, archive_db, keys):
    async def open_then_settle(pilot) -> None:
        await pilot.press("E", *keys)
        await settle(pilot)

    assert snap_compare(make_app(), run_before=open_then_settle, terminal_size=(100, 30))


async def test_a_write_by_another_program_keeps_the_readers_place(make_app, archive_db):
    db_path, _, _ = archive_db
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_archive(pilot)
        await pilot.press("down", "down")
        with Store(db_path) as store:
            add_earlier_checks(store, [ImportedVerdict("An older claim was checked.", "disputed", "False",
                                             "https://fc.example/5", date="2020-01-01", source="FactDesk")],
                               origin="import:more.csv")
        screen.reload_from_store()  # what the app's database watch calls
        await settle(pilot)
        table = screen.query_one("#archive-checks")
        assert len(table.rows) == 4 and table.current.claim == CHECKS[1].claim
