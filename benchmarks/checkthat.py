"""Readers for the CheckThat! claim-retrieval sets and ClaimMatch pairs, plus MAP@5 / P@1 / recall@5.

The data stays where it is: every function takes the folder given on the command line (e.g. ../shared/data).
"""

from __future__ import annotations

import csv
import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

csv.field_size_limit(10**8)


@dataclass
class Collection:
    """One claim-retrieval set: the verified-claim pool, the queries, and the gold pairs per split."""

    name: str
    pool: dict[str, dict[str, str]]  # verified-claim id -> fields (vclaim, title, ...)
    queries: dict[str, str]
    qrels: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # split -> query id -> relevant ids
    speakers: dict[str, str] = field(default_factory=dict)  # query id -> its speaker, when known (2B)
    dates: dict[str, str] = field(default_factory=dict)  # query id -> when it was said, when known (2B)
    dropped: int = 0  # train queries left out because they are another set's dev queries (`without_dev_copies`)

    def split(self, name: str) -> dict[str, set[str]]:
        return self.qrels[name]


def read_tsv(path: Path, header: bool = True) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return rows[1:] if header else rows


def read_qrels(path: Path) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = defaultdict(set)
    for row in read_tsv(path, header=False):
        if len(row) >= 3:
            gold[row[0]].add(row[2])
    return dict(gold)


def pool_from(rows: list[list[str]], names: list[str]) -> dict[str, dict[str, str]]:
    return {row[0]: dict(zip(names, row[1:], strict=False)) for row in rows}


def load_2020(data: Path) -> Collection:
    root = data / "checkthat2020-task2"
    pool = pool_from(read_tsv(root / "verified_claims.docs.tsv"), ["vclaim", "title"])
    queries = {}
    for split in ("train", "dev"):
        queries.update({r[0]: r[1] for r in read_tsv(root / split / "tweets.queries.tsv")})
    qrels = {s: read_qrels(root / s / "tweet-vclaim-pairs.qrels") for s in ("train", "dev")}
    return Collection("2020-task2", pool, queries, qrels)


def load_2021a(data: Path) -> Collection:
    root = data / "checkthat2021-task2a"
    pool = pool_from(read_tsv(root / "vclaims.tsv"), ["vclaim", "title", "subtitle", "author", "date"])
    queries = {r[0]: r[1] for r in read_tsv(root / "train-dev" / "tweets-train-dev.tsv", header=False)}
    qrels = {s: read_qrels(root / "train-dev" / f"qrels-{s}.tsv") for s in ("train", "dev")}
    return Collection("2021-2A", pool, queries, qrels)


def load_2021b(data: Path) -> Collection:
    root = data / "checkthat2021-task2b"
    names = ["vclaim", "speaker", "truth_label", "date", "title", "url"]
    pool = pool_from(read_tsv(root / "vclaims.tsv"), names)
    queries = {r[0]: r[1] for r in read_tsv(root / "train-dev" / "iclaims.queries", header=False)}
    qrels = {s: read_qrels(root / "train-dev" / f"{s}.qrels.tsv") for s in ("train", "dev")}
    transcripts = Transcripts(root / "train-dev" / "transcripts")
    speakers = {qid: transcripts.line(qid)[0] for qid in queries}
    dates = {qid: qid[:8] for qid in queries}  # the debate's transcript file name starts with its date
    return Collection("2021-2B", pool, queries, qrels, {q: s for q, s in speakers.items() if s}, dates)


class Transcripts:
    """The 2B debate transcripts (`line  SPEAKER  sentence`), found from a query id `<transcript>_<line>`.
    Some ids misspell their transcript ("20161019_3pres", "20151110_GOP_milwuakee"): a name with no file of
    its own goes to the one file of the same date, else to the file whose name is closest."""

    def __init__(self, root: Path):
        self._files = {p.stem: p for p in root.glob("*.tsv")} if root.is_dir() else {}
        self._read: dict[str, dict[int, tuple[str, str]]] = {}

    def lines(self, name: str) -> dict[int, tuple[str, str]]:
        if name not in self._read:
            path = self._resolve(name)
            rows = read_tsv(path, header=False) if path else []
            self._read[name] = {int(r[0]): (r[1], r[2]) for r in rows if len(r) >= 3 and r[0].isdigit()}
        return self._read[name]

    def line(self, qid: str) -> tuple[str, str]:
        """(speaker, sentence) of a query id's transcript line; ("", "") when not found."""
        name, _, line = qid.rpartition("_")
        return self.lines(name).get(int(line), ("", "")) if line.isdigit() else ("", "")

    def _resolve(self, name: str) -> Path | None:
        if name in self._files:
            return self._files[name]
        same_day = [s for s in self._files if s[:8] == name[:8]]
        if len(same_day) == 1:
            return self._files[same_day[0]]
        close = difflib.get_close_matches(name.lower(), [s.lower() for s in same_day or self._files], n=1)
        return next((p for s, p in self._files.items() if close and s.lower() == close[0]), None)


def with_context(collection: Collection, data: Path, lines: int) -> Collection:
    """2021 2B with context, as the published systems used it: each input sentence with the `lines`
    transcript lines before it and its speaker's name; each verified claim with its speaker (as "subtitle")."""
    transcripts = Transcripts(data / "checkthat2021-task2b" / "train-dev" / "transcripts")
    queries = {}
    for qid, text in collection.queries.items():
        name, _, line = qid.rpartition("_")
        lines_of = transcripts.lines(name)
        before = [lines_of[n][1] for n in range(int(line) - lines, int(line)) if n in lines_of]
        speaker = lines_of.get(int(line), ("", ""))[0]
        queries[qid] = " ".join([*before, text, speaker.title()])
    pool = {i: fields | {"subtitle": fields.get("speaker", "")} for i, fields in collection.pool.items()}
    return Collection(f"{collection.name} +context {lines}", pool, queries, collection.qrels, collection.speakers,
                      collection.dates)


def load_all(data: Path) -> list[Collection]:
    return without_dev_copies([load_2020(data), load_2021a(data), load_2021b(data)])


def without_dev_copies(collections: list[Collection]) -> list[Collection]:
    """Drop from every train split the queries whose text is a dev query of any set: 2021 2A's train split
    holds all 197 dev tweets of 2020 task 2 (2A is a superset of 2020), so fitting on the pooled train splits
    would otherwise see 2020's dev answers."""
    dev = {_same_text(c.queries[q]) for c in collections for q in c.split("dev")}
    for c in collections:
        train = c.split("train")
        c.qrels["train"] = {q: gold for q, gold in train.items() if _same_text(c.queries[q]) not in dev}
        c.dropped = len(train) - len(c.qrels["train"])
    return collections


def _same_text(text: str) -> str:
    """Letters and digits only, lower case: the two releases differ in spacing, quotes and links."""
    return "".join(ch for ch in text.lower() if ch.isalnum())[:200]


def load_pairs(data: Path) -> list[tuple[str, str, int]]:
    rows = read_tsv(data / "claimmatch-pairs" / "pairs.tsv")
    return [(r[0], r[1], int(r[2])) for r in rows if len(r) >= 3 and r[2].strip() in ("0", "1")]


def pool_text(fields: dict[str, str], with_title: bool = True) -> str:
    """The text indexed for a verified claim: the claim, and its fact-check title when asked."""
    parts = [fields.get("vclaim", "")]
    if with_title:
        parts += [fields.get("title", ""), fields.get("subtitle", "")]
    return " ".join(p.strip() for p in parts if p and p.strip())


@dataclass(frozen=True)
class Scores:
    map5: float
    p1: float
    recall5: float
    queries: int


def average_precision(ranked: list[str], relevant: set[str], k: int = 5) -> float:
    hits, total = 0, 0.0
    for rank, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant) if relevant else 0.0


def evaluate(rankings: dict[str, list[str]], gold: dict[str, set[str]]) -> Scores:
    """MAP@5 (the CheckThat! definition: divided by the number of relevant claims), P@1, recall@5."""
    aps, p1s, r5s = [], [], []
    for qid, relevant in gold.items():
        ranked = rankings.get(qid, [])
        aps.append(average_precision(ranked, relevant))
        p1s.append(1.0 if ranked[:1] and ranked[0] in relevant else 0.0)
        r5s.append(len(set(ranked[:5]) & relevant) / len(relevant))
    n = max(len(aps), 1)
    return Scores(sum(aps) / n, sum(p1s) / n, sum(r5s) / n, len(aps))


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
