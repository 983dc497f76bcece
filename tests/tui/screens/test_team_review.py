"""The team workflow in the app: a verdict someone else gave since you opened the claim is replaced only after a
confirmation that shows it (their verdict, name, note); N goes to your assigned claims first; second review
(S confirms, R reopens); assigning an article from the list; the statistics per reviewer."""

from __future__ import annotations

import pytest

from store import Store
from tui.forms.override import OverrideDialog
from tui.forms.prompt import PromptScreen
from tui.screens.article import ArticleScreen
from tui.screens.stats import StatsScreen
from tui.settings import Settings


@pytest.fixture
def db_path(review_archive):
    """These tests run on a SQLite file and on a PostgreSQL database."""
    return review_archive

BOB_NOTE = "Intercept says otherwise"


async def open_claim(pilot, article_id: int, claim_id: int) -> ArticleScreen:
    pilot.app.open_article(article_id, claim_id)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ArticleScreen) and screen.selected.id == claim_id
    return screen


def bob_disputes(db_path, claim_id: int) -> None:
    with Store(db_path) as bob:
        bob.decide(claim_id, "disputed", "bob", BOB_NOTE)


def dialog_text(dialog: OverrideDialog) -> str:
    return " ".join(str(label.render()) for label in dialog.query("Label"))


def status_line(screen) -> str:
    return str(screen.query_one("#desk-status").render())


async def test_the_issue_bob_disputes_ana_presses_v_and_is_asked_showing_bobs_verdict(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_claim(pilot, 2, 3)
        bob_disputes(db_path, 3)
        await pilot.press("v")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, OverrideDialog)
        shown = dialog_text(dialog)
        assert "bob marked it disputed" in shown and f"Their note: “{BOB_NOTE}”" in shown
        assert "Replace their verdict with verified, without their note" in shown
        await pilot.press("escape")  # keep theirs
        await pilot.pause()
        assert pilot.app.screen is screen
        assert "Kept bob's verdict on claim #3 (disputed)" in status_line(screen)
        assert screen.selected.status == "disputed"
        await pilot.press("v")  # now Ana has seen it: asked no more
        await pilot.pause()
        assert pilot.app.screen is screen
    with Store(db_path) as store:
        claim = store.desk_claim(3)
        assert (claim.status, claim.reviewer, claim.note) == ("verified", "tester", None)


async def test_cancel_keeps_their_verdict_and_note_untouched(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        await open_claim(pilot, 2, 3)
        bob_disputes(db_path, 3)
        await pilot.press("v")
        await pilot.pause()
        await pilot.click("#override-keep")
        await pilot.pause()
    with Store(db_path) as store:
        claim = store.desk_claim(3)
        assert (claim.status, claim.reviewer, claim.note) == ("disputed", "bob", BOB_NOTE)
        assert [(h.reviewer, h.to_status) for h in store.history(3)] == [("bob", "disputed")]


async def test_confirming_replaces_their_verdict_without_their_note(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_claim(pilot, 2, 3)
        bob_disputes(db_path, 3)
        await pilot.press("v")
        await pilot.pause()
        await pilot.click("#override-replace")
        await pilot.pause()
        assert pilot.app.screen is screen and screen.selected.status == "verified"
    with Store(db_path) as store:
        claim = store.desk_claim(3)
        assert (claim.status, claim.reviewer, claim.note) == ("verified", "tester", None)
        assert [(h.reviewer, h.to_status, h.note) for h in store.history(3)] == [
            ("bob", "disputed", BOB_NOTE), ("tester", "verified", None)]


async def test_a_verdict_already_there_when_the_claim_was_opened_is_replaced_without_asking(make_app, db_path):
    bob_disputes(db_path, 3)
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_claim(pilot, 2, 3)
        await pilot.press("u")
        await pilot.pause()
        assert pilot.app.screen is screen
    with Store(db_path) as store:
        assert (store.desk_claim(3).status, store.desk_claim(3).note) == ("unverified", None)


async def test_a_note_with_a_verdict_over_a_changed_claim_asks_and_then_keeps_your_note(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        await open_claim(pilot, 2, 3)
        bob_disputes(db_path, 3)
        await pilot.press("n")
        form = pilot.app.screen
        form.query_one("#note-text").value = "Ministry data confirm it"
        form.query_one("#note-status").value = "verified"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "with your note" in dialog_text(pilot.app.screen)
        await pilot.press("y")
        await pilot.pause()
    with Store(db_path) as store:
        claim = store.desk_claim(3)
        assert (claim.status, claim.reviewer, claim.note) == ("verified", "tester", "Ministry data confirm it")


async def test_undo_does_not_put_back_a_verdict_over_one_given_since(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        await open_claim(pilot, 2, 3)
        await pilot.press("v")
        bob_disputes(db_path, 3)
        await pilot.press("ctrl+z")
        await pilot.pause()
    with Store(db_path) as store:
        assert (store.desk_claim(3).status, store.desk_claim(3).reviewer) == ("disputed", "bob")


async def test_next_pending_goes_to_my_assigned_claim_first(make_app, db_path):
    with Store(db_path) as editor:
        editor.assign([2], "tester", "editor")
        editor.assign([4], "bob", "editor")
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_claim(pilot, 2, 3)
        await pilot.press("N")  # claim 4, next in this article, is Bob's; claim 2 is mine
        await pilot.pause()
        assert (screen.article_id, screen.selected.id) == (1, 2)
        assert "assigned to you" in status_line(screen)


async def test_second_review_awaits_sign_off_and_another_reviewer_confirms(make_app, db_path):
    with Store(db_path) as ana:
        ana.decide(3, "verified", "ana", signoff=True)
    async with make_app(auto_advance=False, settings=Settings(second_review=True)).run_test(size=(120, 30)) as pilot:
        screen = await open_claim(pilot, 2, 3)
        assert "awaiting sign-off (S confirm, R reopen)" in status_line(screen)
        await pilot.press("S")
        await pilot.pause()
        assert "confirmed by tester" in status_line(screen)
        await pilot.press("j", "d")  # tester's own verdict awaits someone else
        await pilot.pause()
        assert "Claim #4 marked disputed, awaiting sign-off." in status_line(screen)
        await pilot.press("S")
        await pilot.pause()
    with Store(db_path) as store:
        assert (store.signoff(3).state, store.signoff(3).second_reviewer) == ("confirmed", "tester")
        assert store.signoff(4).state == "awaiting"


async def test_reopen_asks_why_and_puts_the_claim_back_to_pending(make_app, db_path):
    with Store(db_path) as ana:
        ana.decide(3, "verified", "ana", signoff=True)
    async with make_app(auto_advance=False, settings=Settings(second_review=True)).run_test(size=(120, 30)) as pilot:
        await open_claim(pilot, 2, 3)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PromptScreen)
        await pilot.press(*"Count is wrong", "enter")
        await pilot.pause()
    with Store(db_path) as store:
        assert (store.desk_claim(3).status, store.desk_claim(3).note) == ("pending", "Count is wrong")
        assert store.signoff(3).state == "reopened"


async def test_assign_the_article_under_the_cursor_from_the_list(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PromptScreen)
        await pilot.press(*"tester", "enter")
        await pilot.pause()
        assert "assigned to you (N)" in str(pilot.app.screen.query_one("#desk-status").render())
    with Store(db_path) as store:
        article_id = store.desk_claim(store.team_claims(assigned_to="tester")[0].id).article_id
        assert len(store.assignments(article_id)) == 2


async def test_statistics_show_each_reviewer_and_filter_by_one(make_app, db_path):
    with Store(db_path) as bob:
        bob.decide(3, "disputed", "bob")
    async with make_app().run_test(size=(120, 40)) as pilot:
        pilot.app.push_screen(StatsScreen())
        await pilot.pause()
        screen = pilot.app.screen
        table = str(screen.query_one("#stats-reviewers").render())
        assert "ana" in table and "bob" in table
        await pilot.press("f")  # ana only
        await pilot.pause()
        assert screen.title == "Statistics: claims decided last by ana"
        assert "bob" not in str(screen.query_one("#stats-reviewers").render())
        assert "verified 1" in str(screen.query_one("#stats-totals").render())


async def test_a_note_after_my_verdict_never_lands_under_the_verdict_bob_gave_meanwhile(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_claim(pilot, 2, 3)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("n")  # the form for the verdict just given
        await pilot.pause()
        bob_disputes(db_path, 3)  # bob replaces it while the form is open
        pilot.app.screen.query_one("#note-text").value = "Register confirms 6,012"
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [n.message for n in pilot.app._notifications]
        assert any(m.startswith("Not recorded: claim 3 was marked disputed by bob") for m in said), said
        assert screen.note_draft is not None  # `n` brings the note back
    with Store(db_path) as store:
        claim = store.desk_claim(3)
        assert (claim.status, claim.reviewer, claim.note) == ("disputed", "bob", BOB_NOTE)
