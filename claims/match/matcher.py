"""Matcher: which earlier claims in the archive a claim matches, as "same" or "related", best first.

Candidate retrieval by BM25 over the rarest content terms of the query (claims.match.index); the best `rerank`
by BM25, plus the near copies (fuzz.ratio >= NEAR_RATIO on the normalised texts) among the best `candidates`
and, when the query's speaker is given, the best by BM25 of that speaker's claims among them, are re-ranked by
a logistic model over lexical signals, one light semantic signal and speaker agreement: IDF-weighted term
cover both ways, character n-gram cosine, rapidfuzz token_sort/token_set ratios, shared and missing numbers,
length balance, the cosine of static word vectors (claims.match.vectors), and whether the two claims' speakers
agree (claims.match.signals). A claim's speaker is optional (`add(..., speaker)`, 4-tuples in `add_many`,
`search(..., speaker=)`); when either is unknown, the score is what it was without. Hits come in that model's
order; each hit's score (0..100, 100 x P(same claim)) is a second model's, which also weighs word alignment
both ways, numbers and negation, so another claim on the same topic is not "the same claim" (match_features).
A near copy (fuzz.ratio >= 80) scores at least its ratio less 10. Two thresholds, as Meedan Check uses: at or
above `same` a match is the same claim, between `related` and `same` it is possibly related (and so is the best
candidate under `related` when it leads every other by `lead` points, from `lead_floor` up: Thresholds); a match
in which either claim has fewer than `min_words_for_same` words is "same" only when it is a near copy
(fuzz.ratio >= SHORT_COPY_RATIO). The hits chosen (by the ranking model) are returned in the order of their
score, "same" first. MatchHit and Thresholds are claims.match.hits; near-copy search (`copies`) is claims.match.copies.

An imported fact-check's title (its headline) may be indexed as a second text of its claim (`add_title`): a
query is scored against each text apart, the title's logits put on the claims' scale (signals.TITLE_SCORE,
TITLE_RANK), and the better text counts, so a claim is listed once. Near-copy search (`copies`, for
boilerplate) reads claims' own texts only; `len` counts claims.

Candidates and their signals are gathered by claims.match.candidates (with the caches that make it fast: each
indexed text's comparison data in a bounded LRU cache keyed by slot, IDFs per term until the next claim is added;
none of this changes a score).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from claims.match.candidates import CandidateSearch
from claims.match.copies import near_copies
from claims.match.dense import DenseVectors
from claims.match.hits import MatchHit, Thresholds
from claims.match.index import Base, Candidate, MatchIndex
from claims.match.normalise import day_number, fuzz_key, speaker_key, word_count
from claims.match.semantic import ALL_FEATURES, SemanticModel, semantic_values
from claims.match.signals import COPY_MARGIN, COPY_RATIO, rankings, scores
from claims.match.text_forms import Text

__all__ = ["MatchHit", "Matcher", "Semantics", "Thresholds"]


@dataclass(frozen=True)
class Semantics:
    """What matching with sentence embeddings needs (Matcher.use_semantics)."""

    vectors: DenseVectors
    encode: Callable[[list[str]], np.ndarray]
    model: SemanticModel
    dense_search: bool


class Matcher:
    """An incremental index of earlier claims, searched by similarity to a new claim.

    Thread-safe: one lock guards the index and the caches, so a worker thread may build it (add_many) while the UI
    thread searches; a search during the build sees the claims added so far.
    """

    def __init__(self, thresholds: Thresholds | None = None, candidates: int = 1000, rerank: int = 50,
                 base: Base | None = None):
        self.thresholds = thresholds or Thresholds.from_env()
        self._index = MatchIndex(base)
        self._lock = threading.Lock()  # guards the index and the caches (those of CandidateSearch)
        self._candidates = CandidateSearch(self._index, self._lock, candidates, rerank)
        self._semantic: Semantics | None = None

    def __len__(self) -> int:
        return len(self._index)

    def use_semantics(self, vectors: DenseVectors, encode: Callable[[list[str]], np.ndarray], model: SemanticModel,
                      dense_search: bool = True) -> None:
        """Match with sentence embeddings from now on: `vectors` every indexed claim's (claims.match.dense),
        `encode` turns query texts into unit vectors, `model` ranks and decides (claims.match.semantic); with
        `dense_search`, the claims nearest by embedding join the lexical candidates."""
        self._semantic = Semantics(vectors, encode, model, dense_search)

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
        return self._semantic.model.related if self._semantic else self.thresholds.related

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
        if self._semantic is not None:
            return self._search_semantic(text, limit, exclude_article_id, min_score, speaker, date)
        scored = self._candidates.scored(text, exclude_article_id, speaker, date)
        return self._chosen(scored, word_count(text or ""), limit, min_score)

    def _chosen(self, scored: list[tuple[Candidate, list[float], float]], words: int, limit: int,
                min_score: float | None) -> list[MatchHit]:
        """`search`'s hits from the candidate texts' signals and fuzz.ratios (`_scored`) for a query of `words`
        words: each claim once, with the better of its texts."""
        rows, copies = [v for _, v, _ in scored], [ratio for _, _, ratio in scored]
        with self._lock:
            titles = [self._index.is_title(c.slot) for c, _, _ in scored]
        values, ranks = scores(rows, copies, titles), rankings(rows, copies, titles)
        found = _best_per_claim([(c, value, rank, ratio) for (c, _, ratio), value, rank
                                 in zip(scored, values, ranks, strict=True)])
        values = [value for _, value, _, _ in found]
        shown = self.thresholds.shown(values) if min_score is None else [value >= min_score for value in values]
        with self._lock:
            hits = [(rank, MatchHit(c.claim_id, round(value, 2), self._kind(value, words, c.slot, ratio)), c.slot)
                    for (c, value, rank, ratio), show in zip(found, shown, strict=True) if show]
        hits.sort(key=lambda h: (h[1].kind != "same", -h[0], h[2]))
        chosen = [hit for _, hit, _ in hits[: max(limit, 0)]]
        return sorted(chosen, key=lambda hit: (hit.kind != "same", -hit.score))  # shown in the order of the score

    def _search_semantic(self, text: str, limit: int, exclude_article_id: int | None, min_score: float | None,
                         speaker: str | None, date: dt.date | str | None) -> list[MatchHit]:
        """`search` with sentence embeddings: lexical and dense candidates, ordered by the semantic ranker, each of
        the best `limit` scored by the decision model (claims.match.semantic) and shown from its "related" up."""
        sem = self._semantic
        query = np.asarray(sem.encode([text or ""])[0], dtype=np.float32)
        found, values = self.semantic_candidates(text, query, exclude_article_id, speaker, date)
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

    def semantic_candidates(self, text: str, query: np.ndarray, exclude_article_id: int | None = None,
                            speaker: str | None = None, date: dt.date | str | None = None
                            ) -> tuple[list[tuple[Candidate, list[float], float]], np.ndarray]:
        """The candidates of a semantic search (lexical, then the dense search's nearest the lexical one missed),
        one per claim (its own text or its fact-check title, whichever ranks better lexically), with their rows of
        claims.match.semantic.ALL_FEATURES; `query` is the text's unit vector."""
        sem = self._semantic
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
        return found, self.semantic_signals(query, found, nearest)

    def semantic_signals(self, query: np.ndarray, found: list[tuple[Candidate, list[float], float]],
                         nearest: list[int]) -> np.ndarray:
        """Rows of claims.match.semantic.ALL_FEATURES for the candidates `found` by `_scored` (lexical ones first,
        then those only the dense search (`nearest`, best first) found)."""
        if not found:
            return np.zeros((0, len(ALL_FEATURES)))
        ids = [c.claim_id for c, _, _ in found]
        cos_claim, cos_title, has_title = self._semantic.vectors.cosines(query, ids)
        dense_rank = {claim_id: n for n, claim_id in enumerate(nearest)}
        return np.array([values + semantic_values(float(cos_claim[n]), float(cos_title[n]), bool(has_title[n]),
                                                  dense_rank.get(c.claim_id), n if c.bm25 > 0 else None, ratio)
                         for n, (c, values, ratio) in enumerate(found)], dtype=np.float64)

    def copies(self, text: str, min_ratio: float = 90.0, prefix_words: int = 0, candidates: int = 5000
               ) -> list[tuple[int, int | None]]:
        """The indexed claims that are near copies of `text`, or open like it with three numbers or more
        (claims.match.copies), as (claim_id, article_id), among the `candidates` best by BM25 (for
        claims.match.boilerplate)."""
        return near_copies(self._index, self._lock, text, min_ratio, prefix_words, candidates)

    def signals(self, text: str, exclude_article_id: int | None = None, speaker: str | None = None,
                date: dt.date | str | None = None) -> list[tuple[Candidate, list[float]]]:
        """The re-ranking signals (claims.match.signals.FEATURES) of the best candidate texts for `text` (a claim
        and its title apart: `_chosen` keeps the better)."""
        return [(c, values) for c, values, _ in self._candidates.scored(text, exclude_article_id, speaker, date)]

    def _kind(self, value: float, query_words: int, slot: int, ratio: float) -> str:
        """Thresholds.kind for the candidate in `slot` (read under the lock)."""
        return self.thresholds.kind(value, query_words, self._index.words(slot), ratio)


def _best_per_claim(found: list[tuple[Candidate, float, float, float]]) -> list[tuple[Candidate, float, float, float]]:
    """One entry per claim from (candidate, score, ranking logit, fuzz.ratio) of its texts (its own and its title's):
    the better score with the slot and ratio that gave it, and the better ranking logit; in first-seen order."""
    best: dict[int, tuple[Candidate, float, float, float]] = {}
    for c, value, rank, ratio in found:
        had = best.get(c.claim_id)
        if had is None:
            best[c.claim_id] = (c, value, rank, ratio)
        elif value > had[1]:
            best[c.claim_id] = (c, value, max(rank, had[2]), ratio)
        elif rank > had[2]:
            best[c.claim_id] = (had[0], had[1], rank, had[3])
    return list(best.values())
