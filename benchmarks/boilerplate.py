# ruff: noqa: I001 - `import tui` must come before anything that imports numpy
"""Boilerplate between loaded articles: links between boilerplate sentences before and after, in one run.

    .venv/bin/python benchmarks/boilerplate.py ../shared/data/politifact-articles/articles --count 16

Loads the first COUNT articles (sorted by file name) into two fresh databases: "before" with boilerplate
detection off (every sentence matched, as until now), "after" with it on (claims.match.boilerplate). For each it
prints the links stored, the "same claim" links, and the links between two boilerplate sentences, by two
definitions: (a) sentences matching the known notices and widgets (PATTERNS, independent of the detector) and
(b) sentences the "after" load marked as boilerplate (their texts). Then the sentences marked, with their copies.
"""

from __future__ import annotations

import tui  # noqa: F401 - first, so this process runs as `claimdesk` does: one BLAS thread (tui/__init__.py)
import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from claims.desk.load import Loader
from claims.extract.pipeline import Extractor
from claims.read.inputs import ReadOptions, list_inputs, read_inputs
from store import Store

PATTERNS = re.compile(
    r"flagged as part of facebook|share the facts|politifact rating|we rate (this|the|it)|click here for more"
    r"|six politifact ratings|ifcn|truth-o-meter", re.IGNORECASE)


def load(folder: str, count: int, db: Path, on: bool) -> tuple[float, Store]:
    inputs = sorted(list_inputs([folder], ReadOptions()))[:count]
    store = Store(db)
    start = time.perf_counter()
    for _ in Loader(store, Extractor(), find_boilerplate=on).load(read_inputs(inputs, ReadOptions())):
        pass
    return time.perf_counter() - start, store


def links(store: Store, boilerplate: set[str]) -> tuple[int, int, int, int]:
    rows = store.execute("SELECT l.kind, a.text, b.text FROM claim_links l JOIN claims a ON a.id = l.claim_id"
                         " JOIN claims b ON b.id = l.earlier_id")
    known = sum(bool(PATTERNS.search(a) and PATTERNS.search(b)) for _, a, b in rows)
    marked = sum(a in boilerplate and b in boilerplate for _, a, b in rows)
    return len(rows), sum(kind == "same" for kind, _, _ in rows), known, marked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--count", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seconds_before, before = load(args.folder, args.count, Path(tmp) / "before.db", on=False)
        seconds_after, after = load(args.folder, args.count, Path(tmp) / "after.db", on=True)
        marked = Counter(text for (text,) in after.execute("SELECT text FROM claims WHERE type = 'boilerplate'"))
        claims = after.execute("SELECT COUNT(*) FROM claims")[0][0]
        print(f"{args.count} articles, {claims} claims, {sum(marked.values())} marked boilerplate "
              f"({len(marked)} distinct sentences)")
        print(f"{'':8}{'links':>7}{'same':>7}{'known-bp':>10}{'marked-bp':>11}{'seconds':>9}")
        for name, store, seconds in (("before", before, seconds_before), ("after", after, seconds_after)):
            total, same, known, between = links(store, set(marked))
            print(f"{name:8}{total:>7}{same:>7}{known:>10}{between:>11}{seconds:>9.1f}")
        print("\nmarked as boilerplate (copies in this load):")
        for text, copies in marked.most_common():
            print(f"  {copies:>3}  {' '.join(text.split())[:110]}")
        missed = {a for (a,) in after.execute("SELECT text FROM claims WHERE type != 'boilerplate'")
                  if PATTERNS.search(a)}
        print(f"\nknown boilerplate patterns left as claims: {len(missed)}")
        for text in sorted(missed)[:15]:
            print(f"       {' '.join(text.split())[:110]}")
        before.close()
        after.close()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
