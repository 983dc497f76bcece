"""The team archive: the same work on PostgreSQL and on SQLite, each figure next to SQLite's in the same run.

    .venv/bin/python benchmarks/team_archive.py --url postgresql://postgres@127.0.0.1:5432/postgres
    .venv/bin/python benchmarks/team_archive.py --url … --articles 10000 --writers 6 --seconds 20 --match 1000000

``--url`` names a server database the benchmark may create databases from (it makes and drops its own,
``claimdesk_bench_*``). Printed:

- six (``--writers``) processes marking claims at once on one archive for ``--seconds``: decisions made, errors,
  and whether every decision reported is in the history (PostgreSQL, then SQLite);
- the review app on the same archive of ``--articles`` articles (10 claims each, 10^5 claims by default, built
  through the store: benchmarks/app_speed.py): first screen (in a process of its own, median of 3, and in the
  benchmark's process), a verdict key stored and shown (median and worst), opening a 500-claim article,
  PostgreSQL against SQLite as a ratio;
- ``--match`` earlier checks (a CSV of invented check sentences) brought in by ``claimdesk import``, then a cold
  ``claimdesk match TEXT`` process and the warm queries of one ``claimdesk match -`` process, on both.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.app_speed import build, measure  # noqa: E402
from store import NewClaim, Store, content_hash  # noqa: E402
from store.postgres import close_idle  # noqa: E402

CLAIMDESK = Path(sys.executable).with_name("claimdesk")
WRITER = r"""
import random, sys, time
from store import Store
location, name, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
rng, errors = random.Random(name), 0
with Store(location) as store:
    ids = [c.id for c in store.claims()]
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        claim_id, status, note = rng.choice(ids), rng.choice(["verified", "disputed", "unverified"]), f"{name}-{n}"
        try:
            store.decide(claim_id, status, name, note=note)
        except Exception as error:
            errors += 1
            print("ERROR", error, file=sys.stderr, flush=True)
            continue
        print(claim_id, status, note, flush=True)
        n += 1
"""


def database(server: str, name: str) -> str:
    """A fresh database ``name`` on the server of ``server`` (dropped first if it is there); its URL."""
    close_idle()
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def small_archive(location: str | Path, articles: int = 8, per_article: int = 8) -> None:
    with Store(location) as store:
        for a in range(articles):
            text = " ".join(f"Claim {a}.{n}: the port handled {n * 1000 + a} tonnes." for n in range(per_article))
            with store.transaction():
                article_id = store.insert_article(f"Port report {a}", text, content_hash(text), "Harbour Wire")
                step = len(text) // per_article
                store.insert_claims(article_id, [NewClaim(text[s:s + 40], s, s + 40)
                                                 for s in range(0, len(text) - 40, step)])


def writers(location: str | Path, count: int, seconds: float) -> tuple[int, int, bool]:
    """Decisions made, errors, and whether every decision reported is in the history."""
    small_archive(location)
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(location), f"writer{n}", str(seconds)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}) for n in range(count)]
    reported, errors = set(), 0
    for n, proc in enumerate(procs):
        out, err = proc.communicate(timeout=seconds * 10 + 120)
        errors += err.count("ERROR") + (proc.returncode != 0)
        reported |= {(f"writer{n}", *line.split()) for line in out.splitlines()}
    with Store(location) as store:
        history = {(h.reviewer, str(h.claim_id), h.to_status, h.note)
                   for c in store.claims() for h in store.history(c.id)}
    return len(reported), errors, reported <= history


def first_screens(location: str | Path, repeat: int = 3) -> float:
    """The median seconds to the app's first screen (benchmarks/app_speed.py --first-screen), a process each."""
    times = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "app_speed.py"), "--first-screen",
                               str(location)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        if done.returncode:
            raise SystemExit(f"the first screen of {location} failed: {done.stderr.strip()[-1500:]}")
        times.append(float(done.stdout.split()[-1]))
    return statistics.median(times)


def match_times(location: str | Path, size: int, workdir: Path) -> tuple[float, float, float]:
    """`claimdesk import` of ``size`` earlier checks (seconds), a cold `claimdesk match TEXT` (seconds) and the
    median warm query of one `claimdesk match -` process (ms)."""
    workdir.mkdir(parents=True, exist_ok=True)
    sentences = [f"The port of Harbour {n} handled {n * 37 % 9000} tonnes of grain in {1990 + n % 35}."
                 for n in range(size)]
    pool = workdir / "checks.csv"
    with pool.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["claim", "rating", "url", "date", "source"])
        writer.writerows([s, "False", f"https://checks.example/{n}", "2021-05-02", "Harbour Checks"]
                         for n, s in enumerate(sentences))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMDESK_INDEX_DIR": str(workdir / "index"),
           "CLAIMDESK_CONFIG": str(workdir / "none.toml")}
    started = time.perf_counter()
    subprocess.run([str(CLAIMDESK), "--db", str(location), "import", str(pool)], env=env, capture_output=True,
                   check=True)
    imported = time.perf_counter() - started
    query = "The port of Harbour 12 handled 444 tonnes of grain in 2002."
    started = time.perf_counter()
    subprocess.run([str(CLAIMDESK), "--db", str(location), "match", query], env=env, capture_output=True, check=True)
    cold = time.perf_counter() - started
    queries = "\n".join(sentences[n * 997 % size].replace("port", "harbour") for n in range(200)) + "\n"
    started = time.perf_counter()
    subprocess.run([str(CLAIMDESK), "--db", str(location), "match", "-"], input=queries, env=env, text=True,
                   capture_output=True, check=True)
    warm = (time.perf_counter() - started - cold) / 200 * 1000
    return imported, cold, warm


def query_times(location: str | Path, queries: list[str], workdir: Path) -> tuple[float, float]:
    """On an archive already built: a cold `claimdesk match TEXT` (median of 3, seconds; the first run, which may
    build the index, not counted) and the median warm query of one `claimdesk match -` process (ms)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMDESK_INDEX_DIR": str(workdir / "index"),
           "CLAIMDESK_CONFIG": str(workdir / "none.toml")}
    command = [str(CLAIMDESK), "--db", str(location), "match"]
    subprocess.run([*command, queries[0]], env=env, capture_output=True, check=True)
    colds = []
    for query in queries[1:4]:
        started = time.perf_counter()
        subprocess.run([*command, query], env=env, capture_output=True, check=True)
        colds.append(time.perf_counter() - started)
    cold = statistics.median(colds)
    started = time.perf_counter()
    subprocess.run([*command, "-"], input="\n".join(queries) + "\n", env=env, text=True, capture_output=True,
                   check=True)
    return cold, (time.perf_counter() - started - cold) / len(queries) * 1000


def archive_match(path: Path, url: str, workdir: Path, count: int = 200) -> None:
    """`claimdesk match` on an archive (e.g. benchmarks/archive_scale.py's 10^6 one) and on its copy at ``url``."""
    with Store(path) as store:
        total = store.claim_count()
        texts = [text for _, _, text, _ in store.earlier_check_texts(batch=10_000)][:: max(1, total // count)]
    queries = [text.replace(" the ", " a ", 1) for text in texts[:count]]
    print(f"\nclaimdesk match at {total:,} claims (the same archive on both, {len(queries)} queries):")
    results = {label: query_times(location, queries, workdir / label)
               for label, location in (("PostgreSQL", url), ("SQLite", path))}
    names = ("cold `match TEXT` (s)", "warm `match -` query (ms)")
    for metric, pg, lite in zip(names, results["PostgreSQL"], results["SQLite"], strict=True):
        print(f"  {metric:30} PostgreSQL {pg:9.3f}  SQLite {lite:9.3f}  ratio {pg / lite:5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="a PostgreSQL database URL to create the benchmark's from")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--match", type=int, default=100_000, help="earlier checks for the match timings (0: skip)")
    parser.add_argument("--skip-writers", action="store_true", help="leave out the writers' run")
    parser.add_argument("--skip-app", action="store_true", help="leave out the app's run")
    parser.add_argument("--match-archive", nargs=2, metavar=("DB", "URL"),
                        help="also time matching on an archive already built and on its `claimdesk copy` at URL")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="claimdesk-team-"))

    if not args.skip_writers:
        print(f"{args.writers} processes marking claims for {args.seconds:.0f} s on one archive:")
        for label, location in (("PostgreSQL", database(args.url, "claimdesk_bench_writers")),
                                ("SQLite", workdir / "writers.db")):
            made, errors, kept = writers(location, args.writers, args.seconds)
            print(f"  {label:10}  {made:6d} decisions, {errors} errors, every one in the history: {kept}")

    if args.match_archive:
        archive_match(Path(args.match_archive[0]), args.match_archive[1], workdir)
    if args.skip_app:
        return
    print(f"\nthe review app, {args.articles:,} articles / {args.articles * 10:,} claims (+ one of 500):")
    figures = {}
    for label, location in (("PostgreSQL", database(args.url, "claimdesk_bench_app")), ("SQLite", workdir / "app.db")):
        started = time.perf_counter()
        build(location, args.articles)
        print(f"  built on {label} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        figures[label] = asyncio.run(measure(location))
        figures[label]["first screen, a process (s)"] = first_screens(location)
    for metric in ("first screen, a process (s)", "first screen (s)", "verdict key, median (ms)",
                   "verdict key, worst (ms)", "open 500-claim article (ms)"):
        pg, lite = figures["PostgreSQL"][metric], figures["SQLite"][metric]
        print(f"  {metric:30} PostgreSQL {pg:9.3f}  SQLite {lite:9.3f}  ratio {pg / lite:5.2f}x")

    if not args.match:
        return
    print(f"\nclaimdesk match at {args.match:,} earlier checks:")
    results = {}
    for label, location in (("PostgreSQL", database(args.url, "claimdesk_bench_match")),
                            ("SQLite", workdir / "match.db")):
        results[label] = match_times(location, args.match, workdir / label)
    names = ("`claimdesk import` (s)", "cold `match TEXT` (s)", "warm `match -` query (ms)")
    for metric, pg, lite in zip(names, results["PostgreSQL"], results["SQLite"], strict=True):
        print(f"  {metric:30} PostgreSQL {pg:9.3f}  SQLite {lite:9.3f}  ratio {pg / lite:5.2f}x")


if __name__ == "__main__":
    main()
