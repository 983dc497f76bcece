"""Match speed at scale: p50/p95 latency, recall against a brute-force fuzz.ratio scan, build time, memory.

    .venv/bin/python benchmarks/match_scale.py ../shared/data                  # 10^4, 10^5, 10^6 claims
    .venv/bin/python benchmarks/match_scale.py ../shared/data --sizes 10000 --queries 100
    .venv/bin/python benchmarks/match_scale.py ../shared/data --sizes 100000 --titles 1   # every claim titled

The archive is made from real sentences (ClaimBuster debate sentences, CheckThat! verified claims, debate
transcripts, PolitiFact articles): the real ones first, then new sentences spliced from two real ones (the
start of one, the end of another, numbers redrawn), so the vocabulary and its long tail are real. Queries:
half are edited archive claims (a word dropped or swapped, a number changed), half are held-out real
sentences. Recall against a brute-force `fuzz.ratio` scan (on the same normalised text), per --thresholds T:
"candidates", of ALL the claims the scan scores >= T, the share the Matcher re-ranks; "search", of the scan's
top --limit claims scoring >= T (what a brute-force matcher with the same limit would show), the share
`Matcher.search(limit=--limit)` returns with its default thresholds. With --titles F, that share of the claims
also gets a title (as an imported fact-check's headline: Matcher.add_title), spliced from the claim's start and
another real sentence, so each titled claim has a second slot sharing some of its words.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from claims.match.matcher import Matcher
from claims.match.normalise import fuzz_key

csv.field_size_limit(10**8)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def tsv_column(path: Path, column: int, header: bool = True) -> Iterator[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle, delimiter="\t")
        if header:
            next(rows, None)
        yield from (row[column] for row in rows if len(row) > column)


def real_sentences(data: Path) -> list[str]:
    found: list[str] = []
    with (data / "claimbuster" / "crowdsourced.csv").open(newline="", encoding="utf-8") as handle:
        found += [row["Text"] for row in csv.DictReader(handle)]
    found += tsv_column(data / "checkthat2020-task2" / "verified_claims.docs.tsv", 1)
    found += tsv_column(data / "checkthat2021-task2a" / "vclaims.tsv", 1)
    found += tsv_column(data / "checkthat2021-task2b" / "vclaims.tsv", 1)
    for transcript in sorted((data / "checkthat2021-task2b").glob("*/transcripts/*.tsv")):
        found += tsv_column(transcript, 2, header=False)
    for article in sorted((data / "politifact-articles" / "articles").glob("*.txt")):
        found += _SENTENCE.split(" ".join(article.read_text(encoding="utf-8").split()))
    unique = dict.fromkeys(s.strip() for s in found if 6 <= len(s.split()) <= 60)
    return list(unique)


def redraw_number(word: str, rng: random.Random) -> str:
    return str(rng.randint(2, 99_999)) if any(c.isdigit() for c in word) else word


def splice(a: str, b: str, rng: random.Random) -> str:
    first, second = a.split(), b.split()
    head = first[: rng.randint(3, max(3, len(first) - 2))]
    tail = second[rng.randint(1, max(1, len(second) - 3)) :]
    return " ".join(redraw_number(w, rng) if rng.random() < 0.5 else w for w in head + tail)


def edit(sentence: str, rng: random.Random) -> str:
    """A near copy: a number changed, a word dropped, or two neighbouring words swapped."""
    words = sentence.split()
    at = rng.randrange(len(words))
    action = rng.choice(("number", "drop", "swap"))
    if action == "number" and any(any(c.isdigit() for c in w) for w in words):
        return " ".join(redraw_number(w, rng) for w in words)
    if action == "swap" and at + 1 < len(words):
        words[at], words[at + 1] = words[at + 1], words[at]
        return " ".join(words)
    return " ".join(words[:at] + words[at + 1 :])


def make_archive(real: list[str], size: int, rng: random.Random) -> list[str]:
    archive = real[:size]
    while len(archive) < size:
        archive.append(splice(rng.choice(real), rng.choice(real), rng))
    return archive


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def percentiles(values: list[float]) -> str:
    return f"p50 {np.percentile(values, 50):7.1f} ms  p95 {np.percentile(values, 95):7.1f} ms"


def run(size: int, real: list[str], held_out: list[str], args: argparse.Namespace) -> None:
    rng = random.Random(size)
    archive = make_archive(real, size, rng)
    half = args.queries // 2
    queries = [edit(rng.choice(archive), rng) for _ in range(half)] + held_out[:half]
    before, start = rss_mb(), time.perf_counter()
    matcher = Matcher()
    for n, text in enumerate(archive):
        matcher.add(n, n // 20, text)
        if n and n % 200_000 == 0:
            log(f"  {size}: {n} claims indexed")
    titled = int(size * args.titles)
    matcher.add_titles((n, splice(archive[n], rng.choice(real), rng)) for n in range(titled))
    build, memory = time.perf_counter() - start, rss_mb() - before
    latencies, hits = [], []
    for query in queries:
        t = time.perf_counter()
        hits.append(matcher.search(query, limit=args.limit))
        latencies.append((time.perf_counter() - t) * 1000)
    searched = rss_mb() - before
    print(f"\n{size:>9,} claims ({titled:,} with a title): build {build:6.1f} s, memory +{memory:6.0f} MB (RSS), "
          f"+{searched:6.0f} MB after {len(queries)} searches (caches filled)")
    print(f"  index  {percentiles(latencies)}")
    half, picked = len(queries) // 2, list(range(args.brute // 2))
    picked += [half + i for i in picked]
    brute_force(matcher, archive, [queries[i] for i in picked], [hits[i] for i in picked], args)


def brute_force(matcher: Matcher, archive: list[str], queries: list[str], hits: list, args) -> None:
    keys = [fuzz_key(t) for t in archive]
    low = min(args.thresholds)
    latencies, scans = [], []
    for query in queries:
        t = time.perf_counter()
        scans.append(process.extract(fuzz_key(query), keys, scorer=fuzz.ratio, score_cutoff=low, limit=None,
                                     processor=None))
        latencies.append((time.perf_counter() - t) * 1000)
    print(f"  brute-force fuzz.ratio scan  {percentiles(latencies)}  ({len(queries)} queries)")
    candidates = [{c.claim_id for c, _ in matcher.signals(q)} for q in queries]
    for threshold in sorted(args.thresholds):
        targets = [{index for _, score, index in scan if score >= threshold} for scan in scans]
        tops = [{index for _, score, index in scan[: args.limit] if score >= threshold} for scan in scans]
        wanted, top_wanted = sum(map(len, targets)) or 1, sum(map(len, tops)) or 1
        in_candidates = sum(len(t & c) for t, c in zip(targets, candidates, strict=True))
        in_results = sum(len(t & {h.claim_id for h in found}) for t, found in zip(tops, hits, strict=True))
        print(f"  recall vs brute force at fuzz.ratio >= {threshold:g}: candidates {in_candidates / wanted:.3f} "
              f"of all {wanted}; search(limit={args.limit}) {in_results / top_wanted:.3f} of the scan's top "
              f"{args.limit} ({top_wanted})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the folder of the shared data sets (e.g. ../shared/data)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--brute", type=int, default=100, help="queries also scanned by brute force")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[60.0, 70.0, 80.0, 90.0],
                        help="fuzz.ratio thresholds for recall")
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--titles", type=float, default=0.0, help="the share of claims given a title too (0-1)")
    args = parser.parse_args()
    sentences = real_sentences(args.data)
    random.Random(7).shuffle(sentences)
    held_out, real = sentences[: args.queries], sentences[args.queries :]
    log(f"{len(real)} real sentences for the archive, {len(held_out)} held out as queries")
    for size in args.sizes:
        run(size, real, held_out, args)


if __name__ == "__main__":
    main()
