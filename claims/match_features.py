"""The signals that re-rank match candidates, and the learned weights that turn them into a 0..100 score.

Each signal compares a query with one candidate claim; "semantic" is the cosine of the two texts' static word
vectors (claims.semantic, 0 when the table is missing); the last three say whether the two claims' speakers
agree (same name, same surname, both known: all 0 when either speaker is unknown). All are absolute (none
depends on the other candidates), so the combined score can be thresholded. The weights are a logistic
regression fitted on the CheckThat! train splits by `benchmarks/match_quality.py --fit`, in two stages: the
text signals on the three sets pooled (2020 task 2, 2021 2A and 2B, without speakers), then the speaker
signals on 2B's (debate sentence speaker vs PolitiFact claimant) as an adjustment on the first logit's scale,
so a claim without a speaker scores as before. The logit ranks candidates; to read as a score, it is then
calibrated (Platt scaling) on the balanced ClaimMatch pairs: the score is 100 x the estimated probability
that the two texts are the same claim, at even prior odds. Thresholds (claims.matcher.Thresholds) are set on
this scale.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from claims import semantic
from claims.normalise import STOPWORDS, stem

SPEAKER_FEATURES = ("speaker_same", "speaker_surname", "speaker_known")
FEATURES = ("bm25", "cover_query", "cover_claim", "char_cosine", "token_sort", "token_set", "numbers_shared",
            "numbers_missing", "length_balance", "semantic", *SPEAKER_FEATURES)

# Fitted weights, in FEATURES order, the bias, and the calibration (slope, offset) of the logit.
WEIGHTS = (0.259, -0.061, -0.133, 6.340, -1.405, -0.785, 0.249, -0.322, -1.025, 2.376, 2.372, 2.897, -1.352)
BIAS = -8.518
CALIBRATION = (1.236, 6.808)
COPY_RATIO, COPY_MARGIN = 80.0, 10.0


@dataclass(frozen=True)
class Text:
    """A text prepared once for comparing: its fuzz key, content terms, numbers and character n-grams."""

    key: str
    terms: frozenset[str]
    numbers: frozenset[str]
    grams: Counter[str]
    norm: float

    @classmethod
    def of(cls, key: str) -> Text:
        words = key.split()
        grams = char_grams(key)
        return cls(key, frozenset(cls.terms_of(key)), frozenset(w for w in words if w[:1].isdigit()), grams,
                   math.hypot(*grams.values()))

    @staticmethod
    def terms_of(key: str) -> list[str]:
        """The content terms of a fuzz key: words without stop words, stemmed."""
        return [stem(w) for w in key.split() if w not in STOPWORDS]


def char_grams(key: str, sizes: tuple[int, ...] = (3, 4, 5)) -> Counter[str]:
    padded = f" {key} "
    return Counter([padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)])


def cosine(a: Text, b: Text) -> float:
    if not a.norm or not b.norm:
        return 0.0
    small, large = (a.grams, b.grams) if len(a.grams) < len(b.grams) else (b.grams, a.grams)
    return sum(small[g] * large[g] for g in small.keys() & large.keys()) / (a.norm * b.norm)


def cover(terms: frozenset[str], shared: frozenset[str], idf: Callable[[str], float]) -> float:
    total = sum(map(idf, terms))
    return sum(map(idf, shared)) / total if total > 0 else 0.0


def meanings(query: Text, claims: list[Text], idf: Callable[[str], float]) -> list[float]:
    """The semantic cosine (claims.semantic) of each claim with the query, words weighted by their terms' IDF;
    all zeros when the vector table is missing."""
    table = semantic.vectors()
    if table is None:
        return [0.0] * len(claims)
    words = [[w for w in t.key.split() if w not in STOPWORDS] for t in [query, *claims]]
    matrix = table.texts(words, lambda w: idf(stem(w)))
    return (matrix[1:] @ matrix[0]).tolist()


def speakers(query: str, claim: str) -> tuple[float, float, float]:
    """Speaker agreement of two speaker keys (claims.normalise.speaker_key): (same name, same surname or a
    one-word name found in the other, both known). All 0 when either speaker is unknown."""
    if not query or not claim:
        return (0.0, 0.0, 0.0)
    if query == claim:
        return (1.0, 0.0, 1.0)
    a, b = query.split(), claim.split()
    related = a[-1] == b[-1] or (len(a) == 1 and a[0] in b) or (len(b) == 1 and b[0] in a)
    return (0.0, float(related), 1.0)


def features(query: Text, claim: Text, bm25: float, idf: Callable[[str], float], meaning: float = 0.0,
             speaker: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> list[float]:
    """The signals, each roughly in 0..1 (bm25 is raw), in FEATURES order; `meaning`: the semantic cosine,
    `speaker`: the speaker agreement (`speakers`)."""
    shared = query.terms & claim.terms
    numbers = len(query.numbers) or 1
    short, long = sorted((len(query.key), len(claim.key)))
    return [
        bm25,
        cover(query.terms, shared, idf),
        cover(claim.terms, shared, idf),
        cosine(query, claim),
        fuzz.token_sort_ratio(query.key, claim.key) / 100,
        fuzz.token_set_ratio(query.key, claim.key) / 100,
        len(query.numbers & claim.numbers) / numbers,
        len(query.numbers - claim.numbers) / numbers,
        short / long if long else 0.0,
        meaning,
        *speaker,
    ]


def logit(values: list[float], weights: tuple[float, ...] = WEIGHTS, bias: float = BIAS) -> float:
    """The ranking model's log-odds for one candidate."""
    return bias + sum(w * v for w, v in zip(weights, values, strict=True))


def score(values: list[float], calibration: tuple[float, float] | None = None, copy: float = 0.0) -> float:
    """The calibrated score, 0..100. A near copy (`copy`, the texts' fuzz.ratio, at least COPY_RATIO) scores
    at least its ratio less COPY_MARGIN: it is always shown, and an identical text is the same claim."""
    slope, offset = calibration or CALIBRATION
    z = slope * logit(values) + offset
    value = 100.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
    return max(value, copy - COPY_MARGIN) if copy >= COPY_RATIO else value
