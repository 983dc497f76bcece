"""Matcher: which earlier claims in the archive a claim matches, as "same" or "related", best first.

Candidate retrieval from an inverted index of rare content terms (claims.match_index), then a rapidfuzz
re-ranking of the candidates. Scores run 0..100. Two thresholds, as Meedan Check uses: at or above `same`
a match is the same claim, between `related` and `same` it is possibly related; a match in which either claim
has fewer than `min_words_for_same` words is never "same".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from claims.match_index import MatchIndex
from claims.normalise import terms, word_count


@dataclass(frozen=True)
class MatchHit:
    claim_id: int
    score: float  # similarity 0..100
    kind: str  # "same" (at or above the high threshold) or "related" (between the low and the high one)


@dataclass(frozen=True)
class Thresholds:
    """Score cut-offs. same: shown as the same claim; related: shown as possibly related."""

    same: float = 75.0
    related: float = 45.0
    min_words_for_same: int = 8


def weighted_dice(query: set[str], claim: set[str], idf: Callable[[str], float]) -> float:
    """2 x IDF weight of the shared terms / (weight of the query's terms + weight of the claim's), 0..1."""
    total = sum(map(idf, query)) + sum(map(idf, claim))
    return 2 * sum(map(idf, query & claim)) / total if total > 0 else 0.0


def similarity(query_key: str, claim_key: str, idf: Callable[[str], float]) -> float:
    """Half word-order-free fuzzy similarity of the term strings, half IDF-weighted term overlap."""
    if not query_key or not claim_key:
        return 0.0
    fuzzy = fuzz.token_sort_ratio(query_key, claim_key)
    overlap = weighted_dice(set(query_key.split()), set(claim_key.split()), idf)
    return 0.5 * fuzzy + 50.0 * overlap


class Matcher:
    """An incremental index of earlier claims, searched by similarity to a new claim."""

    def __init__(self, thresholds: Thresholds | None = None, candidates: int = 200):
        self.thresholds = thresholds or Thresholds()
        self._index = MatchIndex()
        self._words: dict[int, int] = {}
        self._candidates = candidates

    def __len__(self) -> int:
        return len(self._index)

    def add(self, claim_id: int, article_id: int | None, text: str) -> None:
        """Add (or replace) one claim; it is searchable at once."""
        text = text or ""
        found = terms(text)
        self._index.add(claim_id, article_id, " ".join(found), found)
        self._words[claim_id] = word_count(text)

    def add_many(self, rows: Iterable[tuple[int, int | None, str]]) -> None:
        for claim_id, article_id, text in rows:
            self.add(claim_id, article_id, text)

    def remove(self, claim_id: int) -> None:
        self._index.remove(claim_id)
        self._words.pop(claim_id, None)

    def search(self, text: str, limit: int = 5, exclude_article_id: int | None = None,
               min_score: float | None = None) -> list[MatchHit]:
        """The best `limit` earlier claims scoring at least `min_score` (default: the related threshold)."""
        text = text or ""
        floor = self.thresholds.related if min_score is None else min_score
        query_terms = terms(text)
        query_key = " ".join(query_terms)
        found = self._index.candidates(query_terms, self._candidates, exclude_article_id=exclude_article_id)
        idf = self._index.idf
        scored = [(similarity(query_key, self._index.text(c.slot), idf), c.claim_id) for c in found]
        scored = sorted((s for s in scored if s[0] >= floor), key=lambda s: (-s[0], s[1]))[: max(limit, 0)]
        words = word_count(text)
        return [MatchHit(cid, round(score, 2), self._kind(score, words, cid)) for score, cid in scored]

    def _kind(self, score: float, query_words: int, claim_id: int) -> str:
        short = min(query_words, self._words.get(claim_id, 0)) < self.thresholds.min_words_for_same
        return "same" if score >= self.thresholds.same and not short else "related"
