"""MatchIndex: an inverted index from content terms to claims, for candidate retrieval.

Each claim gets a slot; postings are growable int32 arrays, so a claim joins in O(its terms) with no rebuild.
An index may start from a frozen base (claims.match.snapshot: the archive as it was when the snapshot was
written, memory-mapped), then holds only what changed since in memory: opening it reads no claim.
A query looks up only its rarest terms (the ones that carry most of the evidence and have the shortest
postings), adds their BM25 weights per slot with numpy (binary term frequency, length-normalised), and returns
the best-scoring slots; ties go to the earlier slot, so among duplicates the claim added first comes first.
A claim's slot holds its own text; an imported fact-check whose headline says more than its claim has a second
slot for that title (kind TITLE: the same claim id, article, speaker and date), so either text can find it; the
lookup of both by claim id is claims.match.slot_ids.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from claims.match.columns import Column, Texts
from claims.match.postings import gathered_texts, merged_postings, postings_in_order, term_hash
from claims.match.slot_ids import CLAIM, TITLE, SlotIds

NO_ARTICLE = -1
K1, B = 1.2, 0.75
MAX_POSTINGS = 60_000  # past this many postings, further (commoner) query terms are skipped


@dataclass
class Base:
    """A frozen index as a snapshot holds it: postings in CSR form keyed by sorted term hashes, and the columns."""

    term_hashes: np.ndarray  # uint64, sorted
    term_offsets: np.ndarray  # int64, len(term_hashes) + 1
    postings: np.ndarray  # int32 slots
    columns: dict[str, np.ndarray]  # claim_ids, article_ids, lengths, words, chars, speakers, days, kinds, alive
    blob: np.ndarray
    offsets: np.ndarray
    speaker_names: list[str]
    total_length: int
    extra: dict = field(default_factory=dict)

    def postings_of(self, term: str) -> np.ndarray:
        key = np.uint64(term_hash(term))
        at = int(np.searchsorted(self.term_hashes, key))
        if at >= len(self.term_hashes) or self.term_hashes[at] != key:
            return _NO_SLOTS
        return self.postings[int(self.term_offsets[at]) : int(self.term_offsets[at + 1])]


_NO_SLOTS = np.zeros(0, dtype=np.int32)


@dataclass(frozen=True)
class Candidate:
    slot: int
    claim_id: int
    bm25: float  # BM25 of the claim for the query's chosen (rarest) terms


class MatchIndex:
    """Term -> slots postings plus per-slot claim id, article id, stored text, word count, speaker, date, kind
    (the claim's text or its title), liveness.

    Memory: per-slot data lives in flat arrays and one UTF-8 blob (no Python object per claim). A claim id
    is found by binary search while ids arrive in increasing order (as they do from the store), and in a
    small dict for those that do not (claims.match.slot_ids).
    """

    def __init__(self, base: Base | None = None) -> None:
        self.base = base
        columns = base.columns if base else {}
        self._term_ids: dict[str, int] = {}
        self._postings: list[array] = []
        self._claim_ids = Column("q", columns.get("claim_ids"))
        self._article_ids = Column("q", columns.get("article_ids"))
        self._texts = Texts(base.blob, base.offsets) if base else Texts()
        self._alive = bytearray(np.asarray(columns["alive"]).tobytes()) if base else bytearray()
        self._lengths = Column("H", columns.get("lengths"))
        self._words = Column("H", columns.get("words"))
        self._chars = Column("I", columns.get("chars"))
        self._speakers = Column("i", columns.get("speakers"))  # per slot, an index into _speaker_names (0: none)
        self._days = Column("i", columns.get("days"))  # per slot, claims.match.normalise.day_number (0: unknown)
        kinds = columns.get("kinds") if base else None  # per slot, CLAIM or TITLE
        self._kinds = Column("B", np.zeros(len(self._claim_ids), np.uint8) if base and kinds is None else kinds)
        self._speaker_names: list[str] = list(base.speaker_names) if base else [""]
        self._speaker_ids: dict[str, int] = {name: n for n, name in enumerate(self._speaker_names)}
        self._speaker_words: dict[str, list[int]] = {}  # a word of a speaker's name -> those speakers' ids
        for n, name in enumerate(self._speaker_names):
            for word in set(name.split()):
                self._speaker_words.setdefault(word, []).append(n)
        self._base_slots = len(self._claim_ids)
        self._total_length = base.total_length if base else 0
        live = np.frombuffer(self._alive, dtype=np.uint8) if base else np.zeros(0, np.uint8)
        self._live = int(np.count_nonzero(live & (np.asarray(self._kinds.base) == CLAIM)))
        self._ids = SlotIds(self._claim_ids, self._kinds, self._alive)

    def __len__(self) -> int:
        """How many claims are indexed (a claim with a title counts once)."""
        return self._live

    @property
    def slots(self) -> int:
        """How many slots were ever given (removed claims included): IDFs change when this does."""
        return len(self._claim_ids)

    @property
    def tail_slots(self) -> int:
        """Slots given since the base (claims and titles added or replaced)."""
        return len(self._claim_ids) - self._base_slots

    def __contains__(self, claim_id: int) -> bool:
        return self.slot_of(claim_id) is not None

    def add(self, claim_id: int, article_id: int | None, text: str, terms: list[str], words: int = 0,
            speaker: str = "", day: int = 0) -> int:
        """Add (or replace) a claim's text; a title it had is dropped with the text it replaces."""
        self.remove(claim_id)
        self._live += 1
        return self._append(CLAIM, claim_id, NO_ARTICLE if article_id is None else article_id, text, terms, words,
                            self._speaker_id(speaker), day)

    def add_title(self, claim_id: int, text: str, terms: list[str], words: int = 0) -> int | None:
        """Add (or replace) the title of an indexed claim, a second text that finds it (with the claim's article,
        speaker and date); its slot, None when the claim is not indexed."""
        slot = self.slot_of(claim_id)
        if slot is None:
            return None
        self.remove_title(claim_id)
        return self._append(TITLE, claim_id, self._article_ids[slot], text, terms, words, self._speakers[slot],
                            self._days[slot])

    def _append(self, kind: int, claim_id: int, article_id: int, text: str, terms: list[str], words: int,
                speaker_id: int, day: int) -> int:
        slot = len(self._claim_ids)
        self._claim_ids.append(claim_id)
        self._kinds.append(kind)
        self._article_ids.append(article_id)
        self._texts.append(text)
        self._alive.append(1)
        self._lengths.append(min(len(terms), 65535))
        self._words.append(min(words, 65535))
        self._chars.append(len(text))
        self._speakers.append(speaker_id)
        self._days.append(day)
        self._total_length += len(terms)
        self._ids.added(kind, claim_id, slot)
        for term_id in {self._term_id(t) for t in terms}:
            self._postings[term_id].append(slot)
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
            self._alive[slot] = 0
            self._ids.removed(kind, claim_id)
        return slot

    def slot_of(self, claim_id: int) -> int | None:
        """The live slot of the claim's own text, None when the claim is not indexed."""
        return self._ids.find(CLAIM, claim_id)

    def title_slot(self, claim_id: int) -> int | None:
        """The live slot of the claim's title, None when it has none."""
        return self._ids.find(TITLE, claim_id)

    def is_title(self, slot: int) -> bool:
        return self._kinds[slot] == TITLE

    def text(self, slot: int) -> str:
        return self._texts[slot]

    def texts(self, slots: np.ndarray) -> list[str]:
        """The stored texts of many slots, in their order."""
        return self._texts.many(slots)

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
        df = self._df(term)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _df(self, term: str) -> int:
        term_id = self._term_ids.get(term)
        tail = 0 if term_id is None else len(self._postings[term_id])
        return tail + (len(self.base.postings_of(term)) if self.base else 0)

    def _slots_of(self, term: str) -> np.ndarray:
        """Every slot whose claim has ``term``: the base's postings, then the tail's."""
        term_id = self._term_ids.get(term)
        tail = _NO_SLOTS if term_id is None else np.frombuffer(self._postings[term_id], dtype=np.int32)
        if not self.base:
            return tail
        base = self.base.postings_of(term)
        return np.concatenate([base, tail]) if len(tail) else np.asarray(base)

    def candidates(self, terms: list[str], limit: int = 200, max_terms: int = 32,
                   exclude_article_id: int | None = None, titles: bool = True) -> list[Candidate]:
        """The live slots with the best BM25 for the query's `max_terms` rarest known terms, best first (a claim
        and its title apart; with `titles` False, claims' own texts only)."""
        slots, totals = self.ranked(terms, limit, max_terms, exclude_article_id, titles)
        return [self.candidate(int(slot), float(total)) for slot, total in zip(slots, totals, strict=True)]

    def candidate(self, slot: int, bm25: float) -> Candidate:
        return Candidate(slot, self._claim_ids[slot], bm25)

    def ranked(self, terms: list[str], limit: int = 200, max_terms: int = 32,
               exclude_article_id: int | None = None, titles: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """`candidates` as two arrays, slots and BM25, best first (no Python object per candidate)."""
        chosen = self._rarest(terms, max_terms)
        if not chosen:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        lists = [(self._slots_of(t), w) for t, w in chosen]
        slots = np.concatenate([found for found, _ in lists])
        idfs = np.concatenate([np.full(len(found), w, dtype=np.float32) for found, w in lists])
        unique, inverse = _unique(slots)
        totals = np.bincount(inverse, weights=idfs) * self._length_factor(unique)
        keep = self._live_mask(unique, exclude_article_id, titles)
        unique, totals = unique[keep], totals[keep]
        if len(unique) > limit:
            top = np.argpartition(-totals, limit - 1)[:limit]
            unique, totals = unique[top], totals[top]
        order = np.lexsort((unique, -totals))
        return unique[order].astype(np.int64), totals[order]

    def sized(self, slots: np.ndarray, low: float, high: float) -> np.ndarray:
        """A mask of the slots whose stored text is between `low` and `high` characters long."""
        sizes = self._chars.take(slots)
        return (sizes >= low) & (sizes <= high)

    def _length_factor(self, slots: np.ndarray) -> np.ndarray:
        """BM25's saturation and length normalisation for a term that occurs once in each claim."""
        average = self._total_length / max(len(self._lengths), 1) or 1.0
        lengths = self._lengths.take(slots).astype(np.float64)
        return (K1 + 1) / (1 + K1 * (1 - B + B * lengths / average))

    def _rarest(self, terms: list[str], max_terms: int) -> list[tuple[str, float]]:
        dfs = {term: df for term in set(terms) if (df := self._df(term)) > 0}
        ranked, total = [], 0
        for term in sorted(dfs, key=lambda t: (dfs[t], t))[:max_terms]:
            total += dfs[term]
            if ranked and total > MAX_POSTINGS:
                break
            ranked.append(term)
        n = len(self._claim_ids)
        return [(t, math.log(1.0 + (n - dfs[t] + 0.5) / (dfs[t] + 0.5))) for t in ranked]

    def _live_mask(self, slots: np.ndarray, exclude_article_id: int | None, titles: bool = True) -> np.ndarray:
        alive = np.frombuffer(self._alive, dtype=np.uint8)[slots].astype(bool)
        if exclude_article_id is not None:
            alive &= self._article_ids.take(slots) != exclude_article_id
        if not titles:
            alive &= self._kinds.take(slots) == CLAIM
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
        return np.isin(self._speakers.take(slots), ids)

    def frozen(self) -> Base:
        """The whole index (base and tail) as one new base: live slots only, the claims' in increasing claim id
        order, then the titles' (claims.match.slot_ids)."""
        ids = self._claim_ids.values()
        live = np.flatnonzero(np.frombuffer(self._alive, dtype=np.uint8))
        slots = live[np.lexsort((ids[live], self._kinds.values()[live]))]
        remap = np.full(len(ids), -1, dtype=np.int64)
        remap[slots] = np.arange(len(slots))
        in_order = bool(np.all(slots[1:] > slots[:-1]))  # claims, then titles, came in id order: slots keep theirs
        merged = postings_in_order(self._term_ids, self._postings, remap) if in_order and not self.base else None
        hashes, offsets, postings = merged or merged_postings(_csr(self.base), self._term_ids, self._postings, remap)
        columns = {name: column.take(slots) for name, column in self._named_columns().items()}
        columns["alive"] = np.ones(len(slots), dtype=np.uint8)
        blob, text_offsets = gathered_texts(self._texts, slots)
        return Base(hashes, offsets, postings, columns, blob, text_offsets, list(self._speaker_names),
                    int(columns["lengths"].sum(dtype=np.int64)))

    def _named_columns(self) -> dict[str, Column]:
        return {"claim_ids": self._claim_ids, "article_ids": self._article_ids, "lengths": self._lengths,
                "words": self._words, "chars": self._chars, "speakers": self._speakers, "days": self._days,
                "kinds": self._kinds}

    def _term_id(self, term: str) -> int:
        term_id = self._term_ids.get(term)
        if term_id is None:
            term_id = len(self._postings)
            self._term_ids[term] = term_id
            self._postings.append(array("i"))
        return term_id


def _csr(base: Base | None) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    return None if base is None else (base.term_hashes, base.term_offsets, base.postings)


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
