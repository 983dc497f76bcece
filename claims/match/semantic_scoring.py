"""SemanticScoring: how Matcher.search chooses and scores its hits once sentence embeddings are in play
(Matcher.use_semantics), and Semantics, what that needs.

The candidates are the lexical ones (claims.match.candidates) and, with a dense search, the claims nearest the
query by embedding that those missed (claims.match.dense); one text per claim (its own or its fact-check title,
whichever ranks better lexically). Each gets the rows of claims.match.semantic.ALL_FEATURES (the lexical signals
and the cosines, ranks and ratio); the semantic ranker orders them, near copies first; the decision model scores
the best `limit` (a near copy at least its ratio less signals.COPY_MARGIN, as lexically) and the model's own
"same" and "related" decide the kind and what is shown.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from claims.match.candidates import CandidateSearch, Scored
from claims.match.dense import DenseVectors
from claims.match.hits import MatchHit
from claims.match.index import MatchIndex
from claims.match.normalise import word_count
from claims.match.semantic import ALL_FEATURES, SemanticModel, semantic_values
from claims.match.signals import COPY_MARGIN, COPY_RATIO, rankings


@dataclass(frozen=True)
class Semantics:
    """What matching with sentence embeddings needs (Matcher.use_semantics)."""

    vectors: DenseVectors
    encode: Callable[[list[str]], np.ndarray]
    model: SemanticModel
    dense_search: bool


class SemanticScoring:
    """The semantic scoring path, with `semantics`, over candidates gathered by `candidates` from `index` (guarded
    by `lock`)."""

    def __init__(self, semantics: Semantics, candidates: CandidateSearch, index: MatchIndex, lock: threading.Lock):
        self.semantics = semantics
        self._candidates = candidates
        self._index = index
        self._lock = lock

    @property
    def vectors(self) -> DenseVectors:
        """Every indexed claim's sentence embeddings (and its title's)."""
        return self.semantics.vectors

    @property
    def shown_from(self) -> float:
        """The lowest score a default search shows (the semantic model's "related" threshold)."""
        return self.semantics.model.related

    def search(self, text: str, limit: int, exclude_article_id: int | None, min_score: float | None,
               speaker: str | None, date: dt.date | str | None) -> list[MatchHit]:
        """Matcher.search with sentence embeddings: lexical and dense candidates, ordered by the semantic ranker,
        each of the best `limit` scored by the decision model (claims.match.semantic) and shown from its "related"
        up."""
        sem = self.semantics
        query = np.asarray(sem.encode([text or ""])[0], dtype=np.float32)
        found, values = self.candidates(text, query, exclude_article_id, speaker, date)
        if not found:
            return []
        z = sem.model.rank_logits(values)
        copies = np.array([ratio if ratio >= COPY_RATIO else 0.0 for _, _, ratio in found])
        order = np.lexsort((-z, -copies))  # near copies first (closest first), then by the ranking logit
        top = order[: max(limit, 0)]
        with self._lock:
            words = np.array([self._index.words(found[n][0].slot) for n in top])
        scores = sem.model.decide(z[order], values[top], word_count(text or ""), words)
        scores = np.maximum(scores, np.where(copies[top] > 0, copies[top] - COPY_MARGIN, 0.0))  # as lexical scores
        floor = sem.model.related if min_score is None else min_score
        hits = [MatchHit(found[n][0].claim_id, round(float(value), 2), "same" if value >= sem.model.same else "related")
                for n, value in zip(top, scores, strict=True) if value >= floor]
        return sorted(hits, key=lambda hit: (hit.kind != "same", -hit.score))

    def candidates(self, text: str, query: np.ndarray, exclude_article_id: int | None = None,
                   speaker: str | None = None, date: dt.date | str | None = None) -> tuple[list[Scored], np.ndarray]:
        """The candidates of a semantic search (lexical, then the dense search's nearest the lexical one missed),
        one per claim (its own text or its fact-check title, whichever ranks better lexically), with their rows of
        claims.match.semantic.ALL_FEATURES; `query` is the text's unit vector."""
        sem = self.semantics
        nearest = sem.vectors.search(query, sem.model.dense_k + 10) if sem.dense_search else []
        scored = self._candidates.scored(text, exclude_article_id, speaker, date, nearest, sem.model.dense_k)
        with self._lock:
            titles = [self._index.is_title(c.slot) for c, _, _ in scored]
        ranks = rankings([v for _, v, _ in scored], [ratio for _, _, ratio in scored], titles)
        best: dict[int, int] = {}
        for n, (c, _, _) in enumerate(scored):
            if c.claim_id not in best or ranks[n] > ranks[best[c.claim_id]]:
                best[c.claim_id] = n
        found = [scored[n] for n in sorted(best.values())]
        return found, self.signals(query, found, nearest)

    def signals(self, query: np.ndarray, found: list[Scored], nearest: list[int]) -> np.ndarray:
        """Rows of claims.match.semantic.ALL_FEATURES for the candidates `found` by CandidateSearch.scored (lexical
        ones first, then those only the dense search (`nearest`, best first) found)."""
        if not found:
            return np.zeros((0, len(ALL_FEATURES)))
        ids = [c.claim_id for c, _, _ in found]
        cos_claim, cos_title, has_title = self.semantics.vectors.cosines(query, ids)
        dense_rank = {claim_id: n for n, claim_id in enumerate(nearest)}
        return np.array([values + semantic_values(float(cos_claim[n]), float(cos_title[n]), bool(has_title[n]),
                                                  dense_rank.get(c.claim_id), n if c.bm25 > 0 else None, ratio)
                         for n, (c, values, ratio) in enumerate(found)], dtype=np.float64)
