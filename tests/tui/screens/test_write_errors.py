"""Every write of the desk survives a database that refuses it: the reviewer reads "Not recorded: …", the app
keeps running, nothing is half-stored, and the screen shows what the database holds."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import pytest

from store import Store
from store.sqlite import connection
from tests.tui.screens.test_desk import open_article
from tui import app as app_module
from tui.forms.note import NoteForm
from tui.screens.article import ArticleScreen
from tui.store_watch import StoreWatch

SHIPPED_LOCK_WAIT_MS = app_module.UI_LOCK_WAIT_MS


@pytest.fixture(autouse=True)
def short_wait(monkeypatch):
    """The app's store gives up on a held lock after 50 ms instead of 3 s (30 s when it opens the file)."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(app_module, "UI_LOCK_WAIT_MS", 50)


@pytest.fixture(autouse=True)
def no_polling(monkeypatch):
    """The screens change only through the keys pressed in each test (the 1 s store poll is tested elsewhere)."""
    monkeypatch.setattr(StoreWatch, "poll_store", lambda self: False)


@contextmanager
def database_held(db_path):
    """Another program holding the write lock (e.g. a long import), released at the end."""
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def errors(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


def history_rows(db_path) -> int:
    with Store(db_path) as store:
        return store.execute("SELECT COUNT(*) FROM claim_history")[0][0]


def assert_screen_matches_store(screen: ArticleScreen, db_path) -> None:
    with Store(db_path) as store:
        stored = store.desk_claims(screen.article_id)
    assert [(c.id, c.status, c.flagged, c.start, c.end) for c in screen.all_claims] == [
        (c.id, c.status, c.flagged, c.start, c.end) for c in stored]


async def write_a_note(pilot):
    await pilot.press("n")
    await pilot.pause()
    pilot.app.screen.query_one("#note-text").value = "Count from the governor's office"
    await pilot.press("ctrl+s")


WRITES = {  # name: (keys pressed before the database is held, keys pressed while it is)
    "verdict": ([], ["v"]),
    "flag": ([], ["f"]),
    "apply match": (["a"], ["a"]),  # the first press warns of the changed number
    "delete": ([], ["delete"]),
    "new boundaries": ([], ["e", "shift+left", "enter"]),
    "add claim": ([], ["e", "plus"]),
    "split": ([], ["e", "shift+left", "shift+left", "t"]),
    "undo": (["d"], ["ctrl+z"]),
    "redo": (["d", "ctrl+z"], ["ctrl+y"]),
}


@pytest.mark.parametrize(("first", "keys"), list(WRITES.values()), ids=list(WRITES))
async def test_a_write_refused_by_a_busy_database_is_reported_and_nothing_changes(make_app, db_path, first, keys):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        await pilot.press(*first)
        before = history_rows(db_path)
        with database_held(db_path):
            await pilot.press(*keys)
            await pilot.pause()
        assert pilot.app.is_running and pilot.app.screen is screen
        (message,) = errors(pilot.app)
        assert message.startswith("Not recorded: ") and "nothing was changed" in message
        assert history_rows(db_path) == before
        assert_screen_matches_store(screen, db_path)


async def test_an_undo_the_database_refused_can_be_pressed_again(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        claim_id = screen.selected.id
        await pilot.press("d")
        with database_held(db_path):
            await pilot.press("ctrl+z")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.selected.status == "pending"
        assert any(n.message.startswith("Undone: disputed") for n in pilot.app._notifications)
    with Store(db_path) as store:
        assert [h.action for h in store.desk_history(claim_id)] == ["status", "undo"]


async def test_a_note_the_database_refused_is_offered_again(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        with database_held(db_path):
            await write_a_note(pilot)
            await pilot.pause()
        assert pilot.app.screen is screen and errors(pilot.app)[0].startswith("Not recorded: ")
        assert "governor's office" not in str(screen.query_one("#claim-details").render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NoteForm)
        assert pilot.app.screen.query_one("#note-text").value == "Count from the governor's office"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Store(db_path) as store:
        assert store.desk_claim(screen.selected.id).note == "Count from the governor's office"


async def test_a_claim_another_reviewer_deleted_is_not_decided_and_leaves_the_screen(make_app, db_path):
    async with make_app(auto_advance=False).run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        gone = screen.selected.id
        with Store(db_path, clock=lambda: "2026-05-10T09:30:00Z") as other:
            other.delete_claim(gone, "ben")
        await pilot.press("v")
        await pilot.pause()
        assert pilot.app.is_running
        assert errors(pilot.app) == [f"Not recorded: claim {gone} was deleted by ben at 2026-05-10T09:30:00Z."]
        assert gone not in [c.id for c in screen.claims]
        assert_screen_matches_store(screen, db_path)
    with Store(db_path) as store:
        assert store.desk_claim(gone).status == "pending"


async def test_a_raw_sqlite_error_is_explained_in_one_sentence(make_app, db_path, monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "set_flag", broken)
    async with make_app().run_test(size=(120, 30)) as pilot:
        screen = await open_article(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert pilot.app.is_running and not screen.selected.flagged
        assert errors(pilot.app) == [f"Not recorded: cannot use {db_path}: disk I/O error."]


async def test_the_app_waits_seconds_not_half_a_minute_for_another_programs_lock(make_app, monkeypatch):
    monkeypatch.setattr(app_module, "UI_LOCK_WAIT_MS", SHIPPED_LOCK_WAIT_MS)  # not the fixture's 50 ms
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 30_000)  # what the commands wait
    async with make_app().run_test(size=(120, 30)) as pilot:
        assert pilot.app.store.execute("PRAGMA busy_timeout")[0][0] == SHIPPED_LOCK_WAIT_MS <= 5_000
