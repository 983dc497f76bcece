"""`claimdesk import` of the same file of earlier fact-checks into SQLite and into PostgreSQL, in the same run; with
``--baseline REV`` the same again with the code of an earlier commit, so a change is measured against what it
replaced on the same machine at the same moment.

    .venv/bin/python benchmarks/import_backends.py --url postgresql://postgres@127.0.0.1:5432/postgres
    .venv/bin/python benchmarks/import_backends.py --url … --checks 50000 --baseline 571824a --repeat 3

``--url`` names a server database the benchmark may create databases from (it makes and drops its own,
``claimdesk_bench_import``). The file is a CSV of ``--checks`` invented checks (claim, rating, url, date, source,
title on every other row, speaker). Each import is a process of its own, `claimdesk import --no-embed FILE` into a
new archive (``--embed`` lets the import embed them as by default, up to 50,000): reading, storing, and building
and keeping the match index. Runs go in turn (code, backend), ``--repeat`` times; printed per code: the median
seconds on each backend and PostgreSQL / SQLite, then each backend's new / baseline. ``claimdesk export --format
jsonl --all --with-articles`` of every archive (the moment of the import masked) must be the same, else it stops.
The baseline's code is taken with ``git archive REV`` into a temporary folder (no worktree, nothing checked out).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
NAME = "claimdesk_bench_import"
MOMENT = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
RUN = "import sys; from tui.cli.main import main; sys.argv[0] = 'claimdesk'; main()"
RATINGS = ("False", "True", "Half true", "Pants on fire", "Mostly false", "kinda")


def write_checks(path: Path, size: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["claim", "rating", "url", "date", "source", "title", "speaker"])
        writer.writerows([f"The port of Harbour {n} handled {n * 37 % 9000} tonnes of grain in {1990 + n % 35}.",
                          RATINGS[n % len(RATINGS)], f"https://checks.example/{n}", f"20{10 + n % 15}-05-02",
                          f"Harbour Checks {n % 7}", f"Harbour {n}: the grain figure" if n % 2 else "",
                          f"Mayor {n % 100}"] for n in range(size))


def new_database(server: str) -> str:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {NAME}")
    return server.rsplit("/", 1)[0] + "/" + NAME


def drop_database(server: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")


def claimdesk(code: Path, workdir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(code), "CLAIMDESK_INDEX_DIR": str(workdir / "index"),
           "CLAIMDESK_CACHE_DIR": str(workdir / "cache"), "CLAIMDESK_CONFIG": str(workdir / "none.toml")}
    done = subprocess.run([sys.executable, "-c", RUN, *args], env=env, cwd=code, capture_output=True)
    if done.returncode:
        raise SystemExit(f"claimdesk {' '.join(args)} failed: {done.stderr.decode(errors='replace')[-1500:]}")
    return done


def timed_import(code: Path, backend: str, server: str, checks: Path, workdir: Path, embed: bool,
                 ) -> tuple[float, str | None]:
    """Seconds of one `claimdesk import` into a new archive; the digest of its export (first run only)."""
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    db = str(workdir / "archive.db") if backend == "SQLite" else new_database(server)
    started = time.perf_counter()
    claimdesk(code, workdir, "--db", db, "import", *([] if embed else ["--no-embed"]), str(checks))
    seconds = time.perf_counter() - started
    out = claimdesk(code, workdir, "--db", db, "export", "--format", "jsonl", "--all", "--with-articles").stdout
    return seconds, hashlib.sha256(MOMENT.sub(b"<when>", out)).hexdigest()


def baseline_code(rev: str, into: Path) -> Path:
    """The files of commit ``rev`` (git archive), in ``into``."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="a PostgreSQL database URL to create the benchmark's from")
    parser.add_argument("--checks", type=int, default=50_000)
    parser.add_argument("--baseline", metavar="REV", help="also time the code of this commit (e.g. 571824a)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--embed", action="store_true", help="let the import embed the checks (default: --no-embed)")
    args = parser.parse_args()
    temp = Path(tempfile.mkdtemp(prefix="claimdesk-import-"))
    try:
        checks = temp / "checks.csv"
        write_checks(checks, args.checks)
        codes = {"this tree": ROOT}
        if args.baseline:
            codes[args.baseline] = baseline_code(args.baseline, temp / "baseline")
        times: dict[tuple[str, str], list[float]] = {}
        digests: dict[tuple[str, str], str] = {}
        for _ in range(args.repeat):
            for label, code in codes.items():
                for backend in ("PostgreSQL", "SQLite"):
                    seconds, digest = timed_import(code, backend, args.url, checks, temp / "work", args.embed)
                    times.setdefault((label, backend), []).append(seconds)
                    digests[(label, backend)] = digest
                    print(f"  {label:10} {backend:10} {seconds:8.2f} s", file=sys.stderr)
        if len(set(digests.values())) != 1:
            raise SystemExit(f"the archives' exports differ: {digests}")
        print(f"`claimdesk import{'' if args.embed else ' --no-embed'}` of {args.checks:,} earlier checks "
              f"(median of {args.repeat}; every archive's export the same):")
        median = {key: statistics.median(value) for key, value in times.items()}
        for label in codes:
            pg, lite = median[(label, "PostgreSQL")], median[(label, "SQLite")]
            print(f"  {label:12} PostgreSQL {pg:8.2f} s  SQLite {lite:8.2f} s  ratio {pg / lite:5.2f}x")
        if args.baseline:
            for backend in ("PostgreSQL", "SQLite"):
                new, old = median[("this tree", backend)], median[(args.baseline, backend)]
                print(f"  {backend:12} this tree / {args.baseline}: {new:.2f} / {old:.2f} s = {new / old:5.2f}x")
    finally:
        drop_database(args.url)
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()
