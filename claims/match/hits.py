"""What a search returns and what decides it: MatchHit (an earlier claim found, its score and its kind) and
Thresholds, the lexical model's cut-offs (overridable from the environment), with the two rules that apply them:
which scores a search shows (`Thresholds.shown`) and which of those are the same claim (`Thresholds.kind`). Two
thresholds, as Meedan Check uses: at or above `same` a match is the same claim, between `related` and `same` it is
possibly related.

The semantic model brings its own "same" and "related" (claims.match.semantic; claims.match.semantic_scoring).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

SHORT_COPY_RATIO = 95.0  # fuzz.ratio (normalised texts) from which a short claim (under min_words_for_same) is "same"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MatchHit:
    claim_id: int
    score: float  # similarity 0..100
    kind: str  # "same" (at or above the high threshold) or "related" (between the low and the high one)


@dataclass(frozen=True)
class Thresholds:
    """Score cut-offs. same: shown as the same claim; related: shown as possibly related; and a lead: the best
    candidate is shown (possibly related) from `lead_floor` up when it scores `lead` points or more above every
    other candidate. A claim that stands out from the crowd of same-topic candidates is more often the earlier
    check than one of a crowd scoring alike (benchmarks/match_product_path.py: on the CheckThat! dev and train
    queries alike, fewer queries without an earlier check show a match, and at most 0.005 MAP@5 is lost)."""

    same: float = 90.0
    related: float = 25.0
    min_words_for_same: int = 8
    lead: float = 8.0
    lead_floor: float = 10.0

    @classmethod
    def from_env(cls) -> Thresholds:
        """The defaults, each overridden by ``$CLAIMDESK_SAME_THRESHOLD`` / ``$CLAIMDESK_RELATED_THRESHOLD``
        (a number 0-100; a value that is not, or a related cut-off above the same one, is ignored)."""
        same = _env_score("CLAIMDESK_SAME_THRESHOLD", cls.same)
        related = _env_score("CLAIMDESK_RELATED_THRESHOLD", cls.related)
        if related > same:
            log.warning("ignoring match thresholds: related %s is above same %s", related, same)
            return cls()
        return cls(same=same, related=related, lead_floor=min(cls.lead_floor, related))

    def shown(self, values: list[float]) -> list[bool]:
        """Which candidates (their scores) are shown: those at or above `related`, and the best one when it scores
        `lead` or more above the runner-up and at least `lead_floor`."""
        shown = [value >= self.related for value in values]
        if values and self.lead > 0:
            best = max(range(len(values)), key=values.__getitem__)
            runner_up = max((v for n, v in enumerate(values) if n != best), default=0.0)
            if values[best] >= self.lead_floor and values[best] - runner_up >= self.lead:
                shown[best] = True
        return shown

    def kind(self, value: float, query_words: int, claim_words: int, ratio: float) -> str:
        """A score's kind, "same" or "related". A short claim is "same" only as a near copy (fuzz.ratio >=
        SHORT_COPY_RATIO of the normalised texts): few words say too little for a loose match to be the same
        claim, but a quote is a quote."""
        short = min(query_words, claim_words) < self.min_words_for_same
        copy = ratio >= SHORT_COPY_RATIO
        return "same" if value >= self.same and (copy or not short) else "related"


def _env_score(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 100.0:
        log.warning("ignoring %s=%r: not a score from 0 to 100", name, raw)
        return default
    return value
