"""Match quality on CheckThat! claim retrieval: MAP@5, P@1, recall@5 of the Matcher and of baselines.

    .venv/bin/python benchmarks/match_quality.py ../shared/data               # dev figures, all three sets
    .venv/bin/python benchmarks/match_quality.py ../shared/data --fit         # refit the weights on train
    .venv/bin/python benchmarks/match_quality.py ../shared/data --split train
    .venv/bin/python benchmarks/match_quality.py ../shared/data --thresholds  # precision/recall by score

It also prints the accuracy on our own invented pairs (fixtures/match_cases.tsv) per expected label, next to
token_set_ratio read on the same 0..100 scale with the same thresholds.

Each query is matched against its set's whole verified-claim pool (claim + fact-check title + subtitle for the
Matcher and for "tfidf-char+title"; the claim alone for the others). In 2021 2B each input sentence is searched
with its speaker (the transcript line's speaker column) and each verified claim is added with its claimant
(vclaims.tsv `speaker`), as in the app; the row "without speakers" is the same Matcher without them.
Baselines computed in the same run: rapidfuzz token_set_ratio and token_sort_ratio (texts through
utils.default_process, process.extract), and a TF-IDF over character 3-5-grams (scikit-learn, a benchmark-only
dependency).
"""

from __future__ import annotations

import argparse
import csv
import functools
import sys
import time
from pathlib import Path

import numpy as np
from checkthat import Collection, Scores, evaluate, load_all, load_pairs, pool_text, with_context
from match_calibration import fit_calibration
from rapidfuzz import fuzz, process, utils

from claims.match import signals as match_features
from claims.match.matcher import Matcher, Thresholds

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "match_cases.tsv"

Rankings = dict[str, list[str]]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_matcher(collection: Collection, speakers: bool = True, dates: bool = True) -> tuple[Matcher, list[str]]:
    """The pool in a Matcher, each verified claim with its claimant (2B's `speaker`) and the date it was made
    (2B's "stated on <date> in ...") unless `speakers` / `dates` is off."""
    ids = list(collection.pool)
    matcher = Matcher()
    matcher.add_many((n, None, pool_text(collection.pool[i]), collection.pool[i].get("speaker") if speakers else None,
                      collection.pool[i].get("date") if dates and collection.dates else None)
                     for n, i in enumerate(ids))
    return matcher, ids


def matcher_rankings(matcher: Matcher, ids: list[str], queries: dict[str, str],
                     speakers: dict[str, str] | None = None, dates: dict[str, str] | None = None) -> Rankings:
    speakers, dates = speakers or {}, dates or {}
    return {q: [ids[h.claim_id] for h in matcher.search(text, limit=5, min_score=0.0, speaker=speakers.get(q),
                                                        date=dates.get(q))]
            for q, text in queries.items()}


def fuzzy_rankings(collection: Collection, queries: dict[str, str], scorer) -> Rankings:
    ids = list(collection.pool)
    choices = [utils.default_process(collection.pool[i].get("vclaim", "")) for i in ids]
    out = {}
    for qid, text in queries.items():
        found = process.extract(utils.default_process(text), choices, scorer=scorer, limit=5, processor=None)
        out[qid] = [ids[index] for _, _, index in found]
    return out


def tfidf_rankings(collection: Collection, queries: dict[str, str], with_title: bool) -> Rankings:
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = list(collection.pool)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    pool = vectorizer.fit_transform([pool_text(collection.pool[i], with_title) for i in ids])
    qids = list(queries)
    similarities = (vectorizer.transform([queries[q] for q in qids]) @ pool.T).toarray()
    top = np.argsort(-similarities, axis=1, kind="stable")[:, :5]
    return {q: [ids[j] for j in top[n]] for n, q in enumerate(qids)}


def report(collection: Collection, split: str) -> list[tuple[str, Scores]]:
    gold = collection.split(split)
    queries = {q: collection.queries[q] for q in gold}
    rows = []
    start = time.perf_counter()
    matcher, ids = build_matcher(collection)
    built = time.perf_counter()
    rankings = matcher_rankings(matcher, ids, queries, collection.speakers, collection.dates)
    rows.append(("claimdesk Matcher", evaluate(rankings, gold)))
    per_query = (time.perf_counter() - built) / max(len(queries), 1) * 1000
    log(f"{collection.name}: matcher built in {built - start:.1f} s, {per_query:.1f} ms per query")
    if collection.speakers:
        matcher, ids = build_matcher(collection, speakers=False)
        rows.append(("  ... without speakers", evaluate(matcher_rankings(matcher, ids, queries, None,
                                                                         collection.dates), gold)))
        matcher, ids = build_matcher(collection, speakers=False, dates=False)
        rows.append(("  ... nor dates", evaluate(matcher_rankings(matcher, ids, queries), gold)))
    for scorer in (fuzz.token_set_ratio, fuzz.token_sort_ratio):
        rows.append((scorer.__name__, evaluate(fuzzy_rankings(collection, queries, scorer), gold)))
    rows.append(("tfidf-char 3-5", evaluate(tfidf_rankings(collection, queries, False), gold)))
    rows.append(("tfidf-char 3-5 +title", evaluate(tfidf_rankings(collection, queries, True), gold)))
    return rows


def print_table(name: str, split: str, rows: list[tuple[str, Scores]]) -> None:
    print(f"\n{name} ({split}, {rows[0][1].queries} queries)")
    print(f"  {'system':<24} {'MAP@5':>6} {'P@1':>6} {'R@5':>6}")
    for system, s in rows:
        print(f"  {system:<24} {s.map5:6.3f} {s.p1:6.3f} {s.recall5:6.3f}")


def training_rows(collections: list[Collection], speakers: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The signals and labels of the train queries' candidates; `speakers`: with speakers and dates."""
    features, labels = [], []
    for collection in collections:
        matcher, ids = build_matcher(collection, speakers, dates=speakers)
        for qid, relevant in collection.split("train").items():
            speaker = collection.speakers.get(qid) if speakers else None
            date = collection.dates.get(qid) if speakers else None
            for candidate, values in matcher.signals(collection.queries[qid], speaker=speaker, date=date):
                features.append(values)
                labels.append(int(ids[candidate.claim_id] in relevant))
        log(f"{collection.name}: {len(labels)} training rows so far ({collection.dropped} train queries left out:"
            " another set's dev queries)")
    return np.array(features), np.array(labels)


def fit(data: Path, collections: list[Collection]) -> None:
    """Ranking, two stages, train splits only. 1: the text signals, pooled over the three sets, speakers and
    dates left out (as for a claim whose speaker is unknown). 2: the speaker and date signals, on the sets that
    know them (2B), as an adjustment of stage 1's logit: fitted with that logit as one more input, divided by
    its coefficient, so the scale of stage 1 is kept and a claim without speaker or date ranks as before.
    Then the score model (stage 3, match_calibration.py)."""
    from sklearn.linear_model import LogisticRegression

    base = match_features.RANKING - len(match_features.SPEAKER_FEATURES) - len(match_features.DATE_FEATURES)
    x, y = training_rows(collections, speakers=False)
    model = LogisticRegression(C=1.0, max_iter=5000).fit(x[:, :base], y)
    print(f"# stage 1: {len(y)} rows, {int(y.sum())} positive; features {match_features.FEATURES[:base]}")
    x, y = training_rows([c for c in collections if c.speakers])
    stage2 = LogisticRegression(C=1.0, max_iter=5000).fit(
        np.column_stack([model.decision_function(x[:, :base]), x[:, base : match_features.RANKING]]), y)
    slope, *adjust = stage2.coef_[0]
    print(f"# stage 2: {len(y)} rows, {int(y.sum())} positive; logit coefficient {slope:.3f}")
    fitted = tuple(round(float(w), 3) for w in [*model.coef_[0], *(np.array(adjust) / slope)])
    bias = round(float(model.intercept_[0]), 3)
    print(f"WEIGHTS = ({', '.join(f'{w:.3f}' for w in fitted)})\nBIAS = {bias:.3f}")
    pool = next(c for c in collections if c.name == "2021-2A")
    logits, labels = pair_logits(pool, load_pairs(data), lambda v: model.decision_function(v[:, :base]))
    platt = LogisticRegression(C=100.0).fit(np.array(logits)[:, None], labels)
    slope, offset = platt.coef_[0][0], platt.intercept_[0]
    print(f"RANK_CALIBRATION = ({slope:.3f}, {offset:.3f})  # on {len(labels)} ClaimMatch pairs")
    fit_calibration(data, collections, functools.partial(match_features.logit, weights=fitted, bias=bias))


def pair_logits(collection: Collection, pairs: list[tuple[str, str, int]], decide) -> tuple[list, list]:
    """The ranking logit of claim2 for claim1; a pair never retrieved gets the lowest logit seen, less 1."""
    matcher, ids = build_matcher(collection)
    base = len(ids)
    matcher.add_many((base + n, None, claim2) for n, (_, claim2, _) in enumerate(pairs))
    logits: list[float | None] = []
    for n, (claim1, _, _) in enumerate(pairs):
        found = [values for candidate, values in matcher.signals(claim1) if candidate.claim_id == base + n]
        logits.append(float(decide(np.array(found))[0]) if found else None)
    floor = min(z for z in logits if z is not None) - 1.0
    return [floor if z is None else z for z in logits], [label for _, _, label in pairs]


def pair_scores(collection: Collection, pairs: list[tuple[str, str, int]]) -> list[tuple[float, int]]:
    """The Matcher's score of claim2 for claim1 (0 when not retrieved); the index: 2A pool + the claim2s."""
    matcher, ids = build_matcher(collection)
    base = len(ids)
    matcher.add_many((base + n, None, claim2) for n, (_, claim2, _) in enumerate(pairs))
    out = []
    for n, (claim1, _, label) in enumerate(pairs):
        found = {h.claim_id: h.score for h in matcher.search(claim1, limit=100, min_score=0.0)}
        out.append((found.get(base + n, 0.0), label))
    return out


def top1_scores(collection: Collection, split: str) -> list[tuple[float, int]]:
    """For each query, the best hit's score and whether it is a right answer."""
    matcher, ids = build_matcher(collection)
    out = []
    for qid, relevant in collection.split(split).items():
        hits = matcher.search(collection.queries[qid], limit=1, min_score=0.0)
        out.append((hits[0].score, int(ids[hits[0].claim_id] in relevant)) if hits else (0.0, 0))
    return out


def print_precision_recall(name: str, scored: list[tuple[float, int]]) -> None:
    positives = sum(label for _, label in scored) or 1
    print(f"\n{name}: {len(scored)} items, {positives} positive")
    print(f"  {'score >=':>8} {'precision':>9} {'recall':>7} {'F1':>6}")
    for cut in (5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90):
        kept = [label for score, label in scored if score >= cut]
        precision = sum(kept) / len(kept) if kept else 1.0
        recall = sum(kept) / positives
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"  {cut:8d} {precision:9.3f} {recall:7.3f} {f1:6.3f}")


def thresholds(data: Path, collections: list[Collection], split: str) -> None:
    pool = next(c for c in collections if c.name == "2021-2A")
    print_precision_recall("ClaimMatch pairs (claim2 scored for claim1)", pair_scores(pool, load_pairs(data)))
    for collection in collections:
        scored = top1_scores(collection, split)
        print_precision_recall(f"{collection.name} {split}: top-1 hit correct", scored)


def case_outcome(score: float, kind: str, thresholds: Thresholds) -> str:
    return "same" if kind == "same" else "related" if score >= thresholds.related else "different"


def case_passes(expected: str, got: str) -> bool:
    """same: shown as the same claim; related (another claim on the topic): never "same"; different: not shown."""
    return got == expected or (expected == "related" and got == "different")


def corpus_report(path: Path = CASES) -> None:
    """Accuracy on our invented pairs per expected label: the Matcher (archive: every row's `b`) and
    token_set_ratio (on default_process'd texts, "same" only from 8 words, as the Matcher)."""
    with path.open(newline="", encoding="utf-8") as handle:
        cases = list(csv.DictReader(handle, delimiter="\t"))
    thresholds, matcher = Thresholds(), Matcher()
    matcher.add_many((n, None, case["b"]) for n, case in enumerate(cases))
    passed: dict[str, dict[str, list[bool]]] = {"claimdesk Matcher": {}, "token_set_ratio": {}}
    for n, case in enumerate(cases):
        hit = next((h for h in matcher.search(case["a"], limit=len(cases), min_score=0.0) if h.claim_id == n), None)
        got = case_outcome(hit.score, hit.kind, thresholds) if hit else "different"
        passed["claimdesk Matcher"].setdefault(case["expected"], []).append(case_passes(case["expected"], got))
        ratio = fuzz.token_set_ratio(utils.default_process(case["a"]), utils.default_process(case["b"]))
        short = min(len(case["a"].split()), len(case["b"].split())) < thresholds.min_words_for_same
        kind = "same" if ratio >= thresholds.same and not short else "related"
        passed["token_set_ratio"].setdefault(case["expected"], []).append(
            case_passes(case["expected"], case_outcome(ratio, kind, thresholds)))
    labels = list(passed["claimdesk Matcher"])
    print(f"\nOur invented pairs ({path.name}, {len(cases)} rows): share right per expected label")
    print(f"  {'system':<24} " + " ".join(f"{f'{label} ({len(passed[next(iter(passed))][label])})':>15}"
                                          for label in labels))
    for system, by_label in passed.items():
        print(f"  {system:<24} " + " ".join(f"{sum(by_label[label]) / len(by_label[label]):15.3f}" for label in labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="the folder of the CheckThat! sets (e.g. ../shared/data)")
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--fit", action="store_true", help="fit the re-ranking weights on the train splits")
    parser.add_argument("--thresholds", action="store_true", help="precision and recall by score cut-off")
    parser.add_argument("--context", type=int, default=0, metavar="LINES",
                        help="also report 2021 2B with LINES transcript lines before each query and speakers")
    args = parser.parse_args()
    collections = load_all(args.data)
    if args.thresholds:
        thresholds(args.data, collections, args.split)
        return
    if args.fit:
        fit(args.data, collections)
        return
    if args.context:
        collections.append(with_context(collections[-1], args.data, args.context))
    for collection in collections:
        print_table(collection.name, args.split, report(collection, args.split))
    if CASES.exists():
        corpus_report()


if __name__ == "__main__":
    main()
