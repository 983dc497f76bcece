"""Export speed and memory: `claimdesk export` (CSV, JSON Lines) next to `sqlite3 -csv` dumping the same rows.

    .venv/bin/python benchmarks/export_speed.py [--rows 100000 1000000] [--workdir /tmp/claimdesk-export-bench]

For each size it builds (once, then reuses) a synthetic database: articles of 10 claims, a third of the claims
decided with a history row, half of them matched to an earlier claim. Each exporter runs as its own process;
the script prints wall time and the process's peak resident memory (GNU time's %M). Flat memory means the
peak does not grow with the number of rows.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store import Store  # noqa: E402

SAME_ROWS_SQL = (
    "SELECT v.* FROM verdicts v JOIN claims c ON c.id = v.claim_id ORDER BY c.article_id, c.start, c.id"
)
STATUSES = ("verified", "disputed", "unverified")


def build(path: Path, rows: int) -> None:
    """A database of ``rows`` claims, made with plain SQL in one transaction per 10,000 articles."""
    if path.exists():
        return
    partial = path.with_name(path.name + ".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    with Store(partial) as store:
        for first in range(0, rows // 10, 10_000):
            with store.transaction():
                _add_articles(store, first, min(first + 10_000, rows // 10))
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.replace(path)


def _add_articles(store, first: int, last: int) -> None:
    now = "2026-05-10T09:00:00Z"
    db = store.db.conn
    db.executemany(
        "INSERT INTO articles (id, title, source, url, published, text, content_hash, loaded_at) VALUES"
        " (?, ?, ?, ?, '2026-05-01', ?, ?, ?)",
        [(a + 1, f"Article {a}", f"Source {a % 7}", f"https://news.example/{a}",
          f"Body of article {a}. " * 40, f"hash-{a}", now) for a in range(first, last)],
    )
    claims = [(a * 10 + k + 1, a + 1, k * 80, k * 80 + 70,
               f"Officials said {a * 10 + k} people left the {k}th district, a rise of {k}%.", now)
              for a in range(first, last) for k in range(10)]
    db.executemany('INSERT INTO claims (id, article_id, start, "end", text, score, type, speaker, created_at)'
                   " VALUES (?, ?, ?, ?, ?, 0.7, 'quantity', 'the ministry', ?)", claims)
    decided = [(STATUSES[c[0] % 3], f"note {c[0]}", "ana", now, c[0]) for c in claims if c[0] % 3 == 0]
    db.executemany("UPDATE claims SET status = ?, note = ?, reviewer = ?, reviewed_at = ? WHERE id = ?", decided)
    db.executemany("INSERT INTO claim_history (claim_id, at, reviewer, from_status, to_status, note)"
                   " VALUES (?, ?, ?, 'pending', ?, ?)", [(d[4], now, "ana", d[0], d[1]) for d in decided])
    db.executemany("INSERT INTO claim_links (claim_id, earlier_id, score, kind) VALUES (?, ?, 80.0, 'related')",
                   [(c[0], c[0] - 10) for c in claims if c[0] > 10 and c[0] % 2 == 0])


def measure(command: list[str], output: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process writing to ``output``, measured by /usr/bin/time (a child
    started from this Python process would report this process's memory as its own high-water mark)."""
    timer = shutil.which("time") or "/usr/bin/time"
    with output.open("wb") as out:
        result = subprocess.run([timer, "-f", "%e %M", *command], stdout=out, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {result.stderr.strip()}")
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024


def exporters(db: Path) -> dict[str, list[str]]:
    claimdesk = [str(Path(sys.executable).parent / "claimdesk"), "--db", str(db), "export"]
    found = {
        "claimdesk export (csv)": claimdesk,
        "claimdesk export --format jsonl": claimdesk + ["--format", "jsonl"],
    }
    if shutil.which("sqlite3"):
        found["sqlite3 -csv (same rows, baseline)"] = ["sqlite3", "-csv", "-header", str(db), SAME_ROWS_SQL]
    return found


def run(sizes: list[int], workdir: Path) -> None:
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"{'rows':>9}  {'exporter':<36} {'seconds':>8} {'rows/s':>10} {'peak MB':>8} {'file MB':>8}")
    for rows in sizes:
        db = workdir / f"export-{rows}.db"
        started = time.perf_counter()
        build(db, rows)
        print(f"{rows:>9}  (database ready in {time.perf_counter() - started:.1f}s, "
              f"{db.stat().st_size / 1e6:.0f} MB)")
        for name, command in exporters(db).items():
            output = workdir / "out.txt"
            seconds, peak = measure(command, output)
            print(f"{rows:>9}  {name:<36} {seconds:>8.2f} {rows / seconds:>10,.0f} {peak:>8.1f} "
                  f"{output.stat().st_size / 1e6:>8.1f}")
            output.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/claimdesk-export-bench"))
    args = parser.parse_args()
    run(args.rows, args.workdir)


if __name__ == "__main__":
    main()
