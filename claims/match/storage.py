"""How a match index (claims.match.index.MatchIndex) stores its slots: Base, the frozen form a snapshot holds
(claims.match.snapshot); TermPostings, content term -> slots; SlotColumns, everything else kept per slot (claim id,
kind, article, text, liveness, term and word counts, length, speaker, date) and the speakers' names.

Each part is a frozen base (memory-mapped numpy arrays from a snapshot, never written) followed by what was added
since, in growable arrays (claims.match.columns), so a claim joins in O(its terms) with no rebuild and opening an
index reads no claim. A slot removed from the base is only marked in `alive`, a bytearray copied from the snapshot.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from claims.match.columns import Column, Texts
from claims.match.postings import CSR, csr_slots, merged_postings, postings_in_order
from claims.match.slot_ids import CLAIM

_NO_SLOTS = np.zeros(0, dtype=np.int32)


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
        return csr_slots(self.csr(), term)

    def csr(self) -> CSR:
        """The postings as (sorted term hashes, term offsets, slots)."""
        return self.term_hashes, self.term_offsets, self.postings


class TermPostings:
    """Term -> slots: the base's postings (CSR, by term hash), then a growable int32 array per term for the slots
    added since."""

    def __init__(self, base: Base | None = None) -> None:
        self.base = None if base is None else base.csr()
        self._term_ids: dict[str, int] = {}
        self._tail: list[array] = []

    def add(self, slot: int, terms: list[str]) -> None:
        """`slot` has each of `terms` (once, however often a term is repeated)."""
        for term_id in {self._term_id(t) for t in terms}:
            self._tail[term_id].append(slot)

    def df(self, term: str) -> int:
        """How many slots (removed ones included) have `term`."""
        term_id = self._term_ids.get(term)
        tail = 0 if term_id is None else len(self._tail[term_id])
        return tail + (len(csr_slots(self.base, term)) if self.base else 0)

    def slots_of(self, term: str) -> np.ndarray:
        """Every slot whose claim has ``term``: the base's postings, then the tail's."""
        term_id = self._term_ids.get(term)
        tail = _NO_SLOTS if term_id is None else np.frombuffer(self._tail[term_id], dtype=np.int32)
        if not self.base:
            return tail
        base = csr_slots(self.base, term)
        return np.concatenate([base, tail]) if len(tail) else np.asarray(base)

    def frozen(self, remap: np.ndarray, in_order: bool) -> CSR:
        """Base and tail as one CSR, slots renumbered by `remap` (-1: dropped); `in_order`: `remap` keeps the
        slots' order (the cheap merge, without a base)."""
        merged = postings_in_order(self._term_ids, self._tail, remap) if in_order and not self.base else None
        return merged or merged_postings(self.base, self._term_ids, self._tail, remap)

    def _term_id(self, term: str) -> int:
        term_id = self._term_ids.get(term)
        if term_id is None:
            term_id = len(self._tail)
            self._term_ids[term] = term_id
            self._tail.append(array("i"))
        return term_id


class SlotColumns:
    """Per slot: claim id, kind (CLAIM or TITLE), article id, text, liveness, term count, word count, characters,
    speaker (an index into `speaker_names`, 0: none) and date (claims.match.normalise.day_number, 0: unknown).

    Memory: flat arrays and one UTF-8 blob, no Python object per slot.
    """

    def __init__(self, base: Base | None = None) -> None:
        columns = base.columns if base else {}
        self.claim_ids = Column("q", columns.get("claim_ids"))
        self.article_ids = Column("q", columns.get("article_ids"))
        self.texts = Texts(base.blob, base.offsets) if base else Texts()
        self.alive = bytearray(np.asarray(columns["alive"]).tobytes()) if base else bytearray()
        self.lengths = Column("H", columns.get("lengths"))
        self.words = Column("H", columns.get("words"))
        self.chars = Column("I", columns.get("chars"))
        self.speakers = Column("i", columns.get("speakers"))
        self.days = Column("i", columns.get("days"))
        kinds = columns.get("kinds") if base else None
        self.kinds = Column("B", np.zeros(len(self.claim_ids), np.uint8) if base and kinds is None else kinds)
        self.speaker_names: list[str] = list(base.speaker_names) if base else [""]
        self._speaker_ids: dict[str, int] = {name: n for n, name in enumerate(self.speaker_names)}
        self._speaker_words: dict[str, list[int]] = {}  # a word of a speaker's name -> those speakers' ids
        for n, name in enumerate(self.speaker_names):
            for word in set(name.split()):
                self._speaker_words.setdefault(word, []).append(n)
        self.total_length = base.total_length if base else 0  # the terms of every slot, for BM25's average
        live = np.frombuffer(self.alive, dtype=np.uint8) if base else np.zeros(0, np.uint8)
        self.base_claims = int(np.count_nonzero(live & (np.asarray(self.kinds.base) == CLAIM)))  # live, in the base

    def __len__(self) -> int:
        return len(self.claim_ids)

    def append(self, kind: int, claim_id: int, article_id: int, text: str, terms: int, words: int,
               speaker_id: int, day: int) -> int:
        """A new live slot (`terms`: how many content terms its text has); its number."""
        slot = len(self.claim_ids)
        self.claim_ids.append(claim_id)
        self.kinds.append(kind)
        self.article_ids.append(article_id)
        self.texts.append(text)
        self.alive.append(1)
        self.lengths.append(min(terms, 65535))
        self.words.append(min(words, 65535))
        self.chars.append(len(text))
        self.speakers.append(speaker_id)
        self.days.append(day)
        self.total_length += terms
        return slot

    def speaker_id(self, speaker: str) -> int:
        """The id of a speaker key, given the next one the first time it is seen."""
        speaker_id = self._speaker_ids.get(speaker)
        if speaker_id is None:
            speaker_id = self._speaker_ids[speaker] = len(self.speaker_names)
            self.speaker_names.append(speaker)
            for word in set(speaker.split()):
                self._speaker_words.setdefault(word, []).append(speaker_id)
        return speaker_id

    def spoken_by(self, slots: np.ndarray, agree: Callable[[str], bool], speaker: str) -> np.ndarray:
        """A mask of the slots whose speaker shares a word of `speaker`'s name and `agree`s with it."""
        ids = {n for word in set(speaker.split()) for n in self._speaker_words.get(word, ())}
        ids = [n for n in ids if agree(self.speaker_names[n])]
        if not ids or not len(slots):
            return np.zeros(len(slots), dtype=bool)
        return np.isin(self.speakers.take(slots), ids)

    def live_mask(self, slots: np.ndarray, exclude_article_id: int | None, titles: bool = True) -> np.ndarray:
        """A mask of the slots alive, not of the excluded article, and (without `titles`) claims' own texts."""
        alive = np.frombuffer(self.alive, dtype=np.uint8)[slots].astype(bool)
        if exclude_article_id is not None:
            alive &= self.article_ids.take(slots) != exclude_article_id
        if not titles:
            alive &= self.kinds.take(slots) == CLAIM
        return alive

    def sized(self, slots: np.ndarray, low: float, high: float) -> np.ndarray:
        """A mask of the slots whose stored text is between `low` and `high` characters long."""
        sizes = self.chars.take(slots)
        return (sizes >= low) & (sizes <= high)

    def named(self) -> dict[str, Column]:
        """The numeric columns by the names a Base gives them."""
        return {"claim_ids": self.claim_ids, "article_ids": self.article_ids, "lengths": self.lengths,
                "words": self.words, "chars": self.chars, "speakers": self.speakers, "days": self.days,
                "kinds": self.kinds}
