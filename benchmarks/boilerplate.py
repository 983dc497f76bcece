# ruff: noqa: I001 - `import tui` must come before anything that imports numpy
"""Boilerplate between loaded articles: links between boilerplate sentences before and after, in one run.

    .venv/bin/python benchmarks/boilerplate.py ../shared/data/politifact-articles/articles --count 16

Loads the first COUNT articles (sorted by file name) into two fresh databases: "before" with boilerplate
detection off (every sentence matched, as until now), "after" with it on (claims.match.boilerplate). For each it
prints the links stored, the "same claim" links, the links between two boilerplate sentences by two definitions:
(a) sentences matching the known notices, widgets and verdicts (PATTERNS, independent of the detector) and (b)
sentences the "after" load marked as boilerplate (their texts), and the real links: neither end (a) nor (b).
Then the links left between boilerplate sentences (must be none), the real links "after" lost (each printed, to
judge whether something useful was suppressed), the links dropped between a claim and a sentence marked
boilerplate (the "same claim" ones first: a claim that is the same as furniture would be a loss), the
boilerplate sentences left highlighted (must be none), the
links left between near copies in articles of one source (a repeat below the detector's count of articles), the
sentences marked, with their copies, and the known patterns left as claims.
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

from rapidfuzz import fuzz

from claims.desk.load import Loader
from claims.extract.pipeline import Extractor
from claims.match.boilerplate import COPY_RATIO, source_key
from claims.read.inputs import ReadOptions, list_inputs, read_inputs
from store import Store

PATTERNS = re.compile(
    r"flagged as part of facebook|share the facts|politifact rating|\bwe rate\b|click here for more"
    r"|six politifact ratings|ifcn|truth-o-meter|editors?\W{0,2}s? note", re.IGNORECASE)

Link = tuple[str, int, str, int, str]  # kind, article, text, earlier article, earlier text


def load(folder: str, count: int, db: Path, on: bool) -> tuple[float, Store]:
    inputs = sorted(list_inputs([folder], ReadOptions()))[:count]
    store = Store(db)
    start = time.perf_counter()
    for _ in Loader(store, Extractor(), find_boilerplate=on).load(read_inputs(inputs, ReadOptions())):
        pass
    return time.perf_counter() - start, store


def stored_links(store: Store) -> list[Link]:
    return [tuple(row) for row in store.execute(
        "SELECT l.kind, a.article_id, a.text, b.article_id, b.text FROM claim_links l"
        " JOIN claims a ON a.id = l.claim_id JOIN claims b ON b.id = l.earlier_id")]


def known(text: str) -> bool:
    return PATTERNS.search(text) is not None


def real(links: list[Link], marked: Counter) -> set[Link]:
    """The links neither end of which is known or marked boilerplate (kind left out: it may change)."""
    return {(None, *link[1:]) for link in links if not (known(link[2]) or known(link[4]) or link[2] in marked
                                                       or link[4] in marked)}


def short(text: str, width: int = 100) -> str:
    return " ".join(text.split())[:width]


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
        found = {"before": stored_links(before), "after": stored_links(after)}
        print(f"{args.count} articles, {claims} claims, {sum(marked.values())} marked boilerplate "
              f"({len(marked)} distinct sentences)")
        print(f"{'':8}{'links':>7}{'same':>7}{'known-bp':>10}{'marked-bp':>11}{'real':>7}{'seconds':>9}")
        for name, seconds in (("before", seconds_before), ("after", seconds_after)):
            rows = found[name]
            print(f"{name:8}{len(rows):>7}{sum(kind == 'same' for kind, *_ in rows):>7}"
                  f"{sum(known(a) and known(b) for _, _, a, _, b in rows):>10}"
                  f"{sum(a in marked and b in marked for _, _, a, _, b in rows):>11}"
                  f"{len(real(rows, marked)):>7}{seconds:>9.1f}")
        left = [row for row in found["after"] if (known(row[2]) and known(row[4])) or (row[2] in marked
                                                                                        and row[4] in marked)]
        print(f"\nlinks between boilerplate sentences left: {len(left)}")
        for kind, article, text, earlier, other in left:
            print(f"  {kind:8} #{article} {short(text, 60)!r} -> #{earlier} {short(other, 60)!r}")
        lost = real(found["before"], marked) - real(found["after"], marked)
        gained = real(found["after"], marked) - real(found["before"], marked)
        print(f"\nreal links lost: {len(lost)}, gained: {len(gained)} (a boilerplate hit no longer takes a place)")
        for _, article, text, earlier, other in sorted(lost)[:20]:
            print(f"  #{article} {short(text, 60)!r} -> #{earlier} {short(other, 60)!r}")
        claims_after = {(article, text) for article, text in after.execute(
            "SELECT article_id, text FROM claims WHERE type != 'boilerplate'")}
        dropped = [row for row in found["before"] if ((row[1], row[2]) in claims_after) != ((row[3], row[4]) in
                                                                                         claims_after)]
        print(f"\nlinks between a claim and a sentence marked boilerplate, dropped: {len(dropped)}, of which "
              f"\"same claim\": {sum(kind == 'same' for kind, *_ in dropped)}")
        for kind, article, text, earlier, other in sorted(dropped, key=lambda row: row[0] != "same")[:12]:
            print(f"  {kind:8} #{article} {short(text, 60)!r} -> #{earlier} {short(other, 60)!r}")
        lit = after.execute("SELECT COUNT(*) FROM claims WHERE type = 'boilerplate' AND highlighted = 1")[0][0]
        print(f"\nboilerplate sentences highlighted: {lit}")
        sources = dict(after.execute("SELECT id, source FROM articles"))
        repeats = [row for row in found["after"] if source_key(sources[row[1]]) == source_key(sources[row[3]])
                   and fuzz.ratio(" ".join(row[2].casefold().split()), " ".join(row[4].casefold().split()))
                   >= COPY_RATIO]
        print(f"\nlinks between near copies in articles of one source (too few articles to be boilerplate): "
              f"{len(repeats)}")
        for kind, article, text, earlier, _ in repeats[:20]:
            print(f"  {kind:8} #{article} -> #{earlier} {short(text)!r}")
        print("\nmarked as boilerplate (copies in this load):")
        for text, copies in marked.most_common():
            print(f"  {copies:>3}  {short(text, 110)}")
        missed = {a for (a,) in after.execute("SELECT text FROM claims WHERE type != 'boilerplate'") if known(a)}
        print(f"\nknown boilerplate patterns left as claims: {len(missed)}")
        for text in sorted(missed)[:15]:
            print(f"       {short(text, 110)}")
        before.close()
        after.close()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
