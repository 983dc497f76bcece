"""MatchIndex: an in-memory inverted index from content terms to claims, for candidate retrieval.

Each claim gets a slot; postings are growable int32 arrays, so a claim joins in O(its terms) with no rebuild.
A query looks up only its rarest terms (the ones that carry most of the evidence and have the shortest
postings), adds their IDF weights per slot with numpy, and returns the best-scoring slots.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

import numpy as np

NO_ARTICLE = -1


@dataclass(frozen=True)
class Candidate:
    slot: int
    claim_id: int
    overlap: float  # sum of IDF weights of the query terms found in the claim


class MatchIndex:
    """Term -> slots postings plus per-slot claim id, article id, stored text and liveness."""

    def __init__(self) -> None:
        self._term_ids: dict[str, int] = {}
        self._postings: list[array] = []
        self._claim_ids = array("q")
        self._article_ids = array("q")
        self._texts: list[str] = []
        self._alive = bytearray()
        self._slot_of: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, claim_id: int) -> bool:
        return claim_id in self._slot_of

    def add(self, claim_id: int, article_id: int | None, text: str, terms: list[str]) -> int:
        if claim_id in self._slot_of:
            self.remove(claim_id)
        slot = len(self._claim_ids)
        self._claim_ids.append(claim_id)
        self._article_ids.append(NO_ARTICLE if article_id is None else article_id)
        self._texts.append(text)
        self._alive.append(1)
        self._slot_of[claim_id] = slot
        for term_id in {self._term_id(t) for t in terms}:
            self._postings[term_id].append(slot)
        return slot

    def remove(self, claim_id: int) -> None:
        slot = self._slot_of.pop(claim_id, None)
        if slot is not None:
            self._alive[slot] = 0
            self._texts[slot] = ""

    def text(self, slot: int) -> str:
        return self._texts[slot]

    def claim_id(self, slot: int) -> int:
        return self._claim_ids[slot]

    def article_id(self, slot: int) -> int | None:
        value = self._article_ids[slot]
        return None if value == NO_ARTICLE else value

    def idf(self, term: str) -> float:
        """BM25-style IDF over all slots ever added (removed ones included: cheap and close enough)."""
        n = max(len(self._claim_ids), 1)
        term_id = self._term_ids.get(term)
        df = 0 if term_id is None else len(self._postings[term_id])
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def candidates(self, terms: list[str], limit: int = 200, max_terms: int = 8,
                   exclude_article_id: int | None = None) -> list[Candidate]:
        """The live slots sharing the most IDF weight with the query's `max_terms` rarest known terms."""
        chosen = self._rarest(terms, max_terms)
        if not chosen:
            return []
        slots = np.concatenate([np.frombuffer(self._postings[t], dtype=np.int32) for t, _ in chosen])
        weights = np.concatenate([np.full(len(self._postings[t]), w, dtype=np.float32) for t, w in chosen])
        unique, inverse = np.unique(slots, return_inverse=True)
        totals = np.bincount(inverse, weights=weights)
        keep = self._live_mask(unique, exclude_article_id)
        unique, totals = unique[keep], totals[keep]
        if len(unique) > limit:
            top = np.argpartition(-totals, limit - 1)[:limit]
            unique, totals = unique[top], totals[top]
        order = np.argsort(-totals, kind="stable")
        return [Candidate(int(unique[i]), self._claim_ids[int(unique[i])], float(totals[i])) for i in order]

    def _rarest(self, terms: list[str], max_terms: int) -> list[tuple[int, float]]:
        known = {self._term_ids[t] for t in terms if t in self._term_ids}
        known = {t for t in known if len(self._postings[t]) > 0}
        ranked = sorted(known, key=lambda t: len(self._postings[t]))[:max_terms]
        n = len(self._claim_ids)
        return [(t, math.log(1.0 + (n - len(self._postings[t]) + 0.5) / (len(self._postings[t]) + 0.5)))
                for t in ranked]

    def _live_mask(self, slots: np.ndarray, exclude_article_id: int | None) -> np.ndarray:
        alive = np.frombuffer(self._alive, dtype=np.uint8)[slots].astype(bool)
        if exclude_article_id is not None:
            articles = np.frombuffer(self._article_ids, dtype=np.int64)[slots]
            alive &= articles != exclude_article_id
        return alive

    def _term_id(self, term: str) -> int:
        term_id = self._term_ids.get(term)
        if term_id is None:
            term_id = len(self._postings)
            self._term_ids[term] = term_id
            self._postings.append(array("i"))
        return term_id
