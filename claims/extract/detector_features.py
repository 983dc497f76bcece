"""Sentence features for the check-worthiness model, from the tokenizer alone (no tagger, parser or NER).

Two sparse groups (TF-IDF weighted, each L2-normalised): word 1-2-grams, and 1-3-grams over an
"abstracted" sentence where numbers become ``<num>`` and capitalised words inside the sentence become
``<cap>``, so what is learnt carries over to debates with other names. One small dense group of lexical
counts (numbers, capitalised words, currency and percent signs, first-person words, length).

Only lexical token attributes are read (``text``, ``lower_``, ``like_num``, ``is_space``, ``is_punct``), so a
sentence scores the same whether it comes from the full pipeline or from ``nlp.make_doc`` alone.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

Span = Any  # spacy.tokens.Span

HASH_BITS = 18
N_HASHED = 1 << HASH_BITS
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
N_DENSE = 7


@dataclass(frozen=True)
class SparseRows:
    """Rows of hashed feature counts in CSR layout (``indptr`` has one more entry than there are rows)."""

    indptr: np.ndarray
    indices: np.ndarray
    counts: np.ndarray

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1

    def row_ids(self) -> np.ndarray:
        return np.repeat(np.arange(self.rows), np.diff(self.indptr))


def words(span: Span) -> list[str]:
    return [token.lower_ for token in span if not token.is_space]


def abstract_words(span: Span) -> list[str]:
    """Lower-case words, numbers as ``<num>``, inner capitalised words as ``<cap>``; repeats collapsed."""
    out: list[str] = []
    for position, token in enumerate(token for token in span if not token.is_space):
        word = _abstract(token, position)
        if not (out and out[-1] == word and word.startswith("<")):
            out.append(word)
    return out


def _is_number(token: Any) -> bool:
    return bool(token.like_num) or token.text.replace(",", "").replace(".", "").isdigit()


def _is_capitalised(token: Any, position: int) -> bool:
    return position > 0 and token.text[:1].isupper() and token.text != "I"


def _abstract(token: Any, position: int) -> str:
    if _is_number(token):
        return "<num>"
    return "<cap>" if _is_capitalised(token, position) else token.lower_


def ngrams(tokens: Sequence[str], sizes: range) -> Iterator[str]:
    for size in sizes:
        for start in range(len(tokens) - size + 1):
            yield " ".join(tokens[start : start + size])


def hashed(keys: Iterator[str], prefix: str) -> Counter[int]:
    """Feature counts keyed by a stable 18-bit CRC32 hash (Python's own hash() is salted per process)."""
    mask = N_HASHED - 1
    return Counter(zlib.crc32((prefix + key).encode("utf-8", "surrogatepass")) & mask for key in keys)


def span_counts(span: Span) -> tuple[Counter[int], Counter[int]]:
    """The two sparse groups of one sentence: word 1-2-grams and abstracted 1-3-grams."""
    word = hashed(ngrams(words(span), range(1, 3)), "w:")
    return word, hashed(ngrams(abstract_words(span), range(1, 4)), "a:")


def sparse_rows(counters: Sequence[Counter[int]]) -> SparseRows:
    indptr = np.zeros(len(counters) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(counter) for counter in counters])
    indices = np.fromiter((key for counter in counters for key in counter), dtype=np.int64, count=indptr[-1])
    values = (value for counter in counters for value in counter.values())
    counts = np.fromiter(values, dtype=np.float32, count=indptr[-1])
    return SparseRows(indptr, indices, counts)


def dense_features(span: Span) -> np.ndarray:
    """Lexical counts: words (log), numbers, capitalised words, currency, percent, first person, question."""
    tokens = [token for token in span if not (token.is_space or token.is_punct)]
    text = "".join(token.text for token in span)
    return np.array(
        [
            np.log1p(len(tokens)),
            sum(_is_number(token) for token in tokens),
            sum(_is_capitalised(token, n) for n, token in enumerate(tokens)),
            any(char in text for char in "$\u00a3\u20ac"),
            "%" in text or any(token.lower_ in ("percent", "per") for token in tokens),
            sum(token.lower_ in FIRST_PERSON for token in tokens),
            text.rstrip("\"'\u201d\u2019)").endswith("?"),
        ],
        dtype=np.float32,
    )


def tfidf_weights(rows: SparseRows, idf: np.ndarray) -> np.ndarray:
    """Sublinear TF times IDF, each row L2-normalised (as scikit-learn's TfidfVectorizer does)."""
    values = (1.0 + np.log(rows.counts)) * idf[rows.indices]
    norms = np.sqrt(np.bincount(rows.row_ids(), weights=values * values, minlength=rows.rows))
    norms[norms == 0] = 1.0
    return (values / np.repeat(norms, np.diff(rows.indptr))).astype(np.float32)


def fit_idf(rows: SparseRows) -> np.ndarray:
    """Smoothed IDF per hashed feature: ln((1 + n) / (1 + df)) + 1."""
    df = np.bincount(rows.indices, minlength=N_HASHED)
    return (np.log((1.0 + rows.rows) / (1.0 + df)) + 1.0).astype(np.float32)
