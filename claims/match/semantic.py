"""The semantic matching model: how candidates are ordered and decided once sentence embeddings are in play.

With embeddings (claims.match.dense), each candidate has, besides the lexical signals (claims.match.signals
FEATURES), SEMANTIC_FEATURES: the cosine of the query's embedding with the claim's and with its fact-check title's
(and the better of the two), whether it has a title, its rank in the dense search and in the lexical order, and
the texts' fuzz.ratio. Two logistic models read them (weights in data/matching/semantic_model.json, fitted by
benchmarks/match_fit.py on the CheckThat! train splits only):

- the ranker orders the candidates (`rank_logits`);
- the decision gives each of the best few a 0..100 score, 100 x the probability that it is an earlier check of
  the query's claim (`decide`), from the hit's own signals only (its ranking logit, the cosines, term covers,
  word alignment, numbers, negation, lengths): a score does not depend on what else the archive holds. It was
  fitted on queries searched twice, against the whole pool and with their right answers removed, so a
  good-looking best candidate of a query with no earlier check is a negative. (Inputs saying how far the best
  candidate stands out from the others did no better on dev, and showed the best of a few unrelated claims in a
  small archive.)

The thresholds "same" and "related" that go with these scores are in the same file.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claims.match.signals import FEATURES

SEMANTIC_FEATURES = ("cos_claim", "cos_title", "cos_max", "has_title", "dense_rank", "lexical_rank", "copy_ratio")
ALL_FEATURES = (*FEATURES, *SEMANTIC_FEATURES)
DECISION_FEATURES = ("z", "cos_max", "cos_claim", "cover_query", "cover_claim", "align_min", "numbers_missing",
                     "negation_differs", "char_cosine", "query_words", "claim_words")
MODEL_FILE = Path(__file__).resolve().parent / "data" / "matching" / "semantic_model.json"
DENSE_K = 20  # candidates the dense search adds
# A pair whose embeddings are this close is at least "possibly related" (CLOSE_SCORE): the decision was fitted on
# tweets and debate lines against fact-check summaries, and under-scores a news claim reworded within its genre
# ("6,000 people forced from homes by flood" / "The flood forced 6,000 people from their homes": cosine 0.97,
# scored 32). On the dev sets the floor changes no answers-removed figure (benchmarks/match_fit.py).
CLOSE_COSINE, CLOSE_SCORE = 0.85, 50.0
ABSENT_RANK = 100  # the rank given to a candidate the dense search (or the lexical one) did not find
_AT = {name: n for n, name in enumerate(ALL_FEATURES)}


@dataclass(frozen=True)
class SemanticModel:
    ranker: tuple[tuple[str, ...], np.ndarray, float]
    decision: tuple[np.ndarray, float]
    same: float
    related: float
    dense_k: int

    @classmethod
    def from_json(cls, data: dict) -> SemanticModel:
        ranker, decision, thresholds = data["ranker"], data["decision"], data["thresholds"]
        if tuple(decision["features"]) != DECISION_FEATURES:
            raise ValueError("the semantic model's decision inputs are not this claimdesk's")
        unknown = {part for name in ranker["features"] for part in name.split("*")} - set(ALL_FEATURES)
        if unknown:
            raise ValueError(f"the semantic model names unknown signals: {sorted(unknown)}")
        return cls((tuple(ranker["features"]), np.array(ranker["weights"], dtype=np.float64), float(ranker["bias"])),
                   (np.array(decision["weights"], dtype=np.float64), float(decision["bias"])),
                   float(thresholds["same"]), float(thresholds["related"]), int(data.get("dense_k", DENSE_K)))

    @classmethod
    def untrained(cls) -> SemanticModel:
        """No weights (for gathering the signals a model is fitted on: benchmarks/match_fit.py)."""
        return cls(((), np.zeros(0), 0.0), (np.zeros(len(DECISION_FEATURES)), 0.0), 101.0, 101.0, DENSE_K)

    def rank_logits(self, values: np.ndarray) -> np.ndarray:
        """The ranking logit of each candidate (rows of ALL_FEATURES)."""
        names, weights, bias = self.ranker
        return bias + inputs(names, values) @ weights

    def decide(self, z_sorted: np.ndarray, values: np.ndarray, query_words: int, claim_words: np.ndarray
               ) -> np.ndarray:
        """0..100 for each of the best len(values) candidates: `z_sorted` every candidate's logit best first,
        `values` the first ones' signals, `claim_words` their word counts."""
        weights, bias = self.decision
        logit = bias + decision_inputs(z_sorted, values, query_words, claim_words) @ weights
        score = 100.0 / (1.0 + np.exp(-np.clip(logit, -50.0, 50.0)))
        return np.maximum(score, np.where(values[:, _AT["cos_max"]] >= CLOSE_COSINE, CLOSE_SCORE, 0.0))


def inputs(names: tuple[str, ...], values: np.ndarray) -> np.ndarray:
    """The named inputs from rows of ALL_FEATURES; "a*b" is the product of two signals."""
    columns = []
    for name in names:
        a, _, b = name.partition("*")
        columns.append(values[:, _AT[a]] * values[:, _AT[b]] if b else values[:, _AT[a]])
    return np.column_stack(columns) if columns else np.zeros((len(values), 0))


def decision_inputs(z_sorted: np.ndarray, values: np.ndarray, query_words: int, claim_words: np.ndarray
                    ) -> np.ndarray:
    """One row of DECISION_FEATURES per hit (the first len(values) of the candidates ordered by logit). Only the
    hit's own signals: a score does not depend on what else the archive holds (in a small archive the best of a
    few unrelated claims would otherwise stand out and be shown)."""
    k = len(values)
    return np.column_stack([
        np.asarray(z_sorted, dtype=np.float64)[:k],
        values[:, _AT["cos_max"]],
        values[:, _AT["cos_claim"]],
        values[:, _AT["cover_query"]],
        values[:, _AT["cover_claim"]],
        values[:, _AT["align_min"]],
        values[:, _AT["numbers_missing"]],
        values[:, _AT["negation_differs"]],
        values[:, _AT["char_cosine"]],
        np.full(k, math.log1p(query_words)),
        np.log1p(np.asarray(claim_words, dtype=np.float64)),
    ])


def semantic_values(cos_claim: float, cos_title: float, has_title: bool, dense_rank: int | None,
                    lexical_rank: int | None, ratio: float) -> list[float]:
    """A candidate's SEMANTIC_FEATURES."""
    return [cos_claim, cos_title, max(cos_claim, cos_title) if has_title else cos_claim, float(has_title),
            math.log1p(ABSENT_RANK if dense_rank is None else dense_rank),
            math.log1p(ABSENT_RANK if lexical_rank is None else lexical_rank), ratio / 100.0]


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_FILE) -> SemanticModel | None:
    """The shipped model; None when the file is missing or not this claimdesk's (matching stays lexical)."""
    try:
        return SemanticModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
