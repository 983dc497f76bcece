"""Matcher: which earlier claims in the archive a claim matches, as "same" or "related", best first.

Candidate retrieval by BM25 over the rarest content terms of the query (claims.match_index), then a re-ranking
of the best candidates by a logistic model over lexical signals: IDF-weighted term cover both ways, character
n-gram cosine, rapidfuzz token_sort/token_set ratios, shared and missing numbers, length balance
(claims.match_features). Scores run 0..100. Two thresholds, as Meedan Check uses: at or above `same`
a match is the same claim, between `related` and `same` it is possibly related; a match in which either claim
has fewer than `min_words_for_same` words is never "same".
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from claims.match_features import Text, features, score
from claims.match_index import Candidate, MatchIndex
from claims.normalise import fuzz_key, word_count


@dataclass(frozen=True)
class MatchHit:
    claim_id: int
    score: float  # similarity 0..100
    kind: str  # "same" (at or above the high threshold) or "related" (between the low and the high one)


@dataclass(frozen=True)
class Thresholds:
    """Score cut-offs. same: shown as the same claim; related: shown as possibly related."""

    same: float = 90.0
    related: float = 50.0
    min_words_for_same: int = 8


class Matcher:
    """An incremental index of earlier claims, searched by similarity to a new claim.

    Thread-safe: one lock guards the index, so a worker thread may build it (add_many) while the UI thread
    searches; a search during the build sees the claims added so far.
    """

    def __init__(self, thresholds: Thresholds | None = None, candidates: int = 100, rerank: int = 50):
        self.thresholds = thresholds or Thresholds()
        self._index = MatchIndex()
        self._candidates = candidates
        self._rerank = rerank
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._index)

    def add(self, claim_id: int, article_id: int | None, text: str) -> None:
        """Add (or replace) one claim; it is searchable at once."""
        key = fuzz_key(text or "")
        terms, words = Text.terms_of(key), word_count(text or "")
        with self._lock:
            self._index.add(claim_id, article_id, key, terms, words)

    def add_many(self, rows: Iterable[tuple[int, int | None, str]]) -> None:
        for claim_id, article_id, text in rows:
            self.add(claim_id, article_id, text)

    def remove(self, claim_id: int) -> None:
        with self._lock:
            self._index.remove(claim_id)

    def search(self, text: str, limit: int = 5, exclude_article_id: int | None = None,
               min_score: float | None = None) -> list[MatchHit]:
        """The best `limit` earlier claims scoring at least `min_score` (default: the related threshold)."""
        floor = self.thresholds.related if min_score is None else min_score
        scored = [(score(values), c) for c, values in self.signals(text, exclude_article_id)]
        scored = sorted((s for s in scored if s[0] >= floor), key=lambda s: (-s[0], s[1].slot))
        words = word_count(text or "")
        with self._lock:
            return [MatchHit(c.claim_id, round(value, 2), self._kind(value, words, c.slot))
                    for value, c in scored[: max(limit, 0)]]

    def signals(self, text: str, exclude_article_id: int | None = None
                ) -> list[tuple[Candidate, list[float]]]:
        """The re-ranking signals (claims.match_features.FEATURES) of the best candidates for `text`."""
        query = Text.of(fuzz_key(text or ""))
        with self._lock:
            found = self._index.candidates(sorted(query.terms), self._candidates,
                                           exclude_article_id=exclude_article_id)
            found = [(c, self._index.text(c.slot)) for c in found[: self._rerank]]
            idfs = {t: self._index.idf(t) for _, text in found for t in Text.terms_of(text)} | {
                t: self._index.idf(t) for t in query.terms}
        return [(c, features(query, Text.of(text), c.bm25, idfs.__getitem__)) for c, text in found]

    def _kind(self, value: float, query_words: int, slot: int) -> str:
        short = min(query_words, self._index.words(slot)) < self.thresholds.min_words_for_same
        return "same" if value >= self.thresholds.same and not short else "related"
