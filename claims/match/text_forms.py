"""A claim's text in the forms the match signals compare (claims.match.signals): its fuzz key, content terms,
numbers, character 3-5-grams and content-word vectors.

`Text` is the plain form, built when a pair is compared once; `Prepared` is the compact form the matcher caches
per indexed claim, whose character n-grams are int64 codes compared with numpy. Both give the same signals.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from claims.match import vectors as semantic
from claims.match.normalise import STOPWORDS, stem


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
    units: np.ndarray | None  # `unit_words`: the vectors of the words that are not numbers, unit length

    @classmethod
    def of(cls, key: str) -> Prepared:
        return cls._made(key, *_counted(gram_codes(key)))

    @classmethod
    def many(cls, keys: list[str]) -> list[Prepared]:
        """`of` for each key (the same objects), the character n-grams of all of them made in one numpy pass."""
        return [cls._made(key, grams, counts) for key, (grams, counts) in zip(keys, counted_grams(keys), strict=True)]

    @classmethod
    def _made(cls, key: str, grams: np.ndarray, counts: np.ndarray) -> Prepared:
        table = semantic.vectors()
        found, vectors = table.pieces(content_words(key)) if table is not None else ((), None)
        units = unit_words([v for w, v in zip(found, vectors, strict=True) if not w[:1].isdigit()]) if found else None
        return cls(key, frozenset(Text.terms_of(key)), frozenset(w for w in key.split() if w[:1].isdigit()),
                   math.hypot(*counts.tolist()), grams, counts, tuple(map(stem, found)), vectors, units)


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


def counted_grams(keys: list[str], sizes: tuple[int, ...] = (3, 4, 5)) -> list[tuple[np.ndarray, np.ndarray]]:
    """`_counted(gram_codes(key))` for each key, the narrow-script keys all at once: their padded code points
    end to end, each n-gram packed over the whole run, those that cross from one key into the next dropped,
    then sorted by (key, code) together."""
    padded = [f" {key} " for key in keys]
    points = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.int64) + 1
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    ends = np.cumsum(lengths)
    owner = np.repeat(np.arange(len(keys)), lengths)
    wide = np.zeros(len(keys), dtype=bool)
    if len(points) and points.max() >= 1 << GRAM_BITS:
        wide[np.unique(owner[points >= 1 << GRAM_BITS])] = True
    codes, owners = [], []
    for n in sizes:
        if len(points) < n:
            continue
        start = np.arange(len(points) - n + 1)
        whole = start + n <= ends[owner[start]]
        codes.append(_packed(points, n)[whole])
        owners.append(owner[start[whole]])
    if not codes:
        return [_counted(gram_codes(key, sizes)) for key in keys]
    code, who = np.concatenate(codes), np.concatenate(owners)
    order = np.lexsort((code, who))
    code, who = code[order], who[order]
    starts = np.flatnonzero(np.concatenate(([True], (code[1:] != code[:-1]) | (who[1:] != who[:-1]))))
    unique, counts, unique_owner = code[starts], np.diff(np.append(starts, len(code))), who[starts]
    bounds = np.searchsorted(unique_owner, np.arange(len(keys) + 1))
    return [_counted(gram_codes(key, sizes)) if wide[k] else (unique[bounds[k] : bounds[k + 1]],
                                                                counts[bounds[k] : bounds[k + 1]])
            for k, key in enumerate(keys)]


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


def unit_words(vectors: list[np.ndarray]) -> np.ndarray | None:
    """Word vectors as rows of unit length (None: no vector)."""
    if not vectors:
        return None
    matrix = np.array(vectors)
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-6)


