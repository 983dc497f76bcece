"""Match quality through the product path, as a fact-checker meets it (issue 17's "must show").

    PYTHONPATH=$PWD .venv/bin/python benchmarks/match_product_path.py ../shared/data
    ... --sets 2020 --formats csv --queries 40     # a quick look: one set, one file format, 40 dev queries

For each dev split of CheckThat! 2020 task 2, 2021 task 2A and 2B, the whole verified-claim pool is written as an
earlier-checks file: a CSV with `claim`, `title` (the fact-check's title), `subtitle`, `speaker`, `date`,
`rating`/`status`, `source`, `url`, and/or ClaimReview JSON Lines (`claimReviewed`, `headline`, `description`,
`itemReviewed.author.name`, ...). Each verified claim's `url` carries its pool id, so a match is read back to it.
Then, as real subprocesses of the installed CLI (`claimdesk`, run with this checkout on PYTHONPATH; another with
$CLAIMDESK_BIN), in a fresh archive with its own $CLAIMDESK_INDEX_DIR and config file:

    claimdesk import POOL_FILE
    claimdesk match - --format jsonl < queries                       # default settings: what the user sees
    claimdesk match - --format jsonl --all-candidates < queries      # the same ranking without the score floor
    claimdesk match - --format jsonl --all-candidates --limit 100    # which candidates each query meets

and prints per set and file format: MAP@5 as shown (hidden candidates count as misses), MAP@5 of the ranking
without thresholds and the loss between them (the must: at most 0.01), and, with each query's right answers
removed from the pool, the share of queries that still show any match (must: at most 15%) and a "same claim"
(must: at most 2%). A right answer's removal takes a pool claim with the same letters and digits with it (the
2020 pool holds about a fifth of its answers twice, some differing only in quote marks). The answers-removed
figures come from the product too: the queries are put in groups in which no query has another's answers among
its 100 best candidates; for each group the pool without the group's answers is imported into a fresh archive
and the default `match` run over the group's queries (what is shown can depend on the other candidates: the best
one is shown when it leads the rest, claims.match.hits.Thresholds), so each query meets the pool without its
own answers and, as far as its candidates go, nothing else missing. "archives" says how many groups that took.

Queries are read one per line (their whitespace collapsed). Nothing here is run by the test suite.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from checkthat import Collection, evaluate, load_all

from claims.match.encoder import MODEL_ID
from store.store import Store

ROOT = Path(__file__).resolve().parents[1]
CLAIMDESK = os.environ.get("CLAIMDESK_BIN") or str(Path(sys.executable).with_name("claimdesk"))  # this venv's CLI
URL = "https://checkthat.example.org/{set}/{id}"
SETS = {"2020": "2020-task2", "2a": "2021-2A", "2b": "2021-2B"}
SOURCES = {"2020-task2": "Snopes", "2021-2A": "Snopes", "2021-2B": "PolitiFact"}
FORMATS = ("csv", "jsonl")
WIDE = 100  # candidates read per query for the answers-removed figures


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def one_line(text: str) -> str:
    return " ".join((text or "").split())


def same_text(text: str) -> str:
    """Letters and digits only, lower case: the 2020 pool repeats checks that differ only in quote marks."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


@dataclass
class Figures:
    map_shown: float
    map_all: float
    any_removed: float
    same_removed: float
    queries: int
    import_s: float
    match_s: float
    archives: int  # reduced archives the answers-removed figures took


def write_pool(collection: Collection, ids: list[str], fmt: str, path: Path) -> None:
    """The pool as an earlier-checks file: CSV (claim, title, ...) or ClaimReview JSON Lines (headline, ...)."""
    source = SOURCES[collection.name]
    rows = []
    for vid in ids:
        fields = collection.pool[vid]
        rating = one_line(fields.get("truth_label", ""))
        rows.append({"claim": one_line(fields.get("vclaim", "")), "title": one_line(fields.get("title", "")),
                     "subtitle": one_line(fields.get("subtitle", "")), "speaker": one_line(fields.get("speaker", "")),
                     "date": one_line(fields.get("date", "")), "rating": rating, "source": source,
                     "url": URL.format(set=collection.name, id=vid)})
    if fmt == "csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=["claim", "title", "subtitle", "speaker", "date", "status",
                                                        "rating", "source", "url"])
            writer.writeheader()
            for row in rows:
                writer.writerow(row | {"status": "" if row["rating"] else "unverified"})
        return
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            record = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": row["claim"],
                      "url": row["url"], "author": {"@type": "Organization", "name": source},
                      "reviewRating": {"@type": "Rating", "alternateName": row["rating"] or "Unrated"}}
            if row["title"]:
                record["headline"] = row["title"]
            if row["subtitle"]:
                record["description"] = row["subtitle"]
            item = {"@type": "Claim"}
            if row["speaker"]:
                item["author"] = {"@type": "Person", "name": row["speaker"]}
            if row["date"]:
                item["datePublished"] = row["date"]
            record["itemReviewed"] = item
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


class Archive:
    """A fresh archive in a temporary folder, driven through the installed CLI."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.db = folder / "archive.db"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMDESK_")}
        self.env |= {"PYTHONPATH": str(ROOT), "CLAIMDESK_DB": str(self.db), "CLAIMDESK_REVIEWER": "benchmark",
                     "CLAIMDESK_INDEX_DIR": str(folder / "index"), "CLAIMDESK_CONFIG": str(folder / "config.toml")}

    def run(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run([CLAIMDESK, *args], input=stdin, capture_output=True, text=True, env=self.env,
                              cwd=self.folder, check=False)
        if done.returncode != 0:
            raise SystemExit(f"claimdesk {' '.join(args[:2])} failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def match(self, queries: list[str], *options: str) -> list[dict]:
        out = self.run("match", "-", "--format", "jsonl", *options, stdin="\n".join(queries) + "\n")
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def pool_ids(self, claim_ids: set[int]) -> dict[int, str]:
        """Claim id -> the pool id its review URL carries."""
        store = Store.open(self.db, create=False)
        try:
            found = {}
            for claim_id in claim_ids:
                url = store.article(store.claim(claim_id).article_id).url or ""
                found[claim_id] = url.rsplit("/", 1)[-1]
            return found
        finally:
            store.close()


def ranked(records: list[dict], qids: list[str], pool_of: dict[int, str], shown_only: bool = False
           ) -> dict[str, list[tuple[str, str]]]:
    """Query id -> [(pool id, kind)] in the order printed."""
    out: dict[str, list[tuple[str, str]]] = {q: [] for q in qids}
    for record in records:
        if shown_only and record["kind"] == "hidden":
            continue
        out[qids[int(record["query"]) - 1]].append((pool_of[record["claim_id"]], record["kind"]))
    return out


def answers_with_copies(collection: Collection, gold: set[str], by_text: dict[str, set[str]]) -> set[str]:
    return gold | {other for vid in gold for other in by_text.get(same_text(collection.pool[vid]["vclaim"]), ())}


def measure(collection: Collection, fmt: str, qids: list[str], embed: bool = True) -> Figures:
    gold = {q: collection.split("dev")[q] for q in qids}
    queries = dict(zip(qids, (one_line(collection.queries[q]) for q in qids), strict=True))
    by_text: dict[str, set[str]] = {}
    for vid, fields in collection.pool.items():
        by_text.setdefault(same_text(fields.get("vclaim", "")), set()).add(vid)
    removed = {q: answers_with_copies(collection, gold[q], by_text) for q in qids}
    with tempfile.TemporaryDirectory(prefix="match-product-") as tmp:
        archive = Archive(Path(tmp))
        pool_file = Path(tmp) / f"pool.{fmt}"
        write_pool(collection, list(collection.pool), fmt, pool_file)
        started = time.perf_counter()
        archive.run("import", "--embed" if embed else "--no-embed", str(pool_file))
        import_s = time.perf_counter() - started
        started = time.perf_counter()
        shown = archive.match(list(queries.values()))
        match_s = time.perf_counter() - started
        everything = archive.match(list(queries.values()), "--all-candidates")
        wide = archive.match(list(queries.values()), "--all-candidates", "--limit", str(WIDE))
        pool_of = archive.pool_ids({r["claim_id"] for r in shown + everything + wide})
        as_shown = ranked(shown, qids, pool_of)
        unthresholded = ranked(everything, qids, pool_of)
        candidates = {q: {vid for vid, _ in found} for q, found in ranked(wide, qids, pool_of).items()}
        groups = apart(qids, removed, candidates)
        kinds: dict[str, list[str]] = {}
        for n, group in enumerate(groups):
            kinds |= removed_figures(collection, fmt, group, queries, removed, Path(tmp) / f"removed-{n}", archive)
    return Figures(
        evaluate({q: [vid for vid, _ in as_shown[q]] for q in qids}, gold).map5,
        evaluate({q: [vid for vid, _ in unthresholded[q]] for q in qids}, gold).map5,
        sum(bool(kinds[q]) for q in qids) / len(qids), sum("same" in kinds[q] for q in qids) / len(qids),
        len(qids), import_s, match_s, len(groups))


def apart(qids: list[str], removed: dict[str, set[str]], candidates: dict[str, set[str]]) -> list[list[str]]:
    """Queries in groups whose answers can be removed together: no query of a group has another's answers among
    its WIDE best candidates (what decides what it shows), so each query meets the pool without only its own."""
    groups: list[tuple[list[str], set[str], set[str]]] = []  # queries, their answers, their candidates
    for q in qids:
        for members, answers, seen in groups:
            if not (removed[q] & seen or candidates[q] & answers):
                members.append(q)
                answers |= removed[q]
                seen |= candidates[q]
                break
        else:
            groups.append(([q], set(removed[q]), set(candidates[q])))
    return [members for members, _, _ in groups]


def removed_figures(collection: Collection, fmt: str, group: list[str], queries: dict[str, str],
                    removed: dict[str, set[str]], folder: Path, full: Archive) -> dict[str, list[str]]:
    """The pool without the group's answers (and their same-text copies) imported into a fresh archive, then the
    default `match` over the group's queries: query id -> the kinds of the matches shown. The checks get the
    vectors the whole pool's import made for them (`adopt_vectors`: what embedding them again would make)."""
    gone = set().union(*(removed[q] for q in group))
    folder.mkdir()
    archive = Archive(folder)
    pool_file = folder / f"pool.{fmt}"
    write_pool(collection, [vid for vid in collection.pool if vid not in gone], fmt, pool_file)
    archive.run("import", "--no-embed", str(pool_file))
    adopt_vectors(full, archive)
    out: dict[str, list[str]] = {q: [] for q in group}
    for record in archive.match([queries[q] for q in group]):
        out[group[int(record["query"]) - 1]].append(record["kind"])
    return out


def adopt_vectors(source: Archive, target: Archive) -> None:
    """Give the target's checks the vectors the source archive holds for the same checks (by review URL). The
    encoder makes a text's vector whatever else is in its batch, so this is what `claimdesk embed` would store,
    at the cost of a copy rather than of embedding the pool once per group of queries."""
    with Store(source.db) as s, Store(target.db) as t:
        by_url = {url: (claim, title) for url, claim, title in s.execute(
            "SELECT a.url, v.claim, v.title FROM claim_vectors v JOIN claims c ON c.id = v.claim_id"
            " JOIN articles a ON a.id = c.article_id WHERE v.model = ?", [MODEL_ID])}
        rows = [(claim_id, MODEL_ID, *by_url[url]) for claim_id, url in t.execute(
            "SELECT c.id, a.url FROM claims c JOIN articles a ON a.id = c.article_id") if url in by_url]
        t.save_vectors(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--sets", default="2020,2a,2b", help="comma-separated: 2020, 2a, 2b")
    parser.add_argument("--formats", default="csv,jsonl", help="comma-separated: csv, jsonl")
    parser.add_argument("--queries", type=int, default=0, help="only the first N dev queries of each set")
    parser.add_argument("--matching", default="semantic,lexical",
                        help="comma-separated: semantic (the import embeds the pool, as by default), lexical "
                             "(import --no-embed: the matcher without sentence embeddings, as before them)")
    args = parser.parse_args()
    collections = {c.name: c for c in load_all(args.data)}
    print("| set | pool file | matching | queries | MAP@5 shown | MAP@5 no thresholds | loss "
          "| any match, answers removed | 'same', answers removed | import s | match s | archives |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for key in args.sets.split(","):
        collection = collections[SETS[key.strip().lower()]]
        qids = sorted(collection.split("dev"))
        qids = qids[: args.queries] if args.queries else qids
        for fmt in args.formats.split(","):
            fmt = fmt.strip()
            if fmt not in FORMATS:
                raise SystemExit(f"unknown format {fmt!r}: csv or jsonl")
            for matching in args.matching.split(","):
                log(f"{collection.name} {fmt} {matching}: {len(collection.pool)} checks, {len(qids)} queries")
                f = measure(collection, fmt, qids, embed=matching.strip() == "semantic")
                print(f"| {collection.name} | {fmt} | {matching} | {f.queries} | {f.map_shown:.3f} | "
                      f"{f.map_all:.3f} | {f.map_all - f.map_shown:.3f} | {f.any_removed:.3f} | "
                      f"{f.same_removed:.3f} | {f.import_s:.0f} | {f.match_s:.0f} | {f.archives} |", flush=True)


if __name__ == "__main__":
    main()
