"""Speed of the review app on a big archive, next to the same timings on a 10-article archive, in one run.

    .venv/bin/python benchmarks/app_speed.py                       # 10,000 articles / 100,000 claims vs 10 articles
    .venv/bin/python benchmarks/app_speed.py --articles 2000 --keep /tmp/bench
    .venv/bin/python benchmarks/app_speed.py --first-screen DB     # one database's first screen, in seconds

--first-screen (what benchmarks/archive_scale.py runs, once per process, on an archive of 10^6 earlier checks and
on one of 1,000): from starting the app to the first frame of the article list whose header counts the articles to
review and the earlier checks and whose rows on screen hold the newest loaded article.

Both databases are built directly through the store (no spaCy): invented sentences, 10 claims an article, plus
one article of 500 claims. Timings are taken with Textual's Pilot (headless), so they include the app's own
work and a refresh, not the terminal's drawing:

- first screen: from starting the app to the first frame of the article list with its rows
- each key: from pressing it to the first frame the app painted after it (the handler runs before the next
  frame, so this is handled, stored and drawn; Pilot's own waiting for idle is not counted), median of 30
  presses (nan: the key changed nothing on screen)
- verdict key: v on the 500-claim article, until the verdict is stored and shown (median and worst of 15)
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

from store import Store, content_hash  # noqa: E402

WORDS = ("flood river minister budget barrier crowns people evacuated valley bank loan parliament vote "
         "figure official count shelter village storm dam cost percent report agency governor").split()
CLOCK = "2026-05-10T09:00:00Z"


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 90_000):,}")
    return f"The {' '.join(words)} number {n}."


def build(path: Path, articles: int, per_article: int = 10, big: int = 500, seed: int = 7) -> None:
    rng = random.Random(seed)
    with Store(path, clock=lambda: CLOCK) as store:
        for index in range(articles):
            count = big if index == 0 else per_article
            sentences = [sentence(rng, index * 1000 + k) for k in range(count)]
            text = "HARBOUR, May 2 (Bench Wire) - " + " ".join(sentences)
            _insert(store, index, text, sentences, rng)
        store.db.execute("ANALYZE")


def _insert(store: Store, index: int, text: str, sentences: list[str], rng: random.Random) -> None:
    with store.transaction():
        cursor = store.db.execute(
            "INSERT INTO articles (title, source, published, text, content_hash, loaded_at) VALUES (?,?,?,?,?,?)",
            [f"Article {index}: {sentences[0][:50]}", rng.choice(["Bench Wire", "Other News", "Daily"]),
             f"2026-0{1 + index % 9}-1{index % 10}", text, content_hash(text), CLOCK])
        article_id, position, rows = cursor.lastrowid, text.index(" - ") + 3, []
        for s in sentences:
            start = text.index(s, position)
            position = start + len(s)
            status = rng.choice(("pending", "pending", "verified", "disputed"))
            rows.append((article_id, start, position, s, rng.random(), "quantity", "the minister", status, CLOCK))
        store.db.conn.executemany(
            'INSERT INTO claims (article_id, start, "end", text, score, type, speaker, status, created_at)'
            " VALUES (?,?,?,?,?,?,?,?,?)", rows)


async def measure(db: Path) -> dict[str, float]:
    from tui.app import ClaimdeskApp
    from tui.screens.article import ArticleScreen
    from tui.screens.article_list import ArticleListScreen, ArticleTable

    app = ClaimdeskApp(db_path=db, reviewer="bench", clock=lambda: CLOCK, auto_advance=False)
    painted = watch_paints(app)
    started = time.perf_counter()
    async with app.run_test(size=(120, 35)) as pilot:
        while not (isinstance(app.screen, ArticleListScreen) and app.screen.query_one(ArticleTable).row_count):
            await pilot.pause()
        await pilot.pause()
        figures = {"first screen (s)": painted[-1] - started}
        figures["list page down (ms)"] = await _presses(pilot, painted, "pagedown", 30)
        await pilot.press("home")
        figures["open 500-claim article (ms)"] = await _shown(pilot, painted, "enter")
        assert isinstance(app.screen, ArticleScreen) and len(app.screen.claims) == 500
        verdicts = [await _shown(pilot, painted, key) for key in "vj" * 15]
        figures["verdict key, median (ms)"] = statistics.median(verdicts[::2])
        figures["verdict key, worst (ms)"] = max(verdicts[::2])
        figures["next claim j (ms)"] = await _presses(pilot, painted, "j", 30)
        figures["article page down (ms)"] = await _presses(pilot, painted, "pagedown", 30)
    return figures


async def first_screen(db: Path | str, timeout: float = 300.0) -> float:
    """Seconds from starting the app on ``db`` to the first frame of the article list with its header counts and
    the newest article to review among the rows on screen (the first, when the queue is longer than a screen)."""
    from tui.app import ClaimdeskApp
    from tui.screens.article_list import ArticleListScreen, ArticleTable

    with Store(db) as store:
        queue = sorted(a.id for a in store.articles("review"))
    newest = queue[-1] if len(queue) <= 20 else queue[0]  # a long queue opens at its top: its first row, then
    app = ClaimdeskApp(db_path=db, reviewer="bench", auto_advance=False)
    painted = watch_paints(app)
    started = time.perf_counter()
    async with app.run_test(size=(120, 35)) as pilot:
        while not (isinstance(app.screen, ArticleListScreen) and "to review" in app.screen.sub_title
                   and _on_screen(app.screen.query_one(ArticleTable), newest)):
            if time.perf_counter() - started > timeout:
                raise SystemExit(f"the first screen of {db} did not show article {newest} in {timeout:.0f} s")
            await pilot.pause()
        await pilot.pause()
        return painted[-1] - started


def _on_screen(table, article_id: int) -> bool:
    top = int(table.scroll_y)
    return any(a.id == article_id for a in table.rows[top : top + max(table.size.height - 1, 0)])


def watch_paints(app) -> list[float]:
    """Record when the app hands a frame to the (headless) terminal."""
    painted: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        painted.append(time.perf_counter())

    app._display = timed_display
    return painted


async def _shown(pilot, painted: list[float], key: str) -> float:
    """From pressing a key to the first frame painted after it (handled, stored, drawn), in ms."""
    started = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    after = [t for t in painted if t >= started]
    return ((after[0] if after else float("nan")) - started) * 1000


async def _presses(pilot, painted: list[float], key: str, count: int) -> float:
    return statistics.median([await _shown(pilot, painted, key) for _ in range(count)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the databases in (reused if present)")
    parser.add_argument("--first-screen", metavar="DB", help="print the seconds to DB's first screen (a file or URL)")
    args = parser.parse_args()
    if args.first_screen:
        print(f"{asyncio.run(first_screen(args.first_screen)):.3f}")
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="claimdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in (10, args.articles):
        db = folder / f"bench-{size}.db"
        if not db.exists():
            started = time.perf_counter()
            build(db, size)
            print(f"built {db} ({size} articles) in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        with Store(db) as store:
            label = f"{store.article_count():,} art / {store.claim_count():,} claims"
        results[label] = asyncio.run(measure(db))
    labels = list(results)
    print(f"{'':32}" + "".join(f"{label:>32}" for label in labels))
    for metric in results[labels[0]]:
        print(f"{metric:32}" + "".join(f"{results[label][metric]:>32.3f}" for label in labels))


if __name__ == "__main__":
    main()
