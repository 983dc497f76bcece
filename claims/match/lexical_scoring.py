"""LexicalScoring: how Matcher.search chooses and scores its hits when matching is lexical (no sentence embeddings).

The candidates (claims.match.candidates) are re-ranked by a logistic model over lexical signals, one light semantic
signal and speaker agreement (claims.match.signals: IDF-weighted term cover both ways, character n-gram cosine,
rapidfuzz token_sort/token_set ratios, shared and missing numbers, length balance, the cosine of static word
vectors (claims.match.vectors), whether the two claims' speakers agree): hits come in that model's order. Each hit's
score (0..100, 100 x P(same claim)) is a second model's, which also weighs word alignment both ways, numbers and
negation, so another claim on the same topic is not "the same claim" (signals.scores); a near copy (fuzz.ratio >=
signals.COPY_RATIO) scores at least its ratio less signals.COPY_MARGIN. A claim whose fact-check title is indexed
too is scored against each text apart, the title's logits put on the claims' scale (signals.TITLE_SCORE,
TITLE_RANK), and the better text counts, so a claim is listed once. Thresholds (claims.match.hits) decide which
are shown and as what kind; the chosen hits are returned "same" first, each kind in the order of its score.
"""

from __future__ import annotations

import datetime as dt
import threading

from claims.match.candidates import CandidateSearch, Scored
from claims.match.hits import MatchHit, Thresholds
from claims.match.index import Candidate, MatchIndex
from claims.match.normalise import word_count
from claims.match.signals import rankings, scores


class LexicalScoring:
    """The lexical scoring path, over candidates gathered by `candidates` from `index` (guarded by `lock`)."""

    def __init__(self, thresholds: Thresholds, candidates: CandidateSearch, index: MatchIndex,
                 lock: threading.Lock):
        self.thresholds = thresholds
        self._candidates = candidates
        self._index = index
        self._lock = lock

    @property
    def shown_from(self) -> float:
        """The lowest score a default search shows (the "related" threshold)."""
        return self.thresholds.related

    def search(self, text: str, limit: int, exclude_article_id: int | None, min_score: float | None,
               speaker: str | None, date: dt.date | str | None) -> list[MatchHit]:
        """Matcher.search, lexically."""
        scored = self._candidates.scored(text, exclude_article_id, speaker, date)
        return self.chosen(scored, word_count(text or ""), limit, min_score)

    def chosen(self, scored: list[Scored], words: int, limit: int, min_score: float | None) -> list[MatchHit]:
        """`search`'s hits from the candidate texts' signals and fuzz.ratios (CandidateSearch.scored) for a query of
        `words` words: each claim once, with the better of its texts."""
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
