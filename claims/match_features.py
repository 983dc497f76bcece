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

import numpy as np
from rapidfuzz import fuzz, process

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


@dataclass(frozen=True, slots=True)
class Prepared:
    """A `Text` in the form the matcher caches per indexed claim (~16 KiB): its character n-grams as sorted
    int64 codes and counts (compared with numpy, `char_cosines`), and its content words' semantic vectors
    with their terms (weighted by IDF at query time, `meanings_of`). Same signals as from a `Text`."""

    key: str
    terms: frozenset[str]
    numbers: frozenset[str]
    norm: float
    grams: np.ndarray  # int64 codes of the character n-grams (`gram_codes`), sorted, unique
    counts: np.ndarray  # int64, each gram's count, in `grams` order
    stems: tuple[str, ...]  # the term of each word with a semantic vector, in `vectors` row order
    vectors: np.ndarray | None  # semantic.WordVectors.pieces of the content words

    @classmethod
    def of(cls, key: str) -> Prepared:
        words = key.split()
        grams, counts = _counted(gram_codes(key))
        table = semantic.vectors()
        found, vectors = table.pieces(content_words(key)) if table is not None else ((), None)
        return cls(key, frozenset(Text.terms_of(key)), frozenset(w for w in words if w[:1].isdigit()),
                   math.hypot(*counts.tolist()), grams, counts, tuple(map(stem, found)), vectors)


GRAM_BITS = 12  # bits per character in a gram's code: characters below U+0FFF are packed exactly


def gram_codes(key: str, sizes: tuple[int, ...] = (3, 4, 5)) -> np.ndarray:
    """One int64 per character n-gram of `char_grams` (same grams, same multiplicity): its characters packed
    GRAM_BITS each (code point + 1, so lengths differ), which is exact for the Latin, Greek and Cyrillic
    scripts; a gram with a character past that gets the (negative) Python hash of its text instead."""
    padded = f" {key} "
    points = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.int64) + 1
    codes = [_packed(points, n) for n in sizes if len(points) >= n]
    if not codes:
        return np.zeros(0, dtype=np.int64)
    out = np.concatenate(codes)
    if points.max() >= 1 << GRAM_BITS:
        wide = np.concatenate([_packed(points >= 1 << GRAM_BITS, n) > 0 for n in sizes if len(points) >= n])
        grams = [padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)]
        out[wide] = [hash(g) | -(1 << 63) for g, w in zip(grams, wide, strict=True) if w]
    return out


def _counted(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(codes, return_counts=True)`, with less overhead."""
    codes = np.sort(codes)
    starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1]))) if len(codes) else codes
    return codes[starts], np.diff(np.append(starts, len(codes)))


def _packed(points: np.ndarray, n: int) -> np.ndarray:
    count = len(points) - n + 1
    code = np.zeros(count, dtype=np.int64)
    for j in range(n):
        code = (code << GRAM_BITS) | points[j : j + count]
    return code


def content_words(key: str) -> list[str]:
    return [w for w in key.split() if w not in STOPWORDS]


def char_grams(key: str, sizes: tuple[int, ...] = (3, 4, 5)) -> Counter[str]:
    padded = f" {key} "
    return Counter([padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)])


def cosine(a: Text, b: Text) -> float:
    if not a.norm or not b.norm:
        return 0.0
    small, large = (a.grams, b.grams) if len(a.grams) < len(b.grams) else (b.grams, a.grams)
    return sum(small[g] * large[g] for g in small.keys() & large.keys()) / (a.norm * b.norm)


def char_cosines(query: Prepared, claims: list[Prepared]) -> list[float]:
    """`cosine` of the query with each claim, all at once (exact: integer dot products, same norms)."""
    if not len(query.grams) or not claims:
        return [0.0] * len(claims)
    grams = np.concatenate([c.grams for c in claims])
    counts = np.concatenate([c.counts for c in claims])
    owner = np.repeat(np.arange(len(claims)), [len(c.grams) for c in claims])
    at = np.minimum(np.searchsorted(query.grams, grams), len(query.grams) - 1)
    found = np.where(query.grams[at] == grams, query.counts[at], 0)
    dots = np.bincount(owner, weights=counts * found, minlength=len(claims))
    return [float(dot) / (query.norm * c.norm) if c.norm else 0.0 for dot, c in zip(dots, claims, strict=True)]


def fuzzy_ratios(query: str, keys: list[str]) -> list[tuple[float, float, float]]:
    """rapidfuzz's token sort, token set and plain ratios of `query` with each key, in one call each."""
    if not keys:
        return []
    found = [process.cdist([query], keys, scorer=s, dtype=np.float64)[0].tolist()
             for s in (fuzz.token_sort_ratio, fuzz.token_set_ratio, fuzz.ratio)]
    return list(zip(*found, strict=True))


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


def meanings_of(query: Prepared, claims: list[Prepared], idf: Callable[[str], float]) -> list[float]:
    """`meanings` from prepared texts: only the IDF weighting is done per query."""
    table = semantic.vectors()
    if table is None:
        return [0.0] * len(claims)
    texts = [query, *claims]
    matrix = table.combine([t.vectors for t in texts], [[idf(s) for s in t.stems] for t in texts])
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


def features(query: Text | Prepared, claim: Text | Prepared, bm25: float, idf: Callable[[str], float],
             meaning: float = 0.0, speaker: tuple[float, float, float] = (0.0, 0.0, 0.0),
             char: float | None = None, fuzzy: tuple[float, float] | None = None) -> list[float]:
    """The signals, each roughly in 0..1 (bm25 is raw), in FEATURES order; `meaning`: the semantic cosine,
    `speaker`: the speaker agreement (`speakers`); when already known (`char_cosines`, `fuzzy_ratios`),
    `char`: the character n-gram cosine, `fuzzy`: the token sort and token set ratios."""
    shared = query.terms & claim.terms
    numbers = len(query.numbers) or 1
    short, long = sorted((len(query.key), len(claim.key)))
    return [
        bm25,
        cover(query.terms, shared, idf),
        cover(claim.terms, shared, idf),
        cosine(query, claim) if char is None else char,
        (fuzz.token_sort_ratio(query.key, claim.key) if fuzzy is None else fuzzy[0]) / 100,
        (fuzz.token_set_ratio(query.key, claim.key) if fuzzy is None else fuzzy[1]) / 100,
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


def scores(rows: list[list[float]], copies: list[float]) -> list[float]:
    """`score` of many candidates (signals `rows`, fuzz.ratios `copies`), the logits summed with numpy in
    `logit`'s order, so each equals `score(row, copy=copy)` exactly."""
    if not rows:
        return []
    values = np.asarray(rows, dtype=np.float64)
    total = np.zeros(len(rows))
    for n, weight in enumerate(WEIGHTS):
        total = total + weight * values[:, n]
    slope, offset = CALIBRATION
    out = []
    for z, copy in zip((slope * (BIAS + total) + offset).tolist(), copies, strict=True):
        value = 100.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
        out.append(max(value, copy - COPY_MARGIN) if copy >= COPY_RATIO else value)
    return out
