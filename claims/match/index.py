"""MatchIndex: an in-memory inverted index from content terms to claims, for candidate retrieval.

Each claim gets a slot; postings are growable int32 arrays, so a claim joins in O(its terms) with no rebuild.
A query looks up only its rarest terms (the ones that carry most of the evidence and have the shortest
postings), adds their BM25 weights per slot with numpy (binary term frequency, length-normalised), and returns
the best-scoring slots; ties go to the earlier slot, so among duplicates the claim added first comes first.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

NO_ARTICLE = -1
K1, B = 1.2, 0.75
MAX_POSTINGS = 60_000  # past this many postings, further (commoner) query terms are skipped


@dataclass(frozen=True)
class Candidate:
    slot: int
    claim_id: int
    bm25: float  # BM25 of the claim for the query's chosen (rarest) terms


class MatchIndex:
    """Term -> slots postings plus per-slot claim id, article id, stored text, word count, speaker, date,
    liveness.

    Memory: per-slot data lives in flat arrays and one UTF-8 blob (no Python object per claim). A claim id
    is found by binary search while ids arrive in increasing order (as they do from the store), and in a
    small dict for those that do not.
    """

    def __init__(self) -> None:
        self._term_ids: dict[str, int] = {}
        self._postings: list[array] = []
        self._claim_ids = array("q")
        self._article_ids = array("q")
        self._blob = bytearray()
        self._offsets = array("Q", [0])
        self._alive = bytearray()
        self._lengths = array("H")
        self._words = array("H")
        self._chars = array("I")
        self._speakers = array("i")  # per slot, an index into _speaker_names (0: no speaker known)
        self._days = array("i")  # per slot, the claim's date as claims.match.normalise.day_number (0: unknown)
        self._speaker_names: list[str] = [""]
        self._speaker_ids: dict[str, int] = {"": 0}
        self._speaker_words: dict[str, list[int]] = {}  # a word of a speaker's name -> those speakers' ids
        self._total_length = 0
        self._live = 0
        self._sorted_upto = 0
        self._unsorted: dict[int, int] = {}

    def __len__(self) -> int:
        return self._live

    @property
    def slots(self) -> int:
        """How many slots were ever given (removed claims included): IDFs change when this does."""
        return len(self._claim_ids)

    def __contains__(self, claim_id: int) -> bool:
        return self._find(claim_id) is not None

    def add(self, claim_id: int, article_id: int | None, text: str, terms: list[str], words: int = 0,
            speaker: str = "", day: int = 0) -> int:
        self.remove(claim_id)
        slot = len(self._claim_ids)
        if slot == self._sorted_upto and (slot == 0 or claim_id > self._claim_ids[slot - 1]):
            self._sorted_upto += 1
        else:
            self._unsorted[claim_id] = slot
        self._claim_ids.append(claim_id)
        self._article_ids.append(NO_ARTICLE if article_id is None else article_id)
        self._blob += text.encode("utf-8")
        self._offsets.append(len(self._blob))
        self._alive.append(1)
        self._lengths.append(min(len(terms), 65535))
        self._words.append(min(words, 65535))
        self._chars.append(len(text))
        self._speakers.append(self._speaker_id(speaker))
        self._days.append(day)
        self._total_length += len(terms)
        self._live += 1
        for term_id in {self._term_id(t) for t in terms}:
            self._postings[term_id].append(slot)
        return slot

    def remove(self, claim_id: int) -> int | None:
        """Drop the claim; its slot (None when it was not there)."""
        slot = self._find(claim_id)
        if slot is not None:
            self._alive[slot] = 0
            self._unsorted.pop(claim_id, None)
            self._live -= 1
        return slot

    def _find(self, claim_id: int) -> int | None:
        slot = self._unsorted.get(claim_id)
        if slot is None:
            slot = bisect_left(self._claim_ids, claim_id, 0, self._sorted_upto)
            if slot >= self._sorted_upto or self._claim_ids[slot] != claim_id:
                return None
        return slot if self._alive[slot] else None

    def text(self, slot: int) -> str:
        return self._blob[self._offsets[slot] : self._offsets[slot + 1]].decode("utf-8")

    def words(self, slot: int) -> int:
        return self._words[slot]

    def speaker(self, slot: int) -> str:
        """The slot's speaker key (claims.match.normalise.speaker_key), "" when none is known."""
        return self._speaker_names[self._speakers[slot]]

    def day(self, slot: int) -> int:
        """The slot's date as a day number, 0 when unknown."""
        return self._days[slot]

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

    def candidates(self, terms: list[str], limit: int = 200, max_terms: int = 32,
                   exclude_article_id: int | None = None) -> list[Candidate]:
        """The live slots with the best BM25 for the query's `max_terms` rarest known terms, best first."""
        slots, totals = self.ranked(terms, limit, max_terms, exclude_article_id)
        return [self.candidate(int(slot), float(total)) for slot, total in zip(slots, totals, strict=True)]

    def candidate(self, slot: int, bm25: float) -> Candidate:
        return Candidate(slot, self._claim_ids[slot], bm25)

    def ranked(self, terms: list[str], limit: int = 200, max_terms: int = 32,
               exclude_article_id: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`candidates` as two arrays, slots and BM25, best first (no Python object per candidate)."""
        chosen = self._rarest(terms, max_terms)
        if not chosen:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        slots = np.concatenate([np.frombuffer(self._postings[t], dtype=np.int32) for t, _ in chosen])
        idfs = np.concatenate([np.full(len(self._postings[t]), w, dtype=np.float32) for t, w in chosen])
        unique, inverse = np.unique(slots, return_inverse=True)
        totals = np.bincount(inverse, weights=idfs) * self._length_factor(unique)
        keep = self._live_mask(unique, exclude_article_id)
        unique, totals = unique[keep], totals[keep]
        if len(unique) > limit:
            top = np.argpartition(-totals, limit - 1)[:limit]
            unique, totals = unique[top], totals[top]
        order = np.lexsort((unique, -totals))
        return unique[order].astype(np.int64), totals[order]

    def sized(self, slots: np.ndarray, low: float, high: float) -> np.ndarray:
        """A mask of the slots whose stored text is between `low` and `high` characters long."""
        sizes = np.frombuffer(self._chars, dtype=np.uint32)[slots]
        return (sizes >= low) & (sizes <= high)

    def _length_factor(self, slots: np.ndarray) -> np.ndarray:
        """BM25's saturation and length normalisation for a term that occurs once in each claim."""
        average = self._total_length / max(len(self._lengths), 1) or 1.0
        lengths = np.frombuffer(self._lengths, dtype=np.uint16)[slots].astype(np.float64)
        return (K1 + 1) / (1 + K1 * (1 - B + B * lengths / average))

    def _rarest(self, terms: list[str], max_terms: int) -> list[tuple[int, float]]:
        known = {self._term_ids[t] for t in terms if t in self._term_ids}
        known = {t for t in known if len(self._postings[t]) > 0}
        ranked, total = [], 0
        for term in sorted(known, key=lambda t: len(self._postings[t]))[:max_terms]:
            total += len(self._postings[term])
            if ranked and total > MAX_POSTINGS:
                break
            ranked.append(term)
        n = len(self._claim_ids)
        return [(t, math.log(1.0 + (n - len(self._postings[t]) + 0.5) / (len(self._postings[t]) + 0.5)))
                for t in ranked]

    def _live_mask(self, slots: np.ndarray, exclude_article_id: int | None) -> np.ndarray:
        alive = np.frombuffer(self._alive, dtype=np.uint8)[slots].astype(bool)
        if exclude_article_id is not None:
            articles = np.frombuffer(self._article_ids, dtype=np.int64)[slots]
            alive &= articles != exclude_article_id
        return alive

    def _speaker_id(self, speaker: str) -> int:
        speaker_id = self._speaker_ids.get(speaker)
        if speaker_id is None:
            speaker_id = self._speaker_ids[speaker] = len(self._speaker_names)
            self._speaker_names.append(speaker)
            for word in set(speaker.split()):
                self._speaker_words.setdefault(word, []).append(speaker_id)
        return speaker_id

    def spoken_by(self, slots: np.ndarray, agree: Callable[[str], bool], speaker: str) -> np.ndarray:
        """A mask of the slots whose speaker shares a word of `speaker`'s name and `agree`s with it."""
        ids = {n for word in set(speaker.split()) for n in self._speaker_words.get(word, ())}
        ids = [n for n in ids if agree(self._speaker_names[n])]
        if not ids or not len(slots):
            return np.zeros(len(slots), dtype=bool)
        return np.isin(np.frombuffer(self._speakers, dtype=np.int32)[slots], ids)

    def _term_id(self, term: str) -> int:
        term_id = self._term_ids.get(term)
        if term_id is None:
            term_id = len(self._postings)
            self._term_ids[term] = term_id
            self._postings.append(array("i"))
        return term_id
