"""Keystroke-to-screen time of the app's search (/) on an archive holding one 3 MB article, before and after
issue 15 item 1, in one run.

    .venv/bin/python benchmarks/search_speed.py                 # a 3 MB article, the word "flood" typed
    .venv/bin/python benchmarks/search_speed.py --mb 1 --word fl

"before" reproduces the old code path in this script: the search ran on the screen's thread at every key,
and FTS5's snippet() read every hit of the long article. "after" is the shipped SearchScreen: a debounced,
exclusive worker with its own connection, and a bounded snippet window for long articles. For each, with
Textual's Pilot (headless):

- key echo: from pressing a key to the first frame painted after it (the typed letter on screen), median
  and worst over the word's keys
- results: from the last key to the hits on screen (after: including the 250 ms wait for a next key)
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.app_speed import watch_paints  # noqa: E402
from store import Store, content_hash  # noqa: E402
from store.models import ClaimRow  # noqa: E402
from store.search_sql import fts_query  # noqa: E402
from tui.screens.search import SearchScreen  # noqa: E402

WORDS = ("the minister said that flood water rose across the valley and many people left their homes while "
         "officials counted shelters for the village near the dam").split()
CLOCK = "2026-05-10T09:00:00Z"
OLD_SQL = ("SELECT a.id, a.title, snippet(articles_fts, 1, '', '', '…', 12) FROM articles_fts"
           " JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?"
           " ORDER BY articles_fts.rank LIMIT ?")


def build(path: Path, megabytes: float, seed: int = 3) -> None:
    rng = random.Random(seed)
    words, size = [], 0
    while size < megabytes * 1_000_000:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)
    with Store(path, clock=lambda: CLOCK) as store, store.transaction():
        store.insert_article("A very long article", text, content_hash(text), "Bench Wire")
        store.insert_article("A short one", "The flood rose.", content_hash("The flood rose."), "Bench Wire")


class OldSearchScreen(SearchScreen):
    """The search as it was: on the screen's thread at every key, with snippet() on every article."""

    def search(self, words: str, wait: float | None = None) -> None:
        self.words = words
        store = self.app.store
        query = fts_query(words)
        rows = store.search_claims(words) if query else []
        if query:
            rows += [ClaimRow(i, i, title, snip or title, "", "", None, 0.0, False, "article")
                     for i, title, snip in store.execute(OLD_SQL, [query, 20])]
        self._show(rows, words)


async def measure(db: Path, screen_class: type[SearchScreen], word: str) -> dict[str, float]:
    from tui.app import ClaimdeskApp

    app = ClaimdeskApp(db_path=db, reviewer="bench", clock=lambda: CLOCK)
    painted = watch_paints(app)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        screen = screen_class()
        app.push_screen(screen)
        await pilot.pause()
        echoes = []
        for key in word:
            started = time.perf_counter()
            await pilot.press(key)
            after = [t for t in painted if t >= started]
            echoes.append(((after[0] if after else time.perf_counter()) - started) * 1000)
        last = started
        while not screen.query_one("#search-results").rows:
            await pilot.pause(0.01)
        shown = time.perf_counter()
    return {"key echo, median (ms)": statistics.median(echoes), "key echo, worst (ms)": max(echoes),
            "last key to results (ms)": (shown - last) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=3.0, help="size of the long article in MB (default 3)")
    parser.add_argument("--word", default="flood", help="what is typed, key by key (default: flood)")
    args = parser.parse_args()
    db = Path(tempfile.mkdtemp(prefix="claimdesk-search-")) / "search.db"
    build(db, args.mb)
    print(f"{args.mb:g} MB article, typing {args.word!r}")
    before = asyncio.run(measure(db, OldSearchScreen, args.word))
    after = asyncio.run(measure(db, SearchScreen, args.word))
    print(f"{'':28}{'before':>12}{'after':>12}{'before/after':>14}")
    for name in before:
        print(f"{name:28}{before[name]:12.1f}{after[name]:12.1f}{before[name] / max(after[name], 0.001):13.0f}x")


if __name__ == "__main__":
    main()
