# ruff: noqa: I001 - `import tui` must come before anything that imports numpy
"""Conflicts found at load: how many per article, and a sample to read.

    .venv/bin/python benchmarks/conflicts.py ../shared/data/politifact-articles/articles --count 100 --show 20
    .venv/bin/python benchmarks/conflicts.py ../shared/seed/kabul-wire-article.txt

Loads the inputs into a fresh database (the real `claimdesk load` path: extraction, boilerplate, matching,
conflicts) and prints the number of conflicts per article (how many articles have 0, 1, 2, ... of them), the
total by kind, and SHOW conflicts drawn at random (seed 17) with both texts, for a person to judge.
"""

from __future__ import annotations

import tui  # noqa: F401 - first, so this process runs as `claimdesk` does: one BLAS thread (tui/__init__.py)
import argparse
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from claims.desk.load import Loader
from claims.extract.pipeline import Extractor
from claims.read.inputs import ReadOptions, list_inputs, read_inputs
from store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--show", type=int, default=20)
    args = parser.parse_args()
    inputs = sorted(list_inputs(args.inputs, ReadOptions()))[: args.count]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "c.db") as store:
        start = time.perf_counter()
        for _ in Loader(store, Extractor()).load(read_inputs(inputs, ReadOptions())):
            pass
        seconds = time.perf_counter() - start
        found = store.conflicts()
        articles = store.article_count()
        per_article = Counter(c.claim_article_id for c in found)
        spread = Counter(per_article.get(a.id, 0) for a in store.articles())
        print(f"{articles} articles, {store.claim_count()} claims, {len(found)} conflicts "
              f"({sum(c.claim_article_id == c.other_article_id for c in found)} within one article), "
              f"{seconds:.1f} s to load")
        print("conflicts per article: " + ", ".join(f"{n}: {spread[n]} articles" for n in sorted(spread)))
        print("by kind: " + ", ".join(f"{k} {n}" for k, n in Counter(c.differs.split(":")[0] for c in found).items()))
        for c in random.Random(17).sample(found, min(args.show, len(found))):
            print(f"\n#{c.claim_id} vs #{c.other_id}  [{c.differs}]  "
                  f"articles {c.claim_article_id}/{c.other_article_id}")
            print(f"  A ({c.claim_speaker or '—'}): {' '.join(c.claim_text.split())[:300]}")
            print(f"  B ({c.other_speaker or '—'}): {' '.join(c.other_text.split())[:300]}")


if __name__ == "__main__":
    main()
