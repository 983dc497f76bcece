"""Load speed: the whole `claimdesk load` path (read, extract, store, match) against plain spaCy, in one run.

    .venv/bin/python benchmarks/load_speed.py ../shared/data/politifact-articles/articles
    .venv/bin/python benchmarks/load_speed.py DIR --workers 0,1,2 --n-process 1,2

Baseline: `nlp.pipe` of the default en_core_web_sm pipeline (every component, as `spacy.load` gives it) over the
same texts, already read, model already loaded. Load: a fresh database, inputs read from disk, claims extracted
(trimmed pipeline + check-worthiness), stored one transaction per article and matched against the archive.
With --workers N extraction runs in N spawned processes beside the main one (their start-up, which loads the
model, is inside the timing); with 0 it runs in this process (model loaded before timing, as for the baseline).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from claims.extractor import Extractor
from claims.ingest import Loader
from claims.inputs import list_inputs, read_inputs
from claims.nlp import resolve_model_name
from store import Store


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def plain_spacy(texts: list[str], n_process: int, batch_size: int) -> float:
    import spacy

    nlp = spacy.load(resolve_model_name())
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def extract_only(texts: list[str]) -> float:
    extractor = Extractor()
    _ = extractor.nlp, extractor.threshold
    start = time.perf_counter()
    for _ in extractor.extract_many(texts):
        pass
    return time.perf_counter() - start


class TimedLoader(Loader):
    """A Loader that adds up the time spent storing and matching (the rest is reading and extraction)."""

    storing = 0.0

    def _insert(self, draft, found):
        start = time.perf_counter()
        try:
            return super()._insert(draft, found)
        finally:
            self.storing += time.perf_counter() - start


def full_load(folder: str, workers: int, batch_size: int) -> tuple[float, float, int, int]:
    extractor = Extractor()
    if workers == 0:
        _ = extractor.nlp, extractor.threshold
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        start = time.perf_counter()
        drafts = read_inputs(list_inputs([folder]))
        loader = TimedLoader(store, extractor, workers=workers)
        results = list(loader.load(drafts, batch_size=batch_size))
        elapsed = time.perf_counter() - start
    loaded = [r for r in results if r.status == "loaded"]
    return elapsed, loader.storing, len(loaded), sum(r.claims for r in loaded)


def row(name: str, seconds: float, articles: int, words: int, baseline: float | None) -> str:
    ratio = f"{seconds / baseline:5.2f}x" if baseline else "  1.00x"
    return f"{name:<38} {seconds:7.1f} s {articles / seconds:8.2f} art/s {words / seconds:9.0f} words/s  {ratio}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default="../shared/data/politifact-articles/articles")
    parser.add_argument("--workers", default="0,1", help="comma-separated extraction process counts to time")
    parser.add_argument("--n-process", default="1,2", help="comma-separated n_process values for the baseline")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    texts = [d.text for d in read_inputs(list_inputs([args.folder])) if hasattr(d, "text")]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words, model {resolve_model_name()}, {os.cpu_count()} cores")
    log("plain nlp.pipe ...")
    baselines = {n: plain_spacy(texts, n, 32) for n in map(int, args.n_process.split(","))}
    base = baselines[min(baselines)]
    for n, seconds in baselines.items():
        print(row(f"plain nlp.pipe n_process={n}", seconds, len(texts), words, base))
    log("extraction only ...")
    print(row("extract only (trimmed pipeline+scores)", extract_only(texts), len(texts), words, base))
    for workers in map(int, args.workers.split(",")):
        log(f"full load, workers={workers} ...")
        seconds, storing, loaded, claims = full_load(args.folder, workers, args.batch_size)
        print(row(f"load workers={workers} ({loaded} art, {claims} claims)", seconds, loaded, words, base)
              + f"   (store+match {storing:.1f} s)")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other processes share the cores)")


if __name__ == "__main__":
    main()
