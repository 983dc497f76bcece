"""Fact-check titles as a second text of their claim: the fit of the offsets that put a title's score and ranking
logits on its claim's scale (claims.match.signals.TITLE_SCORE, TITLE_RANK), and what titles do on dev.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/match_titles.py ../shared/data          # dev figures
    PYTHONPATH=$PWD .venv/bin/python benchmarks/match_titles.py ../shared/data --fit    # refit on train

An imported check is indexed twice, its claim and its title (claims.match.slot_ids), each text scored by the same
models and the better counting. Text by text, a title is about as reliable as a claim at the same score, but a
claim with two texts has two chances to score high: taking the better of two inflates its score against claims
with one text, and a headline is often short and topical ("Global Warming: 1922", "Black Panthers"), high against
any long query holding its few words. The fit: the pools of CheckThat! 2020 task 2, 2021 2A and 2B indexed as an
import indexes them (claims, then titles), every train query searched (no speaker or date, as `claimdesk match`
searches; train queries that are another set's dev queries left out, checkthat.without_dev_copies), its candidate
texts kept; then for each pair of offsets on a grid (added to a title's score logit and ranking logit) the hits
are chosen again from the kept candidates (LexicalScoring.chosen, exact), giving MAP@5 as shown, MAP@5 without
thresholds, and the share of queries that still show a match when their right answers (and the pool claims with
the same letters and digits) are taken out of the kept candidates (an estimate: benchmarks/match_product_path.py
imports the pool without them). The offsets kept: the best sum of the two MAP@5s (means over the three sets)
among those that show a match to no more queries without their answers than the claims alone do (titles must not
make the desk cry wolf more often); ties go to the smaller change.

Dev figures: in-process (Matcher over each pool, default thresholds), MAP@5 shown / without thresholds and the
estimated answers-removed share, for the claims alone, with titles unmapped (offsets 0), and with the fitted
offsets. Nothing here is run by the test suite.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from checkthat import Collection, evaluate, load_all

from claims.match import signals
from claims.match.matcher import Matcher, Thresholds
from claims.match.normalise import word_count

SPLITS = ("2020-task2", "2021-2A", "2021-2B")
SCORE_OFFSETS = np.round(np.arange(-2.0, 0.51, 0.25), 2)  # logit offsets tried for a title's score logit
RANK_OFFSETS = np.round(np.arange(-4.0, 0.01, 0.5), 2)  # and for its ranking logit


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class Searched:
    """One collection's pool indexed and each query's candidate texts (CandidateSearch.scored), kept to choose again."""

    matcher: Matcher
    ids: list[str]  # claim id -> pool id
    gold: dict[str, set[str]]
    candidates: dict[str, list]
    words: dict[str, int]
    removed: dict[str, set[str]]  # a query's answers and the pool claims with their letters and digits

    def figures(self, offsets: tuple[float, float]) -> tuple[float, float, float]:
        """MAP@5 shown, MAP@5 without thresholds, and the share of queries showing a match without their answers,
        with these offsets added to titles' score and ranking logits."""
        signals.TITLE_SCORE, signals.TITLE_RANK = (1.0, offsets[0]), (1.0, offsets[1])
        shown, everything, removed = {}, {}, 0
        for q, scored in self.candidates.items():
            words, chosen = self.words[q], self.matcher._lexical.chosen
            shown[q] = [self.ids[h.claim_id] for h in chosen(scored, words, 5, None)]
            everything[q] = [self.ids[h.claim_id] for h in chosen(scored, words, 5, 0.0)]
            wrong = [row for row in scored if self.ids[row[0].claim_id] not in self.removed[q]]
            removed += bool(chosen(wrong, words, 5, None))
        return evaluate(shown, self.gold).map5, evaluate(everything, self.gold).map5, removed / len(self.gold)


def searched(collection: Collection, split: str, titles: bool = True) -> Searched:
    ids = list(collection.pool)
    matcher = Matcher(Thresholds())
    matcher.add_many((n, None, one_line(collection.pool[vid].get("vclaim"))) for n, vid in enumerate(ids))
    if titles:
        matcher.add_titles((n, one_line(collection.pool[vid].get("title"))) for n, vid in enumerate(ids))
    gold = collection.split(split)
    queries = {q: one_line(collection.queries[q]) for q in gold}
    candidates = {q: matcher._candidates.scored(text, None, None) for q, text in queries.items()}
    log(f"{collection.name} {split}: {len(gold)} queries searched")
    by_text: dict[str, set[str]] = {}
    for vid, fields in collection.pool.items():
        by_text.setdefault(same_text(fields.get("vclaim", "")), set()).add(vid)
    removed = {q: answers | {other for vid in answers for other in by_text[same_text(collection.pool[vid]["vclaim"])]}
               for q, answers in gold.items()}
    return Searched(matcher, ids, gold, candidates, {q: word_count(text) for q, text in queries.items()}, removed)


def same_text(text: str) -> str:
    """Letters and digits only, lower case (as benchmarks/match_product_path.py removes an answer's copies)."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def fit(collections: list[Collection]) -> None:
    plain = [searched(c, "train", titles=False).figures((0.0, 0.0)) for c in collections]
    sets = [searched(c, "train") for c in collections]
    limit = float(np.mean([f[2] for f in plain]))
    print("claims alone: " + ", ".join(f"{c.name} {f[0]:.3f} / {f[1]:.3f} / {f[2]:.3f}"
                                       for c, f in zip(collections, plain, strict=True)))
    print("\n| score offset | rank offset | " + " | ".join(f"{c.name} shown / all / removed" for c in collections)
          + " |")
    print("|---|---|" + "---|" * len(collections))
    best = None
    for offsets in itertools.product(SCORE_OFFSETS, RANK_OFFSETS):
        figures = [s.figures(offsets) for s in sets]
        shown, everything, removed = (float(np.mean([f[n] for f in figures])) for n in range(3))
        key = (round(shown + everything, 4), -abs(offsets[0]) - abs(offsets[1]))
        if removed <= limit and (best is None or key > best[0]):
            best = (key, offsets)
        print(f"| {offsets[0]:+.2f} | {offsets[1]:+.2f} | "
              + " | ".join(f"{f[0]:.3f} / {f[1]:.3f} / {f[2]:.3f}" for f in figures) + " |", flush=True)
    if best is None:
        print("\nno offsets keep the answers-removed share at the claims' alone")
        return
    score, rank = best[1]
    print(f"\nbest MAP@5 shown + without thresholds {best[0][0]:.4f} (means), answers removed at most {limit:.3f}:")
    print(f"TITLE_SCORE = (1.0, {score:.2f})")
    print(f"TITLE_RANK = (1.0, {rank:.2f})")


def dev_figures(collections: list[Collection]) -> None:
    fitted = signals.TITLE_SCORE[1], signals.TITLE_RANK[1]
    print("| set | queries | claims only | + titles, offsets 0 | + titles, fitted offsets |")
    print("|---|---|---|---|---|")
    for collection in collections:
        plain, titled = searched(collection, "dev", titles=False), searched(collection, "dev")
        cells = [plain.figures((0.0, 0.0)), titled.figures((0.0, 0.0)), titled.figures(fitted)]
        print(f"| {collection.name} | {len(plain.gold)} | "
              + " | ".join(f"{f[0]:.3f} / {f[1]:.3f} / {f[2]:.3f}" for f in cells) + " |", flush=True)
    print("(each cell: MAP@5 shown / without thresholds / share showing a match with its answers removed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--fit", action="store_true", help="fit TITLE_SCORE and TITLE_RANK on the train splits")
    args = parser.parse_args()
    collections = [c for c in load_all(args.data) if c.name in SPLITS]
    if args.fit:
        fit(collections)
    else:
        dev_figures(collections)


if __name__ == "__main__":
    main()
