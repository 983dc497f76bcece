"""Two at once: several programs deciding claims in one database, and the app showing the others' decisions.

Writers are real processes (the store, `claimdesk mark`) so they share nothing but the file, as two reviewers'
programs do. Every decision a writer reports as made must be in the history afterwards, no writer may see
"database is locked", and an open app must redraw a claim someone else decided.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from store import NewClaim, Store, content_hash
from tui.forms.override import OverrideDialog
from tui.settings import Settings

CLAIMS_PER_ARTICLE = 6
ARTICLES = 4
SECONDS = 2.5
CLAIMDESK = Path(sys.executable).with_name("claimdesk")

WRITER = r"""
import random, sys, time
from store import Store
path, name, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
rng = random.Random(name)
with Store(path) as store:
    ids = [c.id for c in store.claims()]
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        claim_id, status, note = rng.choice(ids), rng.choice(["verified", "disputed", "unverified"]), f"{name}-{n}"
        if n % 2:
            store.decide(claim_id, status, name, note=note)
        else:
            store.decide(claim_id, status, name, note)
        print(claim_id, status, note, flush=True)
        n += 1
"""

READER = r"""
import sys, time
from store import Store
from store.exchange.export import export_rows
end = time.monotonic() + float(sys.argv[2])
with Store(sys.argv[1]) as store:
    while time.monotonic() < end:
        store.articles(); list(export_rows(store))
"""


def build(path: Path) -> list[int]:
    ids = []
    with Store(path) as store:
        for a in range(ARTICLES):
            text = " ".join(f"Claim {a}.{n}: the port handled {n * 1000 + a} tonnes."
                            for n in range(CLAIMS_PER_ARTICLE))
            with store.transaction():
                article_id = store.insert_article(f"Port report {a}", text, content_hash(text), "Harbour Wire")
                spans = [(m, m + 40) for m in range(0, len(text) - 40, len(text) // CLAIMS_PER_ARTICLE)]
                ids += store.insert_claims(article_id, [NewClaim(text[s:e], s, e) for s, e in spans])
    return ids


@pytest.fixture
def db(backend_db) -> tuple[str, list[int]]:
    """The shared archive, on a SQLite file and on a PostgreSQL database."""
    return backend_db, build(backend_db)


def run_marks(path: Path, ids: list[int], out: list[tuple[str, str, str, str]], errors: list[str]) -> None:
    """`claimdesk mark` several times in a row, as a colleague at a shell would, while the writers run."""
    for n, claim_id in enumerate(ids[:4]):
        note = f"shell-{n}"
        result = subprocess.run([str(CLAIMDESK), "--db", str(path), "mark", str(claim_id), "disputed",
                                 "--note", note, "--reviewer", "shell", "--force"], capture_output=True, text=True)
        if result.returncode:
            errors.append(result.stderr)
        else:
            out.append(("shell", str(claim_id), "disputed", note))


def test_concurrent_writers_lose_no_decision_and_never_see_a_lock(db):
    path, ids = db
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"writer{n}", str(SECONDS)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(3)]
    reader = subprocess.Popen([sys.executable, "-c", READER, str(path), str(SECONDS)], stderr=subprocess.PIPE,
                              text=True)
    shell_done: list[tuple[str, str, str, str]] = []
    shell_errors: list[str] = []
    shell = threading.Thread(target=run_marks, args=(path, ids, shell_done, shell_errors))
    shell.start()
    reported = []
    for n, writer in enumerate(writers):
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert "locked" not in err
        reported += [(f"writer{n}", *line.split()) for line in out.splitlines()]
    _, reader_err = reader.communicate(timeout=120)
    shell.join(timeout=120)
    assert reader.returncode == 0 and "locked" not in reader_err
    assert shell_errors == []
    reported += shell_done
    assert len(reported) > 20  # the writers really overlapped
    with Store(path) as store:
        history = {(h.reviewer, str(h.claim_id), h.to_status, h.note) for c in ids for h in store.history(c)}
        assert set(reported) <= history
        assert len(history) == len(reported)
        for claim_id in ids:  # each claim shows the last decision made about it
            entries = store.history(claim_id)
            if entries:
                assert store.claim(claim_id).status == entries[-1].to_status


async def wait_until(pilot, condition, seconds: float = 8.0) -> bool:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


async def test_the_open_app_redraws_a_claim_decided_elsewhere(db, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_CONFIG", "/nonexistent/claimdesk/config.toml")
    from tui.app import ClaimdeskApp

    path, ids = db
    app = ClaimdeskApp(db_path=path, reviewer="ana", settings=Settings(auto_advance=False))
    async with app.run_test(size=(140, 40)) as pilot:
        app.open_article(1)
        await pilot.pause()
        screen = app.screen
        shown = screen.selected.id
        await pilot.press("v")  # this app decides one claim...
        result = subprocess.run([str(CLAIMDESK), "--db", str(path), "mark", str(shown), "disputed",
                                 "--note", "from the shell", "--reviewer", "ben", "--force"],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        # ... another program overrides it: the screen shows that without a key being pressed
        assert await wait_until(pilot, lambda: screen.selected.status == "disputed")
        details = str(screen.query_one("#claim-details").render())
        assert "disputed" in details and "ben" in details
        await pilot.press("u")  # this app's next decision asks first: ben decided it since ana opened it
        await pilot.pause()
        assert isinstance(app.screen, OverrideDialog)
        await pilot.press("y")  # ... and, confirmed, is recorded on top, not lost
        await pilot.pause()
    with Store(path) as store:
        assert [(h.reviewer, h.to_status) for h in store.history(shown)] == [
            ("ana", "verified"), ("ben", "disputed"), ("ana", "unverified")]


async def test_the_article_list_catches_up_with_decisions_made_elsewhere(db, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_CONFIG", "/nonexistent/claimdesk/config.toml")
    from tui.app import ClaimdeskApp

    path, ids = db
    app = ClaimdeskApp(db_path=path, reviewer="ana", settings=Settings())
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        with Store(path) as other:
            for claim_id in ids[:CLAIMS_PER_ARTICLE]:
                other.decide(claim_id, "verified", "ben")

        def first_row_done() -> bool:
            return f"{CLAIMS_PER_ARTICLE}/{CLAIMS_PER_ARTICLE * ARTICLES} claims decided" in app.screen.sub_title

        assert await wait_until(pilot, first_row_done)


async def test_a_change_elsewhere_while_an_article_opens_waits_for_the_screen(db, monkeypatch):
    """Another program's write (e.g. a load in the background) seen the moment an article screen is pushed, before
    its widgets exist, is shown once it has mounted; it never takes the app down."""
    monkeypatch.setenv("CLAIMDESK_CONFIG", "/nonexistent/claimdesk/config.toml")
    from tui.app import ClaimdeskApp
    from tui.screens.article import ArticleScreen

    path, ids = db
    app = ClaimdeskApp(db_path=path, reviewer="ana", settings=Settings(auto_advance=False))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        with Store(path) as other:
            other.decide(ids[0], "disputed", "ben")
        app.push_screen(ArticleScreen(1, ids[0]))
        assert not app.screen.is_mounted and app.poll_store() is False  # nothing to redraw yet
        await pilot.pause()
        app.poll_store()  # the app's own 1 s poll may have redrawn it already: either way it shows the change
        assert app.screen.is_mounted and app.screen.selected.status == "disputed"


async def test_a_change_elsewhere_while_an_article_closes_is_not_drawn_on_it(db, monkeypatch):
    """Another program's write seen while the article screen is being taken down (leaving it, or quitting the app,
    when its widgets are already gone) waits for the screen below; it never takes the app down."""
    monkeypatch.setenv("CLAIMDESK_CONFIG", "/nonexistent/claimdesk/config.toml")
    from tui.app import ClaimdeskApp
    from tui.screens.article import ArticleScreen
    from tui.store_watch import screen_is_steady

    path, ids = db
    app = ClaimdeskApp(db_path=path, reviewer="ana", settings=Settings(auto_advance=False))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.push_screen(ArticleScreen(1, ids[0]))
        await pilot.pause()
        article = app.screen
        assert screen_is_steady(article)
        await article.query_one("#article-body").remove()  # as Textual does first when it removes a screen
        article._pruning = True
        assert not screen_is_steady(article)
        with Store(path) as other:
            other.decide(ids[0], "disputed", "ben")
        assert app.poll_store() is False
        article._pruning = False
        await app.pop_screen()
        assert not screen_is_steady(article)
        app.poll_store()  # the app's own 1 s poll may have redrawn the list already: either way it shows the change
        assert "1/" in app.screen.sub_title


async def test_a_change_elsewhere_while_a_span_is_moved_waits_until_the_edit_ends(db, monkeypatch):
    """Another program's verdict seen while the reviewer moves a claim's span is not drawn over the selection; it
    is shown once the reviewer leaves select mode (the screen says it is editing: tui.screen_protocol.StoreView)."""
    monkeypatch.setenv("CLAIMDESK_CONFIG", "/nonexistent/claimdesk/config.toml")
    from tui.app import ClaimdeskApp
    from tui.screens.article import ArticleScreen

    path, ids = db
    app = ClaimdeskApp(db_path=path, reviewer="ana", settings=Settings(auto_advance=False))
    async with app.run_test(size=(140, 40)) as pilot:
        await app.push_screen(ArticleScreen(1, ids[0]))
        await pilot.pause()
        article = app.screen
        await pilot.press("e")  # select mode on the selected claim
        assert article.is_editing()
        with Store(path) as other:
            other.decide(ids[0], "disputed", "ben")
        assert app.poll_store() is False
        assert article.selected.status == "pending" and article.is_editing()
        await pilot.press("escape")
        await pilot.pause()
        assert not article.is_editing()
        app.poll_store()  # the app's own 1 s poll may have redrawn it already: either way it shows the change
        assert article.selected.status == "disputed"
