# ruff: noqa: I001 - `import tui` must come before anything that imports numpy
"""Fit the semantic matching model (claims/match/data/matching/semantic_model.json) on the CheckThat! train splits,
through the product's own matcher, and print what it does on the dev splits.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/match_fit.py ../shared/data --workdir /tmp/fit
    ... --embeddings CACHE.npz    # texts already embedded (a dict text -> vector saved by an earlier run)

For each set (CheckThat! 2020 task 2, 2021 2A, 2021 2B) the whole verified-claim pool is written as a CSV with its
fact-check titles (benchmarks/match_product_path.write_pool) and imported by `claimdesk import --no-embed` into a
fresh archive; every claim and title is embedded with claims.match.encoder (or read from --embeddings); the matcher
is the archive's own (claims.desk.match_index.open_index) with the vectors attached. Each train and dev query is then
searched as `claimdesk match` does (no speaker, no date), twice: against the whole pool, and with its right answers
(and pool claims of the same text) removed. Each candidate's signals (claims.match.semantic.ALL_FEATURES) and
whether it is a right answer are kept (--workdir/rows-SET.pkl; --reuse-rows reads them back).

Fitted on train rows only (seed 0, each set weighing the same):
- the ranker: a logistic model over RANKER_FEATURES;
- the decision: a logistic model over the top LIMIT of every train query, searched both ways;
- the thresholds: "related", tuned on dev, the lowest cut at which at most FIT_ANY of the answers-removed queries
  show a match in every set (a quiet list; the highest cut that would lose at most MAX_LOSS MAP@5 against the
  unthresholded ranking is printed too: on these sets none keeps both); "same", the lowest cut from there at which
  at most FIT_SAME show a "same claim", on 5-fold out-of-fold train scores (folds by query) and on dev.
Then dev: MAP@5 of the ranking, MAP@5 as shown, the share of answers-removed queries showing any match and a "same
claim", for the chosen cuts and a grid of others, next to the lexical matcher's figures on the same rows.
"""

from __future__ import annotations

import tui  # noqa: F401 - first, so this process runs as `claimdesk` does: one BLAS thread (tui/__init__.py)
import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checkthat import Collection, _same_text, load_all
from embedding_cache import Embeddings, log
from match_product_path import CLAIMDESK, ROOT, write_pool

from claims.desk.match_index import _apply, open_index
from claims.match.dense import DenseVectors
from claims.match.normalise import word_count
from claims.match.semantic import (
    ALL_FEATURES,
    CLOSE_COSINE,
    CLOSE_SCORE,
    DECISION_FEATURES,
    MODEL_FILE,
    SemanticModel,
    decision_inputs,
    inputs,
)
from claims.match.signals import scores, rankings
from store.store import Store

SEED, LIMIT, DENSE_K = 0, 5, 20
RANKER_FEATURES = ("bm25", "cover_query", "cover_claim", "char_cosine", "token_sort", "token_set", "numbers_shared",
                   "numbers_missing", "length_balance", "semantic", "cos_claim", "cos_title", "cos_max", "has_title",
                   "dense_rank", "lexical_rank", "copy_ratio")  # no products of signals: they ran off the scale
# for pairs closer than training saw (a reworded news claim at cosine 0.97 scored under a loose one)
FIT_ANY, FIT_SAME, MAX_LOSS = 0.13, 0.018, 0.01


@dataclass
class Rows:
    """One query searched once: its candidates' signals, which are right answers, their word counts."""

    set: str
    split: str
    qid: str
    removed: bool
    n_relevant: int
    values: np.ndarray
    labels: np.ndarray
    words: np.ndarray
    query_words: int
    lexical_scores: np.ndarray  # the lexical matcher's score of each candidate (claims.match.signals.scores)
    lexical_ranks: np.ndarray  # and its ranking logit


def archive(collection: Collection, workdir: Path) -> tuple[Store, dict[int, str]]:
    """The pool imported into a fresh archive by the CLI; claim id -> pool id."""
    folder = workdir / collection.name
    folder.mkdir(parents=True, exist_ok=True)
    db, pool_file = folder / "archive.db", folder / "pool.csv"
    if not db.exists():
        write_pool(collection, sorted(collection.pool), "csv", pool_file)
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMDESK_")}
        env |= {"PYTHONPATH": str(ROOT), "CLAIMDESK_DB": str(db), "CLAIMDESK_REVIEWER": "fit",
                "CLAIMDESK_INDEX_DIR": str(folder / "index"), "CLAIMDESK_CONFIG": str(folder / "config.toml")}
        helped = subprocess.run([CLAIMDESK, "import", "--help"], env=env, capture_output=True, text=True).stdout
        embed = ["--no-embed"] if "--no-embed" in helped else []  # embedded here, from the cache where it can
        subprocess.run([CLAIMDESK, "import", "--no-link", *embed, str(pool_file)], env=env, check=True,
                       capture_output=True)
    os.environ["CLAIMDESK_INDEX_DIR"] = str(folder / "index")
    store = Store(db)
    rows = store.execute("SELECT c.id, a.url FROM claims c JOIN articles a ON a.id = c.article_id")
    return store, {claim_id: url.rsplit("/", 1)[-1] for claim_id, url in rows}


def vectors_of(store: Store, embeddings: Embeddings) -> tuple[DenseVectors, dict[int, tuple]]:
    rows = store.execute("SELECT c.id, c.text, a.title FROM claims c JOIN articles a ON a.id = c.article_id")
    claims = embeddings.get([text for _, text, _ in rows])
    titled = [(n, title) for n, (_, text, title) in enumerate(rows) if title and _same_text(title) != _same_text(text)]
    titles = dict(zip((n for n, _ in titled), embeddings.get([t for _, t in titled]), strict=True))
    dense, raw = DenseVectors(), {}
    for n, (claim_id, _, _) in enumerate(rows):
        raw[claim_id] = (claims[n], titles.get(n))
        dense.put(claim_id, *raw[claim_id])
    return dense, raw


def extract(collection: Collection, workdir: Path, embeddings: Embeddings) -> list[Rows]:
    store, pool_of = archive(collection, workdir)
    index = open_index(store)
    matcher, (dense, raw) = index.matcher, vectors_of(store, embeddings)
    matcher.use_semantics(dense, embeddings.get, SemanticModel.untrained())  # only its signals are read here
    by_pool: dict[str, list[int]] = {}
    for claim_id, vid in pool_of.items():
        by_pool.setdefault(vid, []).append(claim_id)
    same_text: dict[str, set[int]] = {}
    for claim_id, text in store.execute("SELECT id, text FROM claims"):
        same_text.setdefault(_same_text(text), set()).add(claim_id)
    out = []
    for split in ("train", "dev"):
        gold = collection.split(split)
        qids = sorted(gold)
        queries = embeddings.get([collection.queries[q] for q in qids])
        for qid, query in zip(qids, queries, strict=True):
            text = collection.queries[qid]
            right = {c for vid in gold[qid] for c in by_pool.get(vid, ())}
            gone = right | {c for r in right for c in same_text.get(_same_text(store.claim(r).text), ())}
            for removed in (False, True):
                for claim_id in gone if removed else ():
                    matcher.remove(claim_id)  # the dense search's hits are looked up in the matcher: gone too
                out.append(rows_of(collection.name, split, qid, removed, len(gold[qid]), text, query, matcher,
                                   right))
            _apply(matcher, store, sorted(gone))  # back, as they are in the archive
            for claim_id in gone:
                matcher.put_vectors(claim_id, *raw[claim_id])
        log(f"{collection.name} {split}: {len(qids)} queries")
    store.close()
    return out


def rows_of(name, split, qid, removed, n_relevant, text, query, matcher, right) -> Rows:
    found, values = matcher.semantic_candidates(text, query)
    values = values if found else np.zeros((0, len(ALL_FEATURES)))
    ids = np.array([c.claim_id for c, _, _ in found], dtype=np.int64)
    with matcher._lock:
        words = np.array([matcher._index.words(c.slot) for c, _, _ in found], dtype=np.int64)
    lexical = [v for _, v, _ in found]
    ratios = [r for _, _, r in found]
    return Rows(name, split, qid, removed, n_relevant, values, np.isin(ids, list(right)), words,
                word_count(text), np.array(scores(lexical, ratios)), np.array(rankings(lexical, ratios)))


# ---- fitting -------------------------------------------------------------------------------------------------

def fit_logistic(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None, c: float = 1.0
                 ) -> tuple[list[float], float]:
    """Logistic regression on standardised inputs, returned as weights and bias on the raw inputs."""
    from sklearn.linear_model import LogisticRegression  # lazy: scikit-learn is for fitting only
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit((x - scaler.mean_) / scale, y,
                                                                          sample_weight=weight)
    w = model.coef_[0] / scale
    return w.tolist(), float(model.intercept_[0] - (scaler.mean_ * w).sum())


def fit_ranker(rows: list[Rows]) -> dict:
    full = [r for r in rows if not r.removed and len(r.values)]
    x = np.vstack([inputs(RANKER_FEATURES, r.values) for r in full])
    y = np.concatenate([r.labels for r in full]).astype(int)
    sets = np.concatenate([[r.set] * len(r.labels) for r in full])
    weight = np.ones(len(y))
    for name in set(sets):  # each set weighs the same, whatever its number of candidates
        weight[sets == name] = len(y) / (len(set(sets)) * (sets == name).sum())
    w, b = fit_logistic(x, y, weight)
    return {"features": list(RANKER_FEATURES), "weights": w, "bias": b}


def logits(ranker: dict, rows: list[Rows]) -> list[np.ndarray]:
    w, b = np.array(ranker["weights"]), ranker["bias"]
    return [b + inputs(tuple(ranker["features"]), r.values) @ w if len(r.values) else np.zeros(0) for r in rows]


def fit_decision(rows: list[Rows], zs: list[np.ndarray]) -> dict:
    xs, ys = [], []
    for r, z in zip(rows, zs, strict=True):
        if len(z):
            order = np.argsort(-z, kind="stable")
            top = order[:LIMIT]
            xs.append(decision_inputs(z[order], r.values[top], r.query_words, r.words[top]))
            ys.append(r.labels[top])
    w, b = fit_logistic(np.vstack(xs), np.concatenate(ys).astype(int))
    return {"features": list(DECISION_FEATURES), "weights": w, "bias": b}


def decided(decision: dict, r: Rows, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The top LIMIT candidates (indices, by logit) and their decision scores."""
    if not len(z):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    order = np.argsort(-z, kind="stable")
    top = order[:LIMIT]
    logit = decision["bias"] + decision_inputs(z[order], r.values[top], r.query_words, r.words[top]) @ np.array(
        decision["weights"])
    score = 100.0 / (1.0 + np.exp(-np.clip(logit, -50, 50)))
    close = r.values[top, ALL_FEATURES.index("cos_max")] >= CLOSE_COSINE  # as SemanticModel.decide
    return top, np.maximum(score, np.where(close, CLOSE_SCORE, 0.0))


def average_precision(labels: list[bool], n_relevant: int) -> float:
    hits, total = 0, 0.0
    for rank, good in enumerate(labels[:LIMIT], start=1):
        if good:
            hits += 1
            total += hits / rank
    return total / n_relevant if n_relevant else 0.0


@dataclass
class Outcome:
    """Per query: the top candidates' labels and scores, for any pair of thresholds."""

    set: str
    removed: bool
    n_relevant: int
    labels: np.ndarray
    scores: np.ndarray

    def figures(self, same: float, related: float) -> tuple[float, float, bool, bool]:
        """(AP unthresholded, AP as shown, any shown, a "same" shown)."""
        shown = self.scores >= related
        is_same = shown & (self.scores >= same)
        order = sorted(np.flatnonzero(shown), key=lambda n: (not is_same[n], -self.scores[n]))
        return (average_precision(list(self.labels), self.n_relevant),
                average_precision([bool(self.labels[n]) for n in order], self.n_relevant),
                bool(shown.any()), bool(is_same.any()))


def outcomes(rows: list[Rows], zs: list[np.ndarray], decision: dict) -> list[Outcome]:
    out = []
    for r, z in zip(rows, zs, strict=True):
        top, s = decided(decision, r, z)
        out.append(Outcome(r.set, r.removed, r.n_relevant, r.labels[top] if len(top) else np.zeros(0, bool), s))
    return out


def lexical_outcomes(rows: list[Rows]) -> list[Outcome]:
    """The lexical matcher on the same candidates: its ranking logit orders, its score shows."""
    out = []
    for r in rows:
        order = np.argsort(-r.lexical_ranks, kind="stable")[:LIMIT] if len(r.values) else np.zeros(0, np.int64)
        out.append(Outcome(r.set, r.removed, r.n_relevant, r.labels[order] if len(order) else np.zeros(0, bool),
                           r.lexical_scores[order] if len(order) else np.zeros(0)))
    return out


def table(found: list[Outcome], same: float, related: float) -> dict[str, tuple[float, float, float, float]]:
    """Per set: (MAP@5 unthresholded, MAP@5 shown, answers-removed any, answers-removed same)."""
    out = {}
    for name in sorted({o.set for o in found}):
        full = [o.figures(same, related) for o in found if o.set == name and not o.removed]
        gone = [o.figures(same, related) for o in found if o.set == name and o.removed]
        out[name] = (float(np.mean([f[0] for f in full])), float(np.mean([f[1] for f in full])),
                     float(np.mean([f[2] for f in gone])), float(np.mean([f[3] for f in gone])))
    return out


def out_of_fold(rows: list[Rows], k: int = 5) -> list[Outcome]:
    keys = sorted({(r.set, r.qid) for r in rows})
    fold_of = dict(zip(keys, np.random.default_rng(SEED).permutation(len(keys)) % k, strict=True))
    fold = np.array([fold_of[(r.set, r.qid)] for r in rows])
    found: list[Outcome | None] = [None] * len(rows)
    for f in range(k):
        fit = [r for r, g in zip(rows, fold, strict=True) if g != f]
        ranker = fit_ranker(fit)
        decision = fit_decision(fit, logits(ranker, fit))
        held = [n for n, g in enumerate(fold) if g == f]
        for n, o in zip(held, outcomes([rows[n] for n in held], logits(ranker, [rows[n] for n in held]), decision),
                        strict=True):
            found[n] = o
    return found


def choose(train_oof: list[Outcome], dev: list[Outcome]) -> tuple[float, float]:
    """related: the lowest cut at which at most FIT_ANY of the answers-removed dev queries show a match in every
    set (tuned on dev, with a margin under the issue's 15% for held-out queries); same: the lowest cut from there
    at which at most FIT_SAME show a "same claim", out-of-fold on train and on dev."""
    grid = [float(t) for t in np.arange(1.0, 99.0, 1.0)]
    quiet = [t for t in grid if max(v[2] for v in table(dev, 101.0, t).values()) <= FIT_ANY]
    lossless = [t for t in grid if max(v[0] - v[1] for v in table(dev, 101.0, t).values()) <= MAX_LOSS]
    log(f"dev: lowest related cut with answers-removed any <= {FIT_ANY} in every set: "
        f"{min(quiet) if quiet else None}; highest with MAP@5 loss <= {MAX_LOSS}: "
        f"{max(lossless) if lossless else None}")
    related = min(quiet) if quiet else max(grid)
    same = next((t for t in grid if t >= related and all(
        max(v[3] for v in table(found, t, related).values()) <= FIT_SAME for found in (train_oof, dev))), 99.0)
    return same, related


def report(title: str, found: list[Outcome], same: float, related: float) -> None:
    print(f"{title} (same {same:g}, related {related:g})")
    for name, (ranking, shown, anyr, samer) in table(found, same, related).items():
        print(f"  {name:11s} MAP@5 ranking {ranking:.3f}  shown {shown:.3f} (loss {ranking - shown:.3f})  "
              f"answers removed: any {anyr:.3f}, same {samer:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "claimdesk-fit")
    parser.add_argument("--embeddings", type=Path, help="texts already embedded (.npz), read and extended")
    parser.add_argument("--reuse-rows", action="store_true", help="read the candidate rows of an earlier run")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--no-write", action="store_true", help="print the figures, keep the shipped model")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows_file = args.workdir / "rows.pkl"
    if args.reuse_rows and rows_file.exists():
        sys.modules["__main__"].Rows = Rows  # pickled by this script run as __main__
        rows = pickle.loads(rows_file.read_bytes())
    else:
        embeddings = Embeddings(args.embeddings or args.workdir / "embeddings.npz")
        rows = [row for c in load_all(args.data) for row in extract(c, args.workdir, embeddings)]
        embeddings.save()
        rows_file.write_bytes(pickle.dumps(rows))
    train, dev = [r for r in rows if r.split == "train"], [r for r in rows if r.split == "dev"]
    ranker = fit_ranker(train)
    decision = fit_decision(train, logits(ranker, train))
    found = outcomes(dev, logits(ranker, dev), decision)
    same, related = choose(out_of_fold(train), found)
    report("dev, semantic model", found, same, related)
    for cut in (1.0, 5.0, 10.0, 20.0, 30.0, 40.0, 50.0):
        report("  dev, semantic model at another related cut", found, max(same, cut), cut)
    lexical = lexical_outcomes(dev)
    report("dev, lexical matcher (its default thresholds)", lexical, 90.0, 25.0)
    if not args.no_write:
        model = {"ranker": ranker, "decision": decision, "thresholds": {"same": same, "related": related},
                 "dense_k": DENSE_K, "fitted_on": "CheckThat! 2020 task 2, 2021 2A, 2021 2B train splits (dev copies "
                 "removed), through claimdesk's matcher, seed 0 (benchmarks/match_fit.py)"}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
