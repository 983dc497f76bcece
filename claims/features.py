"""Sentence features for the check-worthiness model: hashed n-grams and pooled spaCy token vectors.

Two sparse groups (TF-IDF weighted, each L2-normalised): word 1-2-grams, and 1-3-grams over an
"abstracted" sentence where numbers and named entities become their type (``<num>``, ``<person>``), so
what is learnt carries over to debates with other names. One dense group: mean and max of the tok2vec
tensor the pipeline already computed, and counts of entity labels.
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
TENSOR_WIDTH = 96
ENT_LABELS = (
    "CARDINAL DATE EVENT FAC GPE LANGUAGE LAW LOC MONEY NORP ORDINAL ORG PERCENT PERSON PRODUCT QUANTITY "
    "TIME WORK_OF_ART"
).split()
N_DENSE = 2 * TENSOR_WIDTH + len(ENT_LABELS)
ABSTRACT_ENTS = {"PERSON": "<person>", "GPE": "<gpe>", "NORP": "<norp>", "ORG": "<org>", "LOC": "<loc>"}


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
    """Lower-case words with numbers as ``<num>`` and names as their type; repeats of a type collapsed."""
    out: list[str] = []
    for token in span:
        if token.is_space:
            continue
        word = _abstract(token)
        if not (out and out[-1] == word and word.startswith("<")):
            out.append(word)
    return out


def _abstract(token: Any) -> str:
    if token.like_num or token.text.replace(",", "").replace(".", "").isdigit():
        return "<num>"
    return ABSTRACT_ENTS.get(token.ent_type_, token.lower_)


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
    """Mean and max of the tok2vec tensor over the span, and entity label counts."""
    out = np.zeros(N_DENSE, dtype=np.float32)
    tensor = getattr(span.doc, "tensor", None)
    if tensor is not None and tensor.shape[0] >= span.end > span.start and tensor.shape[1] == TENSOR_WIDTH:
        rows = tensor[span.start : span.end]
        out[:TENSOR_WIDTH] = rows.mean(axis=0)
        out[TENSOR_WIDTH : 2 * TENSOR_WIDTH] = rows.max(axis=0)
    for ent in span.ents:
        if ent.label_ in ENT_LABELS:
            out[2 * TENSOR_WIDTH + ENT_LABELS.index(ent.label_)] += 1
    return out


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
