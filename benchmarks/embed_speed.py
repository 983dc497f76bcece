"""What semantic matching costs: the sentence encoder's speed, and `claimdesk import` of the CheckThat! 2021 2B pool
(19,250 PolitiFact checks, with their titles) with and without embedding, each into a new archive.

    python benchmarks/embed_speed.py ../shared/data [--threads 1]

Prints: sentences/s encoding 1,000 pool claims (one thread, and every usable core), one query's latency p50/p95
(200 queries, one at a time), the import's wall time with --no-embed, with embedding (the default: 19,250 is
under the 50,000 cap), and `claimdesk embed` after the --no-embed import. The CSV is written to a temporary
folder (read where the data lies, never kept).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from claims.match.encoder import Encoder

CLI = [sys.executable, "-c", "import sys; from tui.cli.main import main; sys.argv[0] = 'claimdesk'; main()"]


def pool_csv(data: Path, out: Path) -> int:
    """The 2B pool as a fact-check CSV (claim, rating, url, speaker, date, title, source); returns its rows."""
    csv.field_size_limit(1 << 24)
    rows = 0
    with (data / "checkthat2021-task2b" / "vclaims.tsv").open(newline="", encoding="utf-8") as handle, \
            out.open("w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        writer.writerow(["claim", "rating", "url", "speaker", "date", "title", "source"])
        for row in csv.DictReader(handle, delimiter="\t"):
            writer.writerow([row["vclaim"], row["truth_label"], "https://www.politifact.com" + row["url"],
                             row["speaker"], row["date"], row["title"], "PolitiFact"])
            rows += 1
    return rows


def pool_claims(data: Path, count: int) -> list[str]:
    claims = []
    for name in ("checkthat2021-task2a", "checkthat2021-task2b"):
        with (data / name / "vclaims.tsv").open(newline="", encoding="utf-8") as handle:
            claims += [row["vclaim"] for row in csv.DictReader(handle, delimiter="\t") if row.get("vclaim")]
    return random.Random(0).sample(claims, count)


def encode_speed(claims: list[str], queries: list[str], threads: int) -> tuple[float, float, float]:
    encoder = Encoder(threads=threads)
    encoder.encode(["warm up"])
    started = time.perf_counter()
    encoder.encode(claims)
    rate = len(claims) / (time.perf_counter() - started)
    latencies = []
    for query in queries:
        started = time.perf_counter()
        encoder.encode([query])
        latencies.append((time.perf_counter() - started) * 1000)
    return rate, float(np.percentile(latencies, 50)), float(np.percentile(latencies, 95))


def timed(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    claims = pool_claims(args.data, 1200)
    for threads in sorted({1, cores}):
        rate, p50, p95 = encode_speed(claims[:1000], claims[1000:], threads)
        print(f"encoder, {threads} thread(s): {rate:.0f} sentences/s on 1,000 pool claims; one query p50 {p50:.1f} ms,"
              f" p95 {p95:.1f} ms", flush=True)
    if args.skip_import:
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "politifact.csv"
        rows = pool_csv(args.data, source)
        plain, said = timed("--db", str(Path(folder) / "plain.db"), "import", "--no-embed", str(source))
        print(f"import of {rows:,} checks --no-embed: {plain:.1f} s ({said.splitlines()[-1].strip()})", flush=True)
        later, said = timed("--db", str(Path(folder) / "plain.db"), "embed")
        print(f"then claimdesk embed: {later:.1f} s ({said})", flush=True)
        embedded, said = timed("--db", str(Path(folder) / "embedded.db"), "import", str(source))
        print(f"import of {rows:,} checks with embedding: {embedded:.1f} s ({said.splitlines()[-1].strip()}); "
              f"{embedded / plain:.1f}x the import without", flush=True)


if __name__ == "__main__":
    main()
