"""An archive of up to 10^6 earlier fact-checks: import, size, cold and warm matching, and load, each next to a
baseline measured in the same run (exports hold the desk's own claims, none of an archive of earlier checks: their
speed is benchmarks/export_speed.py's, on loaded articles).

    python benchmarks/archive_scale.py ../shared/data                         # 10^5 and 10^6 rows
    python benchmarks/archive_scale.py ../shared/data --sizes 10000 --queries 40   # a quick run

The CSV (claim,title,rating,url,date,source) is built from real claim sentences (benchmarks/match_scale.py: the
real ones first, then sentences spliced from two real ones); titles are the claim's first words as a question,
dates in PolitiFact's, ISO and "21 Oct 2019" forms. Every command runs as its own process (GNU time gives wall
seconds and peak RSS), with $CLAIMDESK_INDEX_DIR in the work folder. Printed per size: `claimdesk import
--no-index` vs `sqlite-utils insert` of the same CSV into a plain table and its peak RSS; the same import again
(which adds nothing, then builds and keeps the match index, as a plain import does at its end); database and
index size. On the largest
size against a 1,000-check archive: a cold `claimdesk match TEXT` and a one-article `claimdesk load` (medians
of 3), the app's first screen (benchmarks/app_speed.py --first-screen, a process each, median of 3: the article
list with its header counts and the article just loaded on screen), warm queries through `claimdesk match -`
against a brute-force `fuzz.ratio` scan of the same texts (time a query, with the default --limit 5; recall: of
every claim the scan scores >= 80, the share `claimdesk match - --limit 100` returns; and, apart, how many of the
scan's top 5 are among the matcher's own top 5, which its ranking model orders by more than fuzz.ratio).

With --reuse, an archive already in the work folder (its database and its kept index) is used as it is and only
its sizes are printed (building 10^6 checks takes many minutes). --only runs some parts (import, match, load, screen):
e.g. `--only import` for the import figures alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from benchmarks.match_scale import edit, real_sentences, splice  # noqa: E402
from claims.match.normalise import fuzz_key  # noqa: E402
from store import Store  # noqa: E402

RATINGS = ("False", "Pants on Fire!", "Mostly False", "Half True", "Mostly True", "True", "Misleading")
SOURCES = ("PolitiFact", "FactCheck.org", "Full Fact", "AFP Fact Check", "Snopes")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ARTICLE = ROOT / "fixtures" / "articles" / "01-marren-floods-evacuation.txt"
PARTS = ("import", "match", "load", "screen")


def env(workdir: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMDESK_INDEX_DIR": str(workdir / "index"),
            "CLAIMDESK_CONFIG": str(workdir / "none.toml"), "CLAIMDESK_REVIEWER": "bench"}


def claimdesk(db: Path, *args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "claimdesk"), "--db", str(db), *args]


def measure(command: list[str], workdir: Path, stdin: str | None = None, output: Path | None = None,
            ) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of one process."""
    seconds, megabytes, _, stdout = measure_cpu(command, workdir, stdin, output)
    return seconds, megabytes, stdout


def measure_cpu(command: list[str], workdir: Path, stdin: str | None = None, output: Path | None = None,
                ) -> tuple[float, float, float, str]:
    """Wall seconds, peak RSS (MB), CPU seconds (user + system) and stdout of one process."""
    timer = shutil.which("time") or "/usr/bin/time"
    out = output.open("wb") if output else subprocess.PIPE
    try:
        result = subprocess.run([timer, "-f", "%e %M %U %S", *command], input=stdin.encode() if stdin else None,
                                stdout=out, stderr=subprocess.PIPE, env=env(workdir))
    finally:
        if output:
            out.close()
    stderr = result.stderr.decode(errors="replace")
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed: {stderr.strip()[-500:]}")
    seconds, kilobytes, user, system = stderr.strip().splitlines()[-1].split()
    stdout = "" if output else result.stdout.decode(errors="replace")
    return float(seconds), int(kilobytes) / 1024, float(user) + float(system), stdout


def write_csv(path: Path, size: int, real: list[str]) -> list[str]:
    """The CSV of ``size`` checks (made once, then reused); returns the claims."""
    rng = random.Random(size)
    claims = real[:size]
    while len(claims) < size:
        claims.append(splice(rng.choice(real), rng.choice(real), rng))
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="") as out:
            out.write("claim,title,rating,url,date,source\n")
            for n, claim in enumerate(claims):
                words = claim.split()
                title = " ".join(words[: rng.randint(4, 9)]).rstrip(".,;:") + "?"
                day, month, year = rng.randint(1, 28), rng.randrange(12), rng.randint(2007, 2024)
                date = (f"stated on {MONTHS[month]} {day}, {year} in a speech:", f"{year}-{month + 1:02d}-{day:02d}",
                        f"{day} {MONTHS[month][:3]} {year}")[n % 3]
                cells = [claim, title, RATINGS[n % len(RATINGS)], f"https://checks.example/{n}", date,
                         SOURCES[n % len(SOURCES)]]
                out.write(",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n")
        partial.replace(path)
    return claims


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6 if path.exists() else 0.0


def fresh(db: Path) -> None:
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()


def import_run(size: int, real: list[str], workdir: Path, reuse: bool = False, measure_import: bool = True,
               ) -> tuple[Path, list[str]]:
    csv_path = workdir / f"checks-{size}.csv"
    claims = write_csv(csv_path, size, real)
    db = workdir / f"archive-{size}.db"
    if (reuse or not measure_import) and db.exists():
        print_sizes(size, db, csv_path, workdir, "(reused) ")
        return db, claims
    plain = workdir / f"plain-{size}.db"
    plain.unlink(missing_ok=True)
    su, su_rss, _ = measure([str(Path(sys.executable).parent / "sqlite-utils"), "insert", str(plain), "checks",
                             str(csv_path), "--csv"], workdir)
    fresh(db)
    took, rss, _ = measure(claimdesk(db, "import", "--no-index", str(csv_path)), workdir)
    again, again_rss, _ = measure(claimdesk(db, "import", str(csv_path)), workdir)
    print(f"{size:>9,}  import {took:7.1f} s vs sqlite-utils insert {su:6.1f} s: {took / su:4.2f}x (target <= 5x)  "
          f"peak RSS {rss:6.0f} MB (sqlite-utils {su_rss:.0f} MB)")
    print(f"{size:>9,}  the same file again (adds nothing) and the match index built and kept: {again:6.1f} s, "
          f"peak RSS {again_rss:6.0f} MB")
    print_sizes(size, db, csv_path, workdir)
    return db, claims


def print_sizes(size: int, db: Path, csv_path: Path, workdir: Path, note: str = "") -> None:
    with Store(db) as store:
        archive_id = store.archive_id()
    index_mb, db_mb = folder_mb(workdir / "index" / archive_id), db.stat().st_size / 1e6
    print(f"{size:>9,}  {note}database {db_mb:7.0f} MB ({db_mb * 1e6 / size:,.0f} bytes a check, "
          f"{db_mb * 1e6 / size:,.0f} MB per 10^6); match index {index_mb:6.0f} MB = "
          f"{index_mb / (db_mb + index_mb):.0%} of database + index; CSV {csv_path.stat().st_size / 1e6:.0f} MB")


def median_run(command: list[str], workdir: Path, repeat: int = 3) -> float:
    return statistics.median(measure(command, workdir)[0] for _ in range(repeat))


def article_file(workdir: Path, tag: str) -> Path:
    path = workdir / f"article-{tag}-{time.time_ns()}.txt"
    path.write_text(ARTICLE.read_text(encoding="utf-8") + f"\n\nBenchmark run {tag} {time.time_ns()}.\n",
                    encoding="utf-8")
    return path


def cold_and_load(big: Path, small: Path, query: str, workdir: Path) -> None:
    cold_big = median_run(claimdesk(big, "match", query), workdir)
    cold_small = median_run(claimdesk(small, "match", query), workdir)
    print(f"cold `claimdesk match TEXT`: {cold_big:.2f} s vs {cold_small:.2f} s on 1,000 checks: "
          f"{cold_big / cold_small:.2f}x (target <= 1.5x)")
    load_big = statistics.median(measure(claimdesk(big, "load", str(article_file(workdir, "big"))), workdir)[0]
                                 for _ in range(3))
    load_small = statistics.median(measure(claimdesk(small, "load", str(article_file(workdir, "small"))),
                                           workdir)[0] for _ in range(3))
    print(f"one-article `claimdesk load`: {load_big:.2f} s vs {load_small:.2f} s on 1,000 checks: "
          f"{load_big / load_small:.2f}x (target <= 1.5x)")


def warm_queries(db: Path, claims: list[str], real: list[str], queries: int, brute: int, workdir: Path) -> None:
    rng = random.Random(7)
    asked = [edit(rng.choice(claims), rng) for _ in range(queries // 2)] + real[-(queries - queries // 2):]
    one, _, one_cpu, _ = measure_cpu(claimdesk(db, "match", "-", "--format", "jsonl"), workdir,
                                     stdin=asked[0] + "\n")
    many, _, many_cpu, out = measure_cpu(claimdesk(db, "match", "-", "--format", "jsonl"), workdir,
                                         stdin="\n".join(asked) + "\n")
    warm_ms, warm_cpu_ms = ((b - a) / (len(asked) - 1) * 1000 for a, b in ((one, many), (one_cpu, many_cpu)))
    top_found = found_per_query(out)
    picked = list(range(0, len(asked), max(1, len(asked) // brute)))[:brute]
    _, _, out = measure(claimdesk(db, "match", "-", "--format", "jsonl", "--limit", "100"), workdir,
                        stdin="\n".join(asked[at] for at in picked) + "\n")
    all_found = found_per_query(out)
    with Store(db) as store:
        ids, texts = zip(*((row[0], row[2]) for row in store.claim_texts()), strict=True)
    keys = [fuzz_key(t) for t in texts]
    started, started_cpu, wanted, kept, top_wanted, top_kept = time.perf_counter(), time.process_time(), 0, 0, 0, 0
    for n, at in enumerate(picked):
        scan = process.extract(fuzz_key(asked[at]), keys, scorer=fuzz.ratio, score_cutoff=80, limit=None,
                               processor=None)
        every, top = {ids[index] for _, _, index in scan}, {ids[index] for _, _, index in scan[:5]}
        wanted, kept = wanted + len(every), kept + len(every & all_found.get(n + 1, set()))
        top_wanted, top_kept = top_wanted + len(top), top_kept + len(top & top_found.get(at + 1, set()))
    brute_ms = (time.perf_counter() - started) / len(picked) * 1000
    brute_cpu_ms = (time.process_time() - started_cpu) / len(picked) * 1000
    print(f"warm `claimdesk match -`: {warm_ms:.1f} ms a query ({len(asked)} queries) vs brute-force fuzz.ratio "
          f"scan {brute_ms:.0f} ms: {brute_ms / warm_ms:.0f}x faster (target >= 20x); in CPU time (what a shared "
          f"machine's other work leaves out) {warm_cpu_ms:.1f} vs {brute_cpu_ms:.0f} ms: "
          f"{brute_cpu_ms / warm_cpu_ms:.0f}x")
    print(f"warm `claimdesk match -` recall of every claim the scan "
          f"scores >= 80: {kept / max(wanted, 1):.3f} of {wanted} (target >= 0.97); the scan's top 5 in the "
          f"matcher's top 5: {top_kept / max(top_wanted, 1):.3f} of {top_wanted}")


def found_per_query(out: str) -> dict[int, set[int]]:
    """`claimdesk match - --format jsonl` output: the claim ids found for each query (numbered from 1)."""
    found: dict[int, set[int]] = {}
    for line in out.splitlines():
        record = json.loads(line)
        found.setdefault(record["query"], set()).add(record["claim_id"])
    return found


def first_screens(big: Path, small: Path, workdir: Path) -> None:
    """The app's first screen on each archive (each in a new process), median of 3."""
    command = [sys.executable, str(ROOT / "benchmarks" / "app_speed.py"), "--first-screen"]
    times = {db: statistics.median(float(measure([*command, str(db)], workdir)[2]) for _ in range(3))
             for db in (big, small)}
    print(f"app first screen (article list, header counts, the loaded article on screen): {times[big]:.3f} s vs "
          f"{times[small]:.3f} s on 1,000 checks: {times[big] / times[small]:.2f}x (target <= 1.5x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the folder of the shared data sets (e.g. ../shared/data)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--small", type=int, default=1_000, help="the small archive of the cold comparisons")
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--brute", type=int, default=40, help="queries also scanned by brute force")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/claimdesk-archive-bench"))
    parser.add_argument("--reuse", action="store_true", help="use the archives already in the work folder")
    parser.add_argument("--only", type=lambda text: set(text.split(",")), default=set(PARTS),
                        help=f"comma-separated parts to run, of {','.join(PARTS)} (default: all)")
    args = parser.parse_args()
    if args.only - set(PARTS):
        parser.error(f"--only takes {', '.join(PARTS)}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        shutil.rmtree(args.workdir / "index", ignore_errors=True)
    real = real_sentences(args.data)
    print(f"{len(real):,} real sentences; work folder {args.workdir}")
    built = [import_run(size, real, args.workdir, args.reuse, "import" in args.only) for size in sorted(args.sizes)]
    big, claims = built[-1]
    if not args.only & {"match", "load", "screen"}:
        return
    small, _ = import_run(args.small, real, args.workdir, args.reuse)
    if "match" in args.only:
        warm_queries(big, claims, real, args.queries, args.brute, args.workdir)
    if "load" in args.only:
        cold_and_load(big, small, claims[len(claims) // 2], args.workdir)
    if "screen" in args.only:
        first_screens(big, small, args.workdir)


if __name__ == "__main__":
    main()
