"""The signals that re-rank match candidates, and the learned weights that turn them into a 0..100 score.

Each signal compares a query with one candidate claim; "semantic" is the cosine of the two texts' static word
vectors (claims.match.vectors, 0 when the table is missing); SPEAKER_FEATURES say whether the two claims' speakers
agree (same name, same surname, both known: all 0 when either speaker is unknown), DATE_FEATURES how their
dates do (the claim was made before the query, how far apart, both known: all 0 when either is unknown). All are
absolute (none depends on the other candidates), so the combined score can be thresholded. Two models read them.

The ranking logit (`logit`, WEIGHTS) orders candidates: a logistic regression fitted on the CheckThat! train splits
by `benchmarks/match_quality.py --fit`, in two stages: the text signals on the three sets pooled (2020 task 2, 2021
2A and 2B, without speakers), then the speaker signals on 2B's (debate sentence speaker vs PolitiFact claimant) as
an adjustment on the first logit's scale, with the date signals (debate day vs the day PolitiFact says the claim
was made), so a claim without a speaker or a date ranks as before.

The score (`score`, CALIBRATION; stage 3, benchmarks/match_calibration.py) is 100 x the probability that the two
texts are the same claim, at even prior odds, where a changed number or a negation still makes the same claim (what
a fact-checker must see): a logistic model of the ranking logit, the two term covers (lower and higher), word
alignment both ways (`alignment`, ALIGN_FEATURES), numbers and negation, fitted on journalistic rewordings
(fact-check titles vs their claims, also with a number changed or a negation flipped) against other claims on the
same topic (other claims for that title, sentence pairs from one PolitiFact article) and the ClaimMatch pairs. The
ranking logit alone made two claims on one topic "the same claim" (it was calibrated on random negatives). Scores
are not used for ordering: hits come in the ranking logit's order. Thresholds (claims.match.hits.Thresholds) are
set on the score.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
from rapidfuzz import fuzz, process

from claims.match import vectors as semantic
from claims.match.normalise import NEGATIONS, STOPWORDS, stem
from claims.match.text_forms import Prepared, Text, content_words, unit_words

SPEAKER_FEATURES = ("speaker_same", "speaker_surname", "speaker_known")
DATE_FEATURES = ("date_before", "date_distance", "date_known")
ALIGN_FEATURES = ("align_min", "align_max", "negation_differs")
FEATURES = ("bm25", "cover_query", "cover_claim", "char_cosine", "token_sort", "token_set", "numbers_shared",
            "numbers_missing", "length_balance", "semantic", *SPEAKER_FEATURES, *DATE_FEATURES, *ALIGN_FEATURES)
DATE_SAME = 1  # days apart that still count as the same day (a debate runs past midnight)
DATE_SCALE = math.log(3650.0)  # date_distance = log(1 + days apart) / DATE_SCALE: 1 at ten years
RANKING = len(FEATURES) - len(ALIGN_FEATURES)  # the signals of the ranking logit (WEIGHTS)

# The ranking logit's fitted weights, in FEATURES order (the first RANKING), and its bias.
WEIGHTS = (0.250, -0.062, 0.300, 5.952, -1.371, -0.714, 0.197, -0.328, -0.850, 2.360, 2.069, 1.810, 0.090,
           2.933, -9.350, 0.090)
BIAS = -8.508
# The score model (stage 3): weights of [logit, min and max of the two covers, align_min, align_max,
# numbers_missing, numbers_shared, negation_differs] and its bias; see `calibrated`.
CALIBRATION = (0.326, 1.629, -0.424, 2.273, 4.987, 0.179, 0.570, 0.897, -4.513)
COPY_RATIO, COPY_MARGIN = 80.0, 10.0
# A fact-check title's score logit and ranking logit, as (slope, offset), put on the claims' scale: a claim with a
# title has two chances to score high, and a headline is often short and topical ("Black Panthers"), high against
# any long query holding its few words. Fitted on the CheckThat! train splits (benchmarks/match_titles.py --fit):
# the best MAP@5, shown and without thresholds, among offsets that show a match to no more queries without an
# earlier check than the claims alone do.
TITLE_SCORE = (1.0, -1.25)
TITLE_RANK = (1.0, 0.0)
RANK_CALIBRATION = (1.281, 7.007)  # the ranking logit's Platt scaling on the ClaimMatch pairs (stages 1-2)
_AT = {name: n for n, name in enumerate(FEATURES)}
# A flipped negation weighs in the score only between texts whose words align at least this well both ways
# (align_min): the calibration's negation flips were all made in rewordings of one claim, so elsewhere the flag
# only lifted loosely related pairs (a news sentence saying "do not appear to be backing them" read as 61 against
# "For the first time in nearly two decades, we produce more oil ..."). Its rewordings align at 0.72 and more.
NEGATION_ALIGN = 0.6
_SCORE_INPUTS = ("align_min", "align_max", "numbers_missing", "numbers_shared", "negation_differs")  # `score_inputs`


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
    """The semantic cosine (claims.match.vectors) of each claim with the query, words weighted by their terms' IDF;
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


def _units(text: Text | Prepared) -> np.ndarray | None:
    """The unit-length vectors of a text's content words that are not numbers (None: none has a vector)."""
    if isinstance(text, Prepared):
        return text.units
    table = semantic.vectors()
    if table is None:
        return None
    found, vectors = table.pieces([w for w in content_words(text.key) if not w[:1].isdigit()])
    return unit_words(list(vectors)) if vectors is not None else None


def alignment(query: Text | Prepared, claim: Text | Prepared) -> tuple[float, float]:
    """How well each text's content words (numbers aside) find a close word in the other, by word-vector
    cosine: the mean of each word's best cosine, for the query's words and for the claim's, as (the lower,
    the higher). A reworded claim covers the other both ways; two claims on one topic share the topic's words
    but not what is claimed about it ("died" vs "evacuated"). (0, 0) when the vector table is missing."""
    a, b = _units(query), _units(claim)
    if a is None or b is None:
        return (0.0, 0.0)
    cosines = a.astype(np.float64) @ b.astype(np.float64).T  # float64: the same sums whatever the shapes
    one, other = float(cosines.max(axis=1).mean()), float(cosines.max(axis=0).mean())
    return (min(one, other), max(one, other))


def alignments(query: Text | Prepared, claims: list[Text | Prepared]) -> list[tuple[float, float]]:
    """`alignment` of the query with each claim, all at once: one matrix product over the claims' stacked word
    vectors, then the best cosine per word within each claim (`np.maximum.reduceat`)."""
    out = [(0.0, 0.0)] * len(claims)
    a = _units(query)
    units = [_units(claim) for claim in claims]
    kept = [n for n, u in enumerate(units) if u is not None]
    if a is None or not kept:
        return out
    counts = np.array([len(units[n]) for n in kept])
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    cosines = a.astype(np.float64) @ np.vstack([units[n] for n in kept]).astype(np.float64).T
    ones = np.maximum.reduceat(cosines, starts, axis=1).mean(axis=0)
    others = np.add.reduceat(cosines.max(axis=0), starts) / counts
    for n, one, other in zip(kept, ones.tolist(), others.tolist(), strict=True):
        out[n] = (min(one, other), max(one, other))
    return out


@functools.lru_cache(maxsize=65_536)
def negated(key: str) -> bool:
    return any(word in NEGATIONS for word in key.split())


def speakers(query: str, claim: str) -> tuple[float, float, float]:
    """Speaker agreement of two speaker keys (claims.match.normalise.speaker_key): (same name, same surname or a
    one-word name found in the other, both known). All 0 when either speaker is unknown."""
    if not query or not claim:
        return (0.0, 0.0, 0.0)
    if query == claim:
        return (1.0, 0.0, 1.0)
    a, b = query.split(), claim.split()
    related = a[-1] == b[-1] or (len(a) == 1 and a[0] in b) or (len(b) == 1 and b[0] in a)
    return (0.0, float(related), 1.0)


def dates(query: int, claim: int) -> tuple[float, float, float]:
    """Date agreement of two day numbers (claims.match.normalise.day_number): (the claim was made more than
    DATE_SAME days before the query, how far apart on a log scale, both known). All 0 when either is unknown."""
    if not query or not claim:
        return (0.0, 0.0, 0.0)
    apart = abs(query - claim)
    return (float(claim < query - DATE_SAME), math.log1p(apart) / DATE_SCALE, 1.0)


def features(query: Text | Prepared, claim: Text | Prepared, bm25: float, idf: Callable[[str], float],
             meaning: float = 0.0, speaker: tuple[float, float, float] = (0.0, 0.0, 0.0),
             char: float | None = None, fuzzy: tuple[float, float] | None = None,
             day: tuple[float, float, float] = (0.0, 0.0, 0.0), align: tuple[float, float] | None = None
             ) -> list[float]:
    """The signals, each roughly in 0..1 (bm25 is raw), in FEATURES order; `meaning`: the semantic cosine,
    `speaker`: the speaker agreement (`speakers`); when already known (`char_cosines`, `fuzzy_ratios`),
    `char`: the character n-gram cosine, `fuzzy`: the token sort and token set ratios; `day`: the date
    agreement (`dates`); `align`: `alignment`, when already known (`alignments`). The last three (ALIGN_FEATURES:
    `alignment`, and whether one text is negated and the other not) feed the score only."""
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
        *day,
        *(alignment(query, claim) if align is None else align),
        float(negated(query.key) != negated(claim.key)),
    ]


def logit(values: list[float], weights: tuple[float, ...] = WEIGHTS, bias: float = BIAS) -> float:
    """The ranking model's log-odds for one candidate (the first RANKING signals)."""
    return bias + sum(w * v for w, v in zip(weights, values[:RANKING], strict=True))


def calibrated(z: float, values: list[float], calibration: tuple[float, ...] | None = None) -> float:
    """The score model's log-odds: the ranking logit `z` with the signals that tell a reworded claim from another
    claim on the same topic (covers both ways, word alignment both ways, numbers, negation)."""
    w = calibration or CALIBRATION
    inputs = score_inputs(values)
    return w[-1] + w[0] * z + sum(a * b for a, b in zip(w[1:-1], inputs, strict=True))


def score_inputs(values: list[float]) -> list[float]:
    """The score model's inputs besides the ranking logit, in CALIBRATION order."""
    names = dict(zip(FEATURES, values, strict=True))
    covers = (names["cover_query"], names["cover_claim"])
    negation = names["negation_differs"] if names["align_min"] >= NEGATION_ALIGN else 0.0
    return [min(covers), max(covers), names["align_min"], names["align_max"], names["numbers_missing"],
            names["numbers_shared"], negation]


def score(values: list[float], calibration: tuple[float, ...] | None = None, copy: float = 0.0) -> float:
    """The score, 0..100: 100 x the probability that the two texts are the same claim (a changed number or a
    negation still counts as the same claim), at even prior odds. A near copy (`copy`, the texts' fuzz.ratio,
    at least COPY_RATIO) scores at least its ratio less COPY_MARGIN: it is always shown, and an identical
    text is the same claim."""
    z = calibrated(logit(values), values, calibration)
    value = 100.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
    return max(value, copy - COPY_MARGIN) if copy >= COPY_RATIO else value


def scores(rows: list[list[float]], copies: list[float], titles: list[bool] | None = None) -> list[float]:
    """`score` of many candidates (signals `rows`, fuzz.ratios `copies`), with numpy (equal to `score` up to the
    last bits of the sums); a candidate that is a fact-check's title (`titles`) has its logit put on the claims'
    scale (TITLE_SCORE) before the near-copy floor."""
    if not rows:
        return []
    values = np.array(rows, dtype=np.float64)
    z = BIAS + values[:, :RANKING] @ np.array(WEIGHTS)
    w = np.array(CALIBRATION)
    covers = values[:, [FEATURES.index("cover_query"), FEATURES.index("cover_claim")]]
    inputs = np.column_stack([covers.min(axis=1), covers.max(axis=1), values[:, [_AT[n] for n in _SCORE_INPUTS]]])
    inputs[:, -1] *= values[:, _AT["align_min"]] >= NEGATION_ALIGN  # `score_inputs`: a flip counts between rewordings
    z = w[-1] + w[0] * z + inputs @ w[1:-1]
    z = _on_claim_scale(z, titles, TITLE_SCORE)
    value = 100.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))
    copy = np.array(copies, dtype=np.float64)
    return np.where(copy >= COPY_RATIO, np.maximum(value, copy - COPY_MARGIN), value).tolist()


def rankings(rows: list[list[float]], copies: list[float], titles: list[bool] | None = None) -> list[float]:
    """The ranking order of many candidates: the ranking logit (a fact-check title's, `titles`, on the claims'
    scale: TITLE_RANK), a near copy (`copies`, fuzz.ratio at least COPY_RATIO) at least at the logit its floored
    score would have under the former calibration (RANK_CALIBRATION), so near copies rank as they always did."""
    if not rows:
        return []
    slope, offset = RANK_CALIBRATION
    z = BIAS + np.array(rows, dtype=np.float64)[:, :RANKING] @ np.array(WEIGHTS)
    z = _on_claim_scale(z, titles, TITLE_RANK)
    copy = np.array(copies, dtype=np.float64)
    floor = np.minimum(copy - COPY_MARGIN, 99.99) / 100
    with np.errstate(divide="ignore", invalid="ignore"):
        floored = (np.log(floor / (1 - floor)) - offset) / slope
    return np.where(copy >= COPY_RATIO, np.maximum(z, floored), z).tolist()


def _on_claim_scale(z: np.ndarray, titles: list[bool] | None, mapping: tuple[float, float]) -> np.ndarray:
    """The logits `z`, those of titles (`titles`) mapped by (slope, offset)."""
    if not titles or not any(titles):
        return z
    return np.where(np.array(titles, dtype=bool), mapping[0] * z + mapping[1], z)
