"""After a verdict key moves on, `n` notes the claim just decided (the form says so); after the reviewer moves,
`n` notes the claim on view. Undo and redo say in the status line what they did."""

from __future__ import annotations

from store import Store
from tui.forms.note import NoteForm
from tui.screens.article import ArticleScreen


async def open_article(pilot) -> ArticleScreen:
    await pilot.press("down", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ArticleScreen)
    return pilot.app.screen


def status_line(screen) -> str:
    return str(screen.query_one("#desk-status").render())


async def write_note(pilot, text: str) -> NoteForm:
    await pilot.press("n")
    form = pilot.app.screen
    assert isinstance(form, NoteForm)
    heading = str(form.query_one("#note-heading").render())
    form.query_one("#note-text").value = text
    await pilot.press("ctrl+s")
    await pilot.pause()
    return heading


async def test_n_right_after_a_verdict_notes_the_claim_just_decided(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        first, second = [c.id for c in screen.claims]
        await pilot.press("d")
        assert screen.selected.id == second
        assert f"n: note on #{first}" in status_line(screen)
        heading = await write_note(pilot, "Governor's own count")
        assert heading == f"Note and evidence for claim #{first}, just marked disputed"
        assert screen.selected.id == second
    with Store(db_path) as store:
        assert store.desk_claim(first).note == "Governor's own count"
        assert store.desk_claim(second).note is None


async def test_after_moving_n_notes_the_claim_on_view(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        first, second = [c.id for c in screen.claims]
        await pilot.press("d", "k", "j")
        assert screen.selected.id == second and "n: note" not in status_line(screen)
        heading = await write_note(pilot, "Still open")
        assert heading == f"Note and evidence for claim #{second}"
    with Store(db_path) as store:
        assert store.desk_claim(second).note == "Still open"
        assert store.desk_claim(first).note is None


async def test_a_verdict_given_in_the_note_of_the_claim_just_decided_does_not_move_the_cursor(make_app, db_path):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        first, second = [c.id for c in screen.claims]
        await pilot.press("d", "n")
        pilot.app.screen.query_one("#note-status").value = "verified"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.selected.id == second
        assert f"Claim #{first} marked verified, with a note." in status_line(screen)
    with Store(db_path) as store:
        assert store.desk_claim(first).status == "verified"
        assert store.desk_claim(second).status == "pending"


async def test_the_status_line_says_what_undo_and_redo_did(make_app):
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        first = screen.selected.id
        await pilot.press("u")
        assert f"Claim #{first} marked unverified." in status_line(screen)
        await pilot.press("ctrl+z")
        assert "marked unverified" not in status_line(screen)
        assert f"Undone: unverified on claim #{first} (now pending)." in status_line(screen)
        await pilot.press("ctrl+y")
        assert f"Redone: unverified on claim #{first}." in status_line(screen)
