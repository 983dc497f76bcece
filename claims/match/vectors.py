"""A light semantic signal: static word-piece vectors (distilled from all-MiniLM-L6-v2) averaged per text.

The table, claims/data/matching/word_vectors.npz, is built by benchmarks/match_distil.py (the model2vec
method) and read here with numpy alone: no torch, no tokenizer library. Words are split into the model's
word pieces by WordPiece's greedy longest match; a word's vector is the mean of its pieces'; a text's vector
is the IDF-weighted mean of its content words' vectors, unit length. The table loads lazily, on the first
text embedded (~30 ms), and is shared by every Matcher. Apache-2.0, as the model it comes from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np

TABLE = Path(__file__).resolve().parent / "data" / "matching" / "word_vectors.npz"
MAX_PIECE_WORD = 40  # longer "words" (hashes, garbage) get no vector


class WordVectors:
    """Word-piece vectors and a WordPiece splitter over their vocabulary."""

    def __init__(self, pieces: list[str], vectors: np.ndarray):
        self._ids = {p: n for n, p in enumerate(pieces)}
        self._vectors = vectors
        self.dims = vectors.shape[1]
        self.word = lru_cache(maxsize=100_000)(self._word)

    @classmethod
    def load(cls, path: Path = TABLE) -> WordVectors:
        with np.load(path) as table:
            vectors = table["vectors"].astype(np.float32) * table["scales"].astype(np.float32)[:, None]
            pieces = str(table["pieces"]).split("\n")
        return cls(pieces, vectors)

    def split(self, word: str) -> list[int]:
        """WordPiece: the longest known prefix, then '##' continuations; [] when a part is unknown."""
        ids, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start and (word[start:end] if not start else "##" + word[start:end]) not in self._ids:
                end -= 1
            if end == start:
                return []
            ids.append(self._ids[word[start:end] if not start else "##" + word[start:end]])
            start = end
        return ids

    def _word(self, word: str) -> np.ndarray | None:
        ids = self.split(word) if len(word) <= MAX_PIECE_WORD else []
        return self._vectors[ids].mean(axis=0) if ids else None

    def texts(self, texts: list[list[str]], weight: Callable[[str], float]) -> np.ndarray:
        """One row per text: the weighted mean of its words' vectors, unit length (zeros: no known word)."""
        parts = [self.pieces(words) for words in texts]
        return self.combine([matrix for _, matrix in parts], [[weight(w) for w in found] for found, _ in parts])

    def pieces(self, words: list[str]) -> tuple[tuple[str, ...], np.ndarray | None]:
        """The words that have a vector, and their vectors, one row each (None when no word has one)."""
        found = [(word, vector) for word in words if (vector := self.word(word)) is not None]
        if not found:
            return (), None
        return tuple(word for word, _ in found), np.array([vector for _, vector in found])

    def combine(self, matrices: list[np.ndarray | None], weights: list[list[float]]) -> np.ndarray:
        """`texts` from each text's `pieces` matrix and its words' weights (one list per text, row order)."""
        out = np.zeros((len(matrices), self.dims), dtype=np.float32)
        present = [n for n, matrix in enumerate(matrices) if matrix is not None]
        if present:
            flat = [w for n in present for w in weights[n]]
            weighted = np.asarray(flat, dtype=np.float32)[:, None] * np.vstack([matrices[n] for n in present])
            starts = np.cumsum([0] + [len(weights[n]) for n in present[:-1]])
            out[present] = np.add.reduceat(weighted, starts, axis=0)
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            out /= np.where(norms > 0, norms, 1.0)
        return out


_loaded: list[WordVectors | None] = []
_lock = threading.Lock()


def vectors() -> WordVectors | None:
    """The shared table, loaded on first use; None when the data file is missing or unreadable."""
    with _lock:
        if not _loaded:
            try:
                _loaded.append(WordVectors.load())
            except (OSError, KeyError, ValueError):
                _loaded.append(None)
        return _loaded[0]
