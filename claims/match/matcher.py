"""Matcher: which earlier claims in the archive a claim matches, as "same" or "related", best first.

The matcher holds the index of earlier claims (claims.match.index) and the one lock that guards it and the caches,
and delegates: candidates are gathered in one place (claims.match.candidates: BM25 over the query's rarest terms,
near copies, the speaker's own claims, and with embeddings the nearest by embedding), then scored by one of two
paths, lexical (claims.match.lexical_scoring: logistic models over lexical signals, Thresholds from
claims.match.hits) or, once `use_semantics` is called, semantic (claims.match.semantic_scoring: the sentence
embedding model's ranker and decision). Near-copy search for boilerplate is claims.match.copies.

A claim's speaker is optional (`add(..., speaker)`, 4-tuples in `add_many`, `search(..., speaker=)`); when either
is unknown, the score is what it was without, and likewise its date. An imported fact-check's title (its headline) may
be indexed as a second text of its claim (`add_title`): a query is scored against each text apart and the better
counts, so a claim is listed once. Near-copy search (`copies`) reads claims' own texts only; `len` counts claims.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable

import numpy as np

from claims.match.candidates import CandidateSearch, Scored
from claims.match.copies import near_copies
from claims.match.dense import DenseVectors
from claims.match.hits import MatchHit, Thresholds
from claims.match.index import Base, Candidate, MatchIndex
from claims.match.lexical_scoring import LexicalScoring
from claims.match.normalise import day_number, fuzz_key, speaker_key, word_count
from claims.match.semantic import SemanticModel
from claims.match.semantic_scoring import Semantics, SemanticScoring
from claims.match.text_forms import Text

__all__ = ["MatchHit", "Matcher", "Semantics", "Thresholds"]


class Matcher:
    """An incremental index of earlier claims, searched by similarity to a new claim.

    Thread-safe: one lock guards the index and the caches, so a worker thread may build it (add_many) while the UI
    thread searches; a search during the build sees the claims added so far.
    """

    def __init__(self, thresholds: Thresholds | None = None, candidates: int = 1000, rerank: int = 50,
                 base: Base | None = None):
        self._index = MatchIndex(base)
        self._lock = threading.Lock()  # guards the index and the caches (those of CandidateSearch)
        self._candidates = CandidateSearch(self._index, self._lock, candidates, rerank)
        self._lexical = LexicalScoring(thresholds or Thresholds.from_env(), self._candidates, self._index, self._lock)
        self._semantic: SemanticScoring | None = None  # the scoring path once use_semantics is called

    def __len__(self) -> int:
        return len(self._index)

    @property
    def thresholds(self) -> Thresholds:
        """The lexical scoring's cut-offs (claims.match.hits)."""
        return self._lexical.thresholds

    @thresholds.setter
    def thresholds(self, thresholds: Thresholds) -> None:
        self._lexical.thresholds = thresholds

    def use_semantics(self, vectors: DenseVectors, encode: Callable[[list[str]], np.ndarray], model: SemanticModel,
                      dense_search: bool = True) -> None:
        """Match with sentence embeddings from now on: `vectors` every indexed claim's (claims.match.dense),
        `encode` turns query texts into unit vectors, `model` ranks and decides (claims.match.semantic); with
        `dense_search`, the claims nearest by embedding join the lexical candidates."""
        semantics = Semantics(vectors, encode, model, dense_search)
        self._semantic = SemanticScoring(semantics, self._candidates, self._index, self._lock)

    def put_vectors(self, claim_id: int, claim: np.ndarray | None, title: np.ndarray | None = None) -> None:
        """A claim's sentence embeddings (and its title's), or None: it has none (its cosines count as 0)."""
        if self._semantic is not None:
            self._semantic.vectors.put(claim_id, claim, title)

    @property
    def semantic(self) -> bool:
        """Whether matching uses sentence embeddings (else it is lexical: claims.match.signals)."""
        return self._semantic is not None

    @property
    def shown_from(self) -> float:
        """The lowest score a default search shows (the active model's "related" threshold)."""
        return self._scoring.shown_from

    def add(self, claim_id: int, article_id: int | None, text: str, speaker: str | None = None,
            date: dt.date | str | None = None) -> None:
        """Add (or replace) one claim, with its speaker (or claimant) and the date it was made (a date or an
        ISO date string) when known; it is searchable at once. A title it had is dropped (add_title)."""
        key = fuzz_key(text or "")
        terms, words = Text.terms_of(key), word_count(text or "")
        with self._lock:
            self._candidates.forget(self._index.remove(claim_id))
            self._index.add(claim_id, article_id, key, terms, words, speaker_key(speaker), day_number(date))

    def add_many(self, rows: Iterable[tuple]) -> None:
        """Add rows (claim_id, article_id, text), optionally followed by speaker and date."""
        for row in rows:
            self.add(*row)

    def add_title(self, claim_id: int, title: str | None) -> bool:
        """Index `title` (an imported fact-check's headline) as a second text of the claim already added as
        `claim_id`, replacing a title it had: a query is scored against either text, the better counts. Nothing
        is indexed (a title it had is dropped) when the title says the same as the claim once normalised, or
        the claim is not indexed; returns whether the title was indexed."""
        key = fuzz_key(title or "")
        terms, words = Text.terms_of(key), word_count(title or "")
        with self._lock:
            self._candidates.forget([self._index.remove_title(claim_id)])
            own = self._index.slot_of(claim_id)
            if own is None or not terms or key == self._index.text(own):
                return False
            return self._index.add_title(claim_id, key, terms, words) is not None

    def add_titles(self, rows: Iterable[tuple[int, str | None]]) -> None:
        """`add_title` for each (claim_id, title)."""
        for claim_id, title in rows:
            self.add_title(claim_id, title)

    def remove(self, claim_id: int) -> None:
        """Forget the claim and its title."""
        with self._lock:
            self._candidates.forget(self._index.remove(claim_id))
        if self._semantic is not None:
            self._semantic.vectors.remove(claim_id)

    def frozen(self) -> Base:
        """Everything indexed, as a base a snapshot can hold (claims.match.snapshot)."""
        with self._lock:
            return self._index.frozen()

    @property
    def changed_since_base(self) -> int:
        """How many claims and titles were added or replaced since the base this matcher started from."""
        return self._index.tail_slots

    def search(self, text: str, limit: int = 5, exclude_article_id: int | None = None,
               min_score: float | None = None, speaker: str | None = None, date: dt.date | str | None = None
               ) -> list[MatchHit]:
        """The best `limit` earlier claims shown (Thresholds: at least the related threshold, or the best
        candidate leading all others by `lead` from `lead_floor` up; with `min_score`, those scoring at least
        that), chosen by the ranking model and returned "same claim" first, each kind in the order of its score
        (the score the user sees); `speaker`: who made the claim searched for, `date`: when, if known."""
        return self._scoring.search(text, limit, exclude_article_id, min_score, speaker, date)

    def semantic_candidates(self, text: str, query: np.ndarray, exclude_article_id: int | None = None,
                            speaker: str | None = None, date: dt.date | str | None = None
                            ) -> tuple[list[Scored], np.ndarray]:
        """The candidates of a semantic search with their rows of claims.match.semantic.ALL_FEATURES
        (SemanticScoring.candidates); `query` is the text's unit vector."""
        return self._semantic.candidates(text, query, exclude_article_id, speaker, date)

    def semantic_signals(self, query: np.ndarray, found: list[Scored], nearest: list[int]) -> np.ndarray:
        """Rows of claims.match.semantic.ALL_FEATURES for candidates found (SemanticScoring.signals)."""
        return self._semantic.signals(query, found, nearest)

    def copies(self, text: str, min_ratio: float = 90.0, prefix_words: int = 0, candidates: int = 5000
               ) -> list[tuple[int, int | None]]:
        """The indexed claims that are near copies of `text`, or open like it with three numbers or more
        (claims.match.copies), as (claim_id, article_id), among the `candidates` best by BM25 (for
        claims.match.boilerplate)."""
        return near_copies(self._index, self._lock, text, min_ratio, prefix_words, candidates)

    def signals(self, text: str, exclude_article_id: int | None = None, speaker: str | None = None,
                date: dt.date | str | None = None) -> list[tuple[Candidate, list[float]]]:
        """The re-ranking signals (claims.match.signals.FEATURES) of the best candidate texts for `text` (a claim
        and its title apart: the lexical scoring keeps the better)."""
        return [(c, values) for c, values, _ in self._candidates.scored(text, exclude_article_id, speaker, date)]

    @property
    def _scoring(self) -> LexicalScoring | SemanticScoring:
        """The active scoring path."""
        return self._lexical if self._semantic is None else self._semantic

