# ruff: noqa: I001 - `import tui` must come before anything that imports numpy
"""Load speed: the whole `claimdesk load` path (read, extract, store, match) against plain spaCy, in one run.

    .venv/bin/python benchmarks/load_speed.py ../shared/data/politifact-articles/articles
    .venv/bin/python benchmarks/load_speed.py DIR --workers default,0,1,2 --n-process 1,2
    taskset -c 0 .venv/bin/python benchmarks/load_speed.py DIR     # the same on one core

Baseline: `nlp.pipe` of the default en_core_web_sm pipeline (every component, as `spacy.load` gives it) over the
same texts, already read, model already loaded. Load: a fresh database, inputs read from disk, claims extracted
(trimmed pipeline + check-worthiness), stored one transaction per article and matched against the archive.
With --workers N extraction runs in N spawned processes beside the main one (their start-up, which loads the
model, is inside the timing); with 0 it runs in this process (model loaded before timing, as for the baseline);
"default" is what `claimdesk load` picks for these inputs on this machine (claims/load_workers.default_workers).
"command" times the real `claimdesk --db FRESH load DIR` as a subprocess: everything a user waits for, Python
start-up, imports and model loading included; it is compared with the baseline plus its own `spacy.load`.
Each row ends with the 1-minute load average when it finished (other processes share the cores).
"""

from __future__ import annotations

import tui  # noqa: F401 - first, so this process runs as `claimdesk` does: one BLAS thread (tui/__init__.py)
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claims.extract.pipeline import Extractor
from claims.desk.load import Loader
from claims.read.inputs import list_inputs, read_inputs
from claims.extract.nlp import resolve_model_name
from store import Store
from tui.cli.main import main as _cli  # noqa: F401 - registers the commands before cli_load is read
from claims.extract.workers import default_workers, usable_cores


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def plain_spacy(texts: list[str], n_process: int, batch_size: int) -> tuple[float, float]:
    """Seconds for ``nlp.pipe`` over the texts, and seconds ``spacy.load`` took before it."""
    import spacy

    start = time.perf_counter()
    nlp = spacy.load(resolve_model_name())
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - loaded, loaded - start


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


def command(folder: str) -> tuple[float, str]:
    """Wall time of the real `claimdesk load FOLDER` into a fresh database, and its summary line."""
    claimdesk = Path(sys.executable).with_name("claimdesk")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        done = subprocess.run([str(claimdesk), "--db", str(Path(tmp) / "cmd.db"), "load", folder],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        elapsed = time.perf_counter() - start
    return elapsed, (done.stderr.strip().splitlines() or ["(no output)"])[-1]


def row(name: str, seconds: float, articles: int, words: int, baseline: float | None) -> str:
    ratio = f"{seconds / baseline:5.2f}x" if baseline else "  1.00x"
    return (f"{name:<44} {seconds:7.1f} s {articles / seconds:8.2f} art/s {words / seconds:9.0f} words/s  {ratio}"
            f"  [load {os.getloadavg()[0]:.1f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default="../shared/data/politifact-articles/articles")
    parser.add_argument("--workers", default="default,0,1",
                        help="comma-separated extraction process counts to time; 'default': what the command picks")
    parser.add_argument("--n-process", default="1,2", help="comma-separated n_process values for the baseline")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--no-command", dest="command", action="store_false",
                        help="skip timing the real `claimdesk load` command")
    args = parser.parse_args()

    inputs = list_inputs([args.folder])
    texts = [d.text for d in read_inputs(inputs) if hasattr(d, "text")]
    words = sum(len(t.split()) for t in texts)
    default = default_workers(None, len(inputs))
    print(f"{len(texts)} articles, {words} words, model {resolve_model_name()}, {os.cpu_count()} cores "
          f"({usable_cores()} usable), default workers {default}, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    log("plain nlp.pipe ...")
    baselines = {n: plain_spacy(texts, n, 32) for n in map(int, args.n_process.split(","))}
    base, model_load = baselines[min(baselines)]
    for n, (seconds, _) in baselines.items():
        print(row(f"plain nlp.pipe n_process={n}", seconds, len(texts), words, base))
    log("extraction only ...")
    print(row("extract only (trimmed pipeline+scores)", extract_only(texts), len(texts), words, base))
    for name in args.workers.split(","):
        workers = default if name == "default" else int(name)
        label = f"workers={workers}" + (" (default)" if name == "default" else "")
        log(f"full load, {label} ...")
        seconds, storing, loaded, claims = full_load(args.folder, workers, args.batch_size)
        print(row(f"load {label} ({loaded} art, {claims} cl)", seconds, loaded, words, base)
              + f"  (store+match {storing:.1f} s)")
    if args.command:
        log("claimdesk load (the command) ...")
        seconds, summary = command(args.folder)
        print(row("plain spacy.load + nlp.pipe n_process=1", base + model_load, len(texts), words, base))
        print(row(f"claimdesk load (command, workers={default})", seconds, len(texts), words, base)
              + f"  = {seconds / (base + model_load):.2f}x of spacy.load+pipe; {summary}")


if __name__ == "__main__":
    main()
