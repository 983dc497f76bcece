"""Crashes: `claimdesk load` and the app killed with SIGKILL at random moments lose nothing and half-write nothing.

The load test runs the real `claimdesk load` (spaCy included) on 200 short invented articles, kills it a few
times part-way (SIGKILL, and once SIGTERM), and after each kill checks the file (`PRAGMA integrity_check`) and
that every article in it is exactly as an uninterrupted load makes it (same claims, same matches) or absent;
running the load again finishes the job without duplicates. The killed loads extract in a worker process
(`--workers 1`): no process of theirs may outlive them, nor hold their output pipes.

The app test kills the app just after verdict keys: every verdict it had shown as recorded is in the database,
and in the app, after the restart.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import NewClaim, Store, content_hash

CLAIMDESK = Path(sys.executable).with_name("claimdesk")
PLACES = ["PORT ELLIS", "CALDER", "MARROW BAY", "EASTHOLM", "TIVERTON CROSS"]
AGENCIES = ["Harbour Wire", "Northline News", "Coastal Press"]
EVENTS = ["homes were flooded", "jobs were lost", "schools were closed", "people were evacuated",
          "bridges were damaged"]
SPEAKERS = ["the interior ministry said", "the mayor said", "according to the finance ministry", "officials said"]


def write_articles(folder: Path, count: int = 200, seed: int = 5) -> Path:
    """Short invented wire stories: three figures each (often recurring between stories), one aside."""
    rng = random.Random(seed)
    folder.mkdir()
    for i in range(count):
        facts = [f"{rng.randint(2, 60) * 100:,} {rng.choice(EVENTS)} in district {rng.randint(1, 6)}, "
                 f"{rng.choice(SPEAKERS)}." for _ in range(3)]
        text = (f"Report {i}\n\n{rng.choice(PLACES)}, May {1 + i % 28} ({rng.choice(AGENCIES)}) - "
                + " ".join(facts) + " It was a grey morning.\n")
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def load(db: Path, folder: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen([str(CLAIMDESK), "--db", str(db), "load", *options, str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def proc_stat(pid: int) -> list[str] | None:
    """State, parent pid, ... of a process from /proc (None once it is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def children(pid: int) -> dict[int, str]:
    """The processes ``pid`` started, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (proc_stat(int(entry.name)) or ["", ""])[1] == str(pid):
            try:
                found[int(entry.name)] = (entry / "cmdline").read_text().replace("\0", " ")
            except OSError:
                pass
    return found


def running(pid: int) -> bool:
    stat = proc_stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")  # a zombie has stopped; init reaps it


def article_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def kill_when(process: subprocess.Popen, db: Path, articles: int, rng: random.Random,
              how: signal.Signals = signal.SIGKILL) -> tuple[str, dict[int, str]]:
    """Signal the load once it has stored ``articles`` articles, plus a random few milliseconds; its stderr and
    the processes it had started. Its output pipes must close soon after (no child may hold them)."""
    deadline = time.monotonic() + 120
    while article_count(db) < articles and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0, 0.25))
    started = children(process.pid)
    process.send_signal(how)
    _, err = process.communicate(timeout=60)
    return err, started


def assert_all_stopped(pids: list[int]) -> None:
    deadline = time.monotonic() + 10
    while any(map(running, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(running, pids)), "a process started by the load outlived it"


def snapshot(db: Path) -> dict[str, tuple]:
    """Each article (by content hash) with its claims and its matches, independent of ids."""
    conn = sqlite3.connect(db)
    try:
        hashes = dict(conn.execute("SELECT id, content_hash FROM articles"))
        spans = {cid: (hashes[aid], start, end) for cid, aid, start, end in
                 conn.execute('SELECT id, article_id, start, "end" FROM claims')}
        claims: dict[str, list] = {h: [] for h in hashes.values()}
        for aid, start, end, text, kind in conn.execute('SELECT article_id, start, "end", text, type FROM claims'):
            claims[hashes[aid]].append((start, end, text, kind))
        links: dict[str, list] = {h: [] for h in hashes.values()}
        for cid, eid, score, kind in conn.execute("SELECT claim_id, earlier_id, score, kind FROM claim_links"):
            links[spans[cid][0]].append((spans[cid][1:], spans[eid], round(score, 3), kind))
        return {h: (sorted(claims[h]), sorted(links[h])) for h in hashes.values()}
    finally:
        conn.close()


def assert_sound(db: Path, reference: dict[str, tuple]) -> dict[str, tuple]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    now = snapshot(db)
    incomplete = [h for h, state in now.items() if state != reference[h]]
    assert incomplete == [], "articles stored without all their claims and matches"
    return now


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    return write_articles(tmp_path_factory.mktemp("crash") / "articles")


@pytest.fixture(scope="module")
def reference(articles, tmp_path_factory) -> dict[str, tuple]:
    db = tmp_path_factory.mktemp("reference") / "reference.db"
    process = load(db, articles)
    out, err = process.communicate(timeout=300)
    if process.returncode and "model" in err.lower():
        pytest.skip(err.strip())
    assert process.returncode == 0, err
    state = snapshot(db)
    assert len(state) == 200 and all(claims for claims, _ in state.values())
    return state


@pytest.mark.slow
def test_a_load_killed_at_random_moments_leaves_whole_articles_and_resumes(articles, reference, tmp_path):
    db = tmp_path / "claimdesk.db"
    rng = random.Random(20)
    seen = 0
    for target, how in ((15, signal.SIGKILL), (70, signal.SIGTERM), (130, signal.SIGKILL)):
        process = load(db, articles, "--workers", "1")
        err, started = kill_when(process, db, target, rng, how)
        assert any("spawn_main" in command for command in started.values()), "no extraction process ran"
        assert_all_stopped(started)
        if how == signal.SIGTERM:
            assert process.returncode == 143 and "interrupted:" in err
        state = assert_sound(db, reference)
        assert len(state) >= seen  # nothing committed before a kill is lost
        seen = len(state)
    process = load(db, articles)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert f"{200 - seen} loaded, {seen} already loaded, 0 failed." in err
    assert assert_sound(db, reference) == reference
    again = load(db, articles)
    _, err = again.communicate(timeout=300)
    assert "0 loaded, 200 already loaded" in err


# --- the app, killed right after verdict keys ---------------------------------------------------------------

APP_CHILD = r"""
import asyncio, sys
from tui.app import ClaimdeskApp
from tui.screens.article import ArticleScreen
from tui.settings import Settings

decided = ArticleScreen.decided

def shown(self, updated, message):
    decided(self, updated, message)  # the status line now tells the reviewer the verdict is recorded
    print("SHOWN", message, flush=True)

ArticleScreen.decided = shown

async def main(path, seed):
    app = ClaimdeskApp(db_path=path, reviewer="ana", settings=Settings(auto_advance=False))
    async with app.run_test(size=(120, 30)) as pilot:
        app.open_article(1)
        await pilot.pause()
        print("READY", flush=True)
        for n in range(400):
            await pilot.press("vdu"[(n * seed) % 3], "j" if n % 7 else "k")

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""
SHOWN = re.compile(r"SHOWN Claim #(\d+) marked (\w+)\.")


def review_db(path: Path, claims: int = 12) -> Path:
    text = " ".join(f"Figure {n}: the port handled {n * 1000} tonnes in week {n}." for n in range(claims))
    with Store(path) as store, store.transaction():
        article_id = store.insert_article("Port figures", text, content_hash(text), "Harbour Wire")
        spans = [(m.start(), m.end()) for m in re.finditer(r"Figure \d+:[^.]*\.", text)]
        store.insert_claims(article_id, [NewClaim(text[s:e], s, e) for s, e in spans])
    return path


def run_app_and_kill(db: Path, after: int, seed: int) -> list[tuple[int, str]]:
    env = {**os.environ, "CLAIMDESK_CONFIG": "/nonexistent/claimdesk/config.toml"}
    child = subprocess.Popen([sys.executable, "-c", APP_CHILD, str(db), str(seed)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    shown = []
    for line in child.stdout:
        if match := SHOWN.match(line):
            shown.append((int(match[1]), match[2]))
            if len(shown) >= after:
                child.send_signal(signal.SIGKILL)
                break
    child.communicate(timeout=60)
    assert shown, "the app never showed a verdict"
    return shown


async def test_verdicts_shown_as_recorded_survive_killing_the_app(tmp_path, monkeypatch):
    db = review_db(tmp_path / "review.db")
    shown = run_app_and_kill(db, after=17, seed=1) + run_app_and_kill(db, after=23, seed=2)
    expected: dict[int, list[str]] = {}
    for claim_id, status in shown:
        expected.setdefault(claim_id, []).append(status)
    with Store(db) as store:
        histories = {claim_id: [h.to_status for h in store.history(claim_id)] for claim_id in expected}
        final = {c.id: c.status for c in store.claims()}
    for claim_id, statuses in expected.items():
        history = histories[claim_id]
        assert history[: len(statuses)] == statuses  # at most one more: recorded, killed before it was shown
        assert len(history) <= len(statuses) + 1
        assert final[claim_id] == history[-1]
    monkeypatch.setenv("CLAIMDESK_CONFIG", "/nonexistent/claimdesk/config.toml")
    from tui.app import ClaimdeskApp
    from tui.settings import Settings

    app = ClaimdeskApp(db_path=db, reviewer="ana", settings=Settings())
    async with app.run_test(size=(120, 30)) as pilot:  # after the restart the app shows them too
        app.open_article(1)
        await pilot.pause()
        assert {c.id: c.status for c in app.screen.claims} == final
