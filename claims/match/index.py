"""MatchIndex: an inverted index from content terms to claims, for candidate retrieval.

Each claim gets a slot; postings are growable int32 arrays, so a claim joins in O(its terms) with no rebuild.
An index may start from a frozen base (claims.match.snapshot: the archive as it was when the snapshot was
written, memory-mapped), then holds only what changed since in memory: opening it reads no claim.
A query looks up only its rarest terms (the ones that carry most of the evidence and have the shortest
postings), adds their BM25 weights per slot with numpy (binary term frequency, length-normalised), and returns
the best-scoring slots; ties go to the earlier slot, so among duplicates the claim added first comes first.
A claim's slot holds its own text; an imported fact-check whose headline says more than its claim has a second
slot for that title (kind TITLE: the same claim id, article, speaker and date), so either text can find it; the
lookup of both by claim id is claims.match.slot_ids. How the postings and the per-slot columns are stored, and
the frozen Base, is claims.match.storage.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from claims.match.postings import gathered_texts
from claims.match.slot_ids import CLAIM, TITLE, SlotIds
from claims.match.storage import Base, SlotColumns, TermPostings

__all__ = ["Base", "Candidate", "MatchIndex"]

NO_ARTICLE = -1
K1, B = 1.2, 0.75
MAX_POSTINGS = 60_000  # past this many postings, further (commoner) query terms are skipped


@dataclass(frozen=True)
class Candidate:
    slot: int
    claim_id: int
    bm25: float  # BM25 of the claim for the query's chosen (rarest) terms


class MatchIndex:
    """Term -> slots postings plus per-slot claim id, article id, stored text, word count, speaker, date, kind
    (the claim's text or its title), liveness (claims.match.storage).

    Memory: per-slot data lives in flat arrays and one UTF-8 blob (no Python object per claim). A claim id
    is found by binary search while ids arrive in increasing order (as they do from the store), and in a
    small dict for those that do not (claims.match.slot_ids).
    """

    def __init__(self, base: Base | None = None) -> None:
        self.base = base
        self._postings = TermPostings(base)
        self._slots = SlotColumns(base)
        self._base_slots = len(self._slots)
        self._live = self._slots.base_claims
        self._ids = SlotIds(self._slots.claim_ids, self._slots.kinds, self._slots.alive)

    def __len__(self) -> int:
        """How many claims are indexed (a claim with a title counts once)."""
        return self._live

    @property
    def slots(self) -> int:
        """How many slots were ever given (removed claims included): IDFs change when this does."""
        return len(self._slots)

    @property
    def tail_slots(self) -> int:
        """Slots given since the base (claims and titles added or replaced)."""
        return len(self._slots) - self._base_slots

    def __contains__(self, claim_id: int) -> bool:
        return self.slot_of(claim_id) is not None

    def add(self, claim_id: int, article_id: int | None, text: str, terms: list[str], words: int = 0,
            speaker: str = "", day: int = 0) -> int:
        """Add (or replace) a claim's text; a title it had is dropped with the text it replaces."""
        self.remove(claim_id)
        self._live += 1
        return self._append(CLAIM, claim_id, NO_ARTICLE if article_id is None else article_id, text, terms, words,
                            self._slots.speaker_id(speaker), day)

    def add_title(self, claim_id: int, text: str, terms: list[str], words: int = 0) -> int | None:
        """Add (or replace) the title of an indexed claim, a second text that finds it (with the claim's article,
        speaker and date); its slot, None when the claim is not indexed."""
        slot = self.slot_of(claim_id)
        if slot is None:
            return None
        self.remove_title(claim_id)
        columns = self._slots
        return self._append(TITLE, claim_id, columns.article_ids[slot], text, terms, words, columns.speakers[slot],
                            columns.days[slot])

    def _append(self, kind: int, claim_id: int, article_id: int, text: str, terms: list[str], words: int,
                speaker_id: int, day: int) -> int:
        slot = self._slots.append(kind, claim_id, article_id, text, len(terms), words, speaker_id, day)
        self._ids.added(kind, claim_id, slot)
        self._postings.add(slot, terms)
        return slot

    def remove(self, claim_id: int) -> list[int]:
        """Drop the claim and its title; the slots they had (none when it was not there)."""
        slot = self._drop(CLAIM, claim_id)
        if slot is None:
            return []
        self._live -= 1
        title = self.remove_title(claim_id)
        return [slot] if title is None else [slot, title]

    def remove_title(self, claim_id: int) -> int | None:
        """Drop the claim's title (the claim stays); its slot, None when it had none."""
        return self._drop(TITLE, claim_id)

    def _drop(self, kind: int, claim_id: int) -> int | None:
        slot = self._ids.find(kind, claim_id)
        if slot is not None:
            self._slots.alive[slot] = 0
            self._ids.removed(kind, claim_id)
        return slot

    def slot_of(self, claim_id: int) -> int | None:
        """The live slot of the claim's own text, None when the claim is not indexed."""
        return self._ids.find(CLAIM, claim_id)

    def title_slot(self, claim_id: int) -> int | None:
        """The live slot of the claim's title, None when it has none."""
        return self._ids.find(TITLE, claim_id)

    def is_title(self, slot: int) -> bool:
        return self._slots.kinds[slot] == TITLE

    def text(self, slot: int) -> str:
        return self._slots.texts[slot]

    def texts(self, slots: np.ndarray) -> list[str]:
        """The stored texts of many slots, in their order."""
        return self._slots.texts.many(slots)

    def words(self, slot: int) -> int:
        return self._slots.words[slot]

    def speaker(self, slot: int) -> str:
        """The slot's speaker key (claims.match.normalise.speaker_key), "" when none is known."""
        return self._slots.speaker_names[self._slots.speakers[slot]]

    def day(self, slot: int) -> int:
        """The slot's date as a day number, 0 when unknown."""
        return self._slots.days[slot]

    def claim_id(self, slot: int) -> int:
        return self._slots.claim_ids[slot]

    def article_id(self, slot: int) -> int | None:
        value = self._slots.article_ids[slot]
        return None if value == NO_ARTICLE else value

    def idf(self, term: str) -> float:
        """BM25-style IDF over all slots ever added (removed ones included: cheap and close enough)."""
        n = max(len(self._slots), 1)
        df = self._postings.df(term)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def candidates(self, terms: list[str], limit: int = 200, max_terms: int = 32,
                   exclude_article_id: int | None = None, titles: bool = True) -> list[Candidate]:
        """The live slots with the best BM25 for the query's `max_terms` rarest known terms, best first (a claim
        and its title apart; with `titles` False, claims' own texts only)."""
        slots, totals = self.ranked(terms, limit, max_terms, exclude_article_id, titles)
        return [self.candidate(int(slot), float(total)) for slot, total in zip(slots, totals, strict=True)]

    def candidate(self, slot: int, bm25: float) -> Candidate:
        return Candidate(slot, self._slots.claim_ids[slot], bm25)

    def ranked(self, terms: list[str], limit: int = 200, max_terms: int = 32,
               exclude_article_id: int | None = None, titles: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """`candidates` as two arrays, slots and BM25, best first (no Python object per candidate)."""
        chosen = self._rarest(terms, max_terms)
        if not chosen:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        lists = [(self._postings.slots_of(t), w) for t, w in chosen]
        slots = np.concatenate([found for found, _ in lists])
        idfs = np.concatenate([np.full(len(found), w, dtype=np.float32) for found, w in lists])
        unique, inverse = _unique(slots)
        totals = np.bincount(inverse, weights=idfs) * self._length_factor(unique)
        keep = self._slots.live_mask(unique, exclude_article_id, titles)
        unique, totals = unique[keep], totals[keep]
        if len(unique) > limit:
            top = np.argpartition(-totals, limit - 1)[:limit]
            unique, totals = unique[top], totals[top]
        order = np.lexsort((unique, -totals))
        return unique[order].astype(np.int64), totals[order]

    def sized(self, slots: np.ndarray, low: float, high: float) -> np.ndarray:
        """A mask of the slots whose stored text is between `low` and `high` characters long."""
        return self._slots.sized(slots, low, high)

    def _length_factor(self, slots: np.ndarray) -> np.ndarray:
        """BM25's saturation and length normalisation for a term that occurs once in each claim."""
        average = self._slots.total_length / max(len(self._slots.lengths), 1) or 1.0
        lengths = self._slots.lengths.take(slots).astype(np.float64)
        return (K1 + 1) / (1 + K1 * (1 - B + B * lengths / average))

    def _rarest(self, terms: list[str], max_terms: int) -> list[tuple[str, float]]:
        dfs = {term: df for term in set(terms) if (df := self._postings.df(term)) > 0}
        ranked, total = [], 0
        for term in sorted(dfs, key=lambda t: (dfs[t], t))[:max_terms]:
            total += dfs[term]
            if ranked and total > MAX_POSTINGS:
                break
            ranked.append(term)
        n = len(self._slots)
        return [(t, math.log(1.0 + (n - dfs[t] + 0.5) / (dfs[t] + 0.5))) for t in ranked]

    def spoken_by(self, slots: np.ndarray, agree: Callable[[str], bool], speaker: str) -> np.ndarray:
        """A mask of the slots whose speaker shares a word of `speaker`'s name and `agree`s with it."""
        return self._slots.spoken_by(slots, agree, speaker)

    def frozen(self) -> Base:
        """The whole index (base and tail) as one new base: live slots only, the claims' in increasing claim id
        order, then the titles' (claims.match.slot_ids)."""
        columns = self._slots
        ids = columns.claim_ids.values()
        live = np.flatnonzero(np.frombuffer(columns.alive, dtype=np.uint8))
        slots = live[np.lexsort((ids[live], columns.kinds.values()[live]))]
        remap = np.full(len(ids), -1, dtype=np.int64)
        remap[slots] = np.arange(len(slots))
        in_order = bool(np.all(slots[1:] > slots[:-1]))  # claims, then titles, came in id order: slots keep theirs
        hashes, offsets, postings = self._postings.frozen(remap, in_order)
        values = {name: column.take(slots) for name, column in columns.named().items()}
        values["alive"] = np.ones(len(slots), dtype=np.uint8)
        blob, text_offsets = gathered_texts(columns.texts, slots)
        return Base(hashes, offsets, postings, values, blob, text_offsets, list(columns.speaker_names),
                    int(values["lengths"].sum(dtype=np.int64)))


def _unique(slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(slots, return_inverse=True)``, sorted by a stable sort: `slots` is a few sorted postings end to
    end, runs that a stable (merging) sort takes whole, where np.unique's quicksort starts over."""
    order = np.argsort(slots, kind="stable")
    ordered = slots[order]
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(len(slots), dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse
