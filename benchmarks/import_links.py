"""Links between loaded claims and imported earlier checks: the same whichever came first? (issue 17)

    PYTHONPATH=$PWD .venv/bin/python benchmarks/import_links.py ../shared/data --articles 16
    ... --checkout /path/to/an/older/checkout      # that checkout's code in the same run, for a baseline

The 19,250 PolitiFact checks of CheckThat! 2021 2B (`checkthat2021-task2b/vclaims.tsv`, written as a CSV with their
titles: benchmarks/match_product_path.write_pool) and the first N PolitiFact articles
(`politifact-articles/articles`, each naming the check it is about in `index.tsv`) plus the seed wire article
(`../shared/seed/kabul-wire-article.txt`) meet in a fresh archive, through the CLI, in two orders:

- "import, then load": `claimdesk import POOL`, then `claimdesk load ARTICLES` (each claim matched at load time);
- "load, then import": `claimdesk load ARTICLES`, then `claimdesk import POOL` (the import links the new checks
  to the claims already loaded: claims.desk.import_links).

For each order and checkout it prints the links from loaded claims to imported checks: how many, how many go from
an article to the check it is about (right), how many from the seed article (which no PolitiFact check is about),
and how far the two orders agree (links present in both / in either, by claim text and check URL). A fact-checker
expects the same panel whichever arrived first. Nothing here is run by the test suite.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from checkthat import load_all
from match_product_path import Archive, write_pool

from store.models import IMPORTED
from store.store import Store

SEED = Path("seed") / "kabul-wire-article.txt"  # beside the data folder: ../shared/seed/

Link = tuple[str, str, str]  # (loaded article's file, claim text, check id)


def articles(data: Path, count: int, seed: Path) -> tuple[list[Path], dict[str, str]]:
    """The first `count` PolitiFact articles and the seed article, and each article file's checked claim id."""
    folder = data / "politifact-articles"
    with (folder / "index.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))[:count]
    paths = [folder / row["file"] for row in rows]
    return [*paths, seed], {Path(row["file"]).name: row["vclaim_id"] for row in rows}


def letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def stored_links(db: Path, files: list[Path]) -> list[tuple[Link, str, float, str]]:
    """Every link from a loaded claim to an imported check: (link, kind, score, the check's text). A loaded
    article is told by its text's first 200 letters and digits, found in its file (the loader takes a title line
    off and cleans)."""
    texts = {path.name: letters(path.read_text(encoding="utf-8")) for path in files}
    found = []
    with Store(db) as store:
        for claim_id, article_id, text in store.claim_texts(origin_not=IMPORTED):
            start = letters(store.article(article_id).text)[:200]
            source = next((name for name, full in texts.items() if start in full), f"article {article_id}")
            for link in store.links(claim_id):
                earlier = store.claim(link.earlier_id)
                if earlier.origin == IMPORTED:
                    check = (store.article(earlier.article_id).url or "").rsplit("/", 1)[-1]
                    found.append(((source, text, check), link.kind, link.score, earlier.text))
    return found


def run_order(checkout: Path, pool: Path, files: list[Path], import_first: bool, folder: Path) -> tuple[list, float]:
    archive = Archive(folder)
    archive.env["PYTHONPATH"] = str(checkout)
    steps = [("import", str(pool)), ("load", *map(str, files))]
    started = time.perf_counter()
    for step in steps if import_first else steps[::-1]:
        archive.run(*step)
    return stored_links(archive.db, files), time.perf_counter() - started


def report(name: str, links: list, about: dict[str, str], seed_file: str, seconds: float) -> None:
    right = sum(check == about.get(source) for (source, _, check), *_ in links)
    seed = [(text, kind, score, check) for (source, text, _), kind, score, check in links if source == seed_file]
    same = sum(kind == "same" for _, kind, *_ in links)
    print(f"  {name:18} {len(links):5} links ({same} same), to the article's own check {right:3}, "
          f"from the seed article {len(seed):3}, others {len(links) - right - len(seed):4}   ({seconds:.0f} s)")
    for text, kind, score, check in seed:
        print(f"    seed: {text[:70]!r} -> {kind} {score:.1f} {check[:70]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--articles", type=int, default=16)
    parser.add_argument("--seed", type=Path, help="the seed wire article (default: ../seed/ beside DATA)")
    parser.add_argument("--checkout", type=Path, action="append", help="a checkout whose code runs (repeatable; "
                        "default: this one)")
    args = parser.parse_args()
    args.seed = args.seed or args.data.resolve().parent / SEED
    collection = next(c for c in load_all(args.data) if c.name == "2021-2B")
    files, about = articles(args.data, args.articles, args.seed)
    for checkout in args.checkout or [Path(__file__).resolve().parents[1]]:
        with tempfile.TemporaryDirectory(prefix="import-links-") as tmp:
            pool = Path(tmp) / "pool.csv"
            write_pool(collection, list(collection.pool), "csv", pool)
            print(f"{checkout} ({len(collection.pool):,} checks, {len(files)} articles)", flush=True)
            orders = {}
            for import_first, name in ((True, "import, then load"), (False, "load, then import")):
                (folder := Path(tmp) / name.replace(", ", "-").replace(" ", "")).mkdir()
                links, seconds = run_order(checkout, pool, files, import_first, folder)
                report(name, links, about, args.seed.name, seconds)
                orders[name] = {link for link, *_ in links}
            both, either = set.intersection(*orders.values()), set.union(*orders.values())
            print(f"  the two orders agree on {len(both)} of {len(either)} links", flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
