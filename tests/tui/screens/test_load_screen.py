"""Loading from inside the app: `l` opens the dialog, the load runs in a worker, the list shows the new articles."""

from __future__ import annotations

import json
from pathlib import Path

from claims.match.encoder import MODEL_ID
from tests.claims.pages import ARTICLE_PAGE
from tests.tui.cli.test_cli import LATE
from tui.screens.load import LoadScreen


async def wait_for_load(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def wait_until_finished(app, pilot, seconds: float = 120) -> None:
    """Until the dialog's load has finished (the worker may not have started when the key press returns)."""
    from tui.screens.load import _jobs

    for _ in range(int(seconds * 10)):
        job = _jobs.get(app)
        if job is not None and job.finished:
            break
        await pilot.pause(0.1)
    await wait_for_load(app, pilot)
    await pilot.pause(0.6)  # the dialog shows the job every 0.25 s


def article_titles(app) -> list[str]:
    return [a.title for a in app.store.articles()]


async def test_a_file_and_a_page_load_in_a_worker_and_appear_in_the_list(make_app, tmp_path):
    (tmp_path / "late.txt").write_text(LATE, encoding="utf-8")
    (tmp_path / "dam.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, LoadScreen)
        app.screen.query_one("#load-paths").value = f"{tmp_path / 'late.txt'} {tmp_path / 'dam.html'}"
        await pilot.press("enter")
        await wait_until_finished(app, pilot)
        status = str(app.screen.query_one("#load-status").render())
        assert "Done: 2 loaded, 0 already loaded, 0 failed." in status
        assert "Dam costs rise to 4.2 billion crowns" in article_titles(app)
        await pilot.press("escape")
        table = app.screen.query_one("#articles")
        assert len(table.rows) == 4  # the two of the fixture and the two new ones


async def test_an_article_loaded_in_the_app_has_its_claims_embedded_in_the_worker(make_app, tmp_path, encoder):
    (tmp_path / "late.txt").write_text(LATE, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("l")
        app.screen.query_one("#load-paths").value = str(tmp_path / "late.txt")
        await pilot.press("enter")
        await wait_until_finished(app, pilot)
        (article,) = [a for a in app.store.articles() if a.title == "Governor revises flood figures"]
        ids = [claim.id for claim in app.store.claims(article.id)]
        assert ids and set(app.store.vectors_of(ids, MODEL_ID)) == set(ids)


async def test_closing_the_dialog_does_not_stop_the_load_and_failures_are_reported(make_app, tmp_path):
    (tmp_path / "late.txt").write_text(LATE, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("l")
        app.screen.query_one("#load-paths").value = f"{tmp_path / 'late.txt'} {tmp_path / 'nope.txt'}"
        await pilot.press("enter", "escape")
        assert not isinstance(app.screen, LoadScreen)  # the list is usable while the load runs
        await wait_until_finished(app, pilot)
        assert "Governor revises flood figures" in article_titles(app)
        notes = [n.message for n in app._notifications]
        assert any("1 loaded, 0 already loaded, 1 failed." in n for n in notes)
        await pilot.press("l")  # reopened, the dialog shows the last load and its failure
        log = str(app.screen.query_one("#load-log").render())
        assert "nope.txt" in log


async def test_an_empty_path_asks_for_one(make_app):
    app = make_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("l", "enter")
        assert isinstance(app.screen, LoadScreen) and not app.workers
        assert any("Give a file" in n.message for n in app._notifications)


def test_the_app_opens_without_the_web_and_html_libraries():
    import json
    import subprocess
    import sys

    code = "import json, sys\nimport tui.app, tui.screens.load\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = {name.split(".")[0] for name in json.loads(out)}
    assert loaded & {"trafilatura", "httpx", "lxml", "spacy"} == set()


FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "articles"


async def test_a_claim_edited_after_a_load_is_matched_against_the_loaded_articles(make_app):
    app = make_app(auto_advance=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "e", "enter")  # the dam claim of the first article, matched once
        await wait_for_load(app, pilot)
        screen = app.screen
        assert screen.selected.text.startswith("The dam will cost 4.2 billion crowns")
        await pilot.press("escape", "l")
        app.screen.query_one("#load-paths").value = str(FIXTURES / "01-marren-floods-evacuation.txt")
        await pilot.press("enter")
        await wait_until_finished(app, pilot)
        assert any(title.startswith("Floods drive thousands") for title in article_titles(app))
        await pilot.press("escape", "enter", "j", "e", "enter")  # the same claim, edited again after the load
        await wait_for_load(app, pilot)
        shown = str(app.screen.query_one("#claim-matches").render())
        assert "The Marren flood barrier will cost 4.2 billion crowns" in shown
        assert any(link.article_title.startswith("Floods drive thousands") for link in app.screen.links)


async def test_claims_another_program_stored_are_matched_too(make_app, db_path):
    from store import NewClaim, Store, content_hash

    app = make_app(auto_advance=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "j", "e", "enter")
        await wait_for_load(app, pilot)
        text = "Treasury view. The dam will cost 4.2 billion crowns, the treasury said."
        with Store(db_path) as other, other.transaction():  # e.g. `claimdesk load` in another terminal
            article_id = other.insert_article("Treasury counts the dam", text, content_hash(text), "Ledger")
            other.insert_claims(article_id, [NewClaim(text[15:], 15, len(text), 0.9, "quantity", "the treasury")])
        await pilot.press("e", "enter")
        await wait_for_load(app, pilot)
        assert "the treasury said" in str(app.screen.query_one("#claim-matches").render())


async def test_an_empty_archive_says_that_l_loads_articles(tmp_path):
    from tui.app import ClaimdeskApp

    app = ClaimdeskApp(db_path=tmp_path / "empty.db", reviewer="tester")
    async with app.run_test(size=(120, 30)) as pilot:
        hint = app.screen.query_one("#empty-hint")
        assert hint.display and "Press l to load" in str(hint.render())
        await pilot.press("l")
        assert isinstance(app.screen, LoadScreen)


def write_reports(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:02d}.txt").write_text(f"Storm report {n}\n\nPORT ELLIS, May 2 (Harbour Wire) - About "
                                             f"{(n + 2) * 100} homes were flooded in district {n}, the mayor said.\n",
                                             encoding="utf-8")
    return folder


async def test_a_big_load_from_the_app_extracts_in_other_processes_and_stores_every_article(make_app, tmp_path,
                                                                                           monkeypatch):
    from claims.extract import workers as load_workers

    monkeypatch.setattr(load_workers, "usable_cores", lambda: 2)  # as on 2 cores: two extraction processes
    folder = write_reports(tmp_path / "wire", load_workers.WORKER_FROM)
    app = make_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("l")
        app.screen.query_one("#load-paths").value = str(folder)
        await pilot.press("enter")
        await wait_until_finished(app, pilot)
        status = str(app.screen.query_one("#load-status").render())
        assert f"Done: {load_workers.WORKER_FROM} loaded, 0 already loaded, 0 failed." in status
        assert {f"Storm report {n}" for n in range(load_workers.WORKER_FROM)} <= set(article_titles(app))


def test_quitting_the_app_stops_a_load_after_the_article_being_stored(tmp_path, db_path):
    from types import SimpleNamespace

    from store import Store
    from tui.screens.load import LoadJob, _load

    job = LoadJob([str(write_reports(tmp_path / "wire", 3))], None)
    job.stopping.set()  # what quitting the app does (tui.screens.load.stop_loads)
    with Store(db_path) as store:
        before = len(store.articles())
    _load(SimpleNamespace(db_path=db_path, clock=None), job)
    with Store(db_path) as store:
        assert len(store.articles()) == before + 1 and job.done == 1


async def test_an_article_over_the_size_limit_is_refused_in_the_dialog_as_on_the_command_line(make_app, tmp_path):
    from claims.read.article import MAX_ARTICLE_CHARS

    (tmp_path / "long.txt").write_text("A long report\n\n" + "The river rose. " * (MAX_ARTICLE_CHARS // 16 + 1),
                                       encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("l")
        app.screen.query_one("#load-paths").value = str(tmp_path / "long.txt")
        await pilot.press("enter")
        await wait_until_finished(app, pilot)
        log = str(app.screen.query_one("#load-log").render())
        assert f"one article may hold at most {MAX_ARTICLE_CHARS:,}" in " ".join(log.split())


async def test_a_feed_date_that_is_no_date_is_named_in_the_dialog_and_the_article_loads(make_app, tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([{"title": "Dam costs rise", "text": LATE, "date": "not a date"}]), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(140, 32)) as pilot:
        await pilot.press("l")
        app.screen.query_one("#load-paths").value = str(feed)
        await pilot.press("enter")
        await wait_until_finished(app, pilot)
        log = str(app.screen.query_one("#load-log").render())
        assert "'not a date' is not a date; stored without one." in log
        assert "Dam costs rise" in article_titles(app)
