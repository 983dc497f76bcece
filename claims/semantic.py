"""A light semantic signal: static word-piece vectors (distilled from all-MiniLM-L6-v2) averaged per text.

The table, claims/data/matching/word_vectors.npz, is built by benchmarks/match_distil.py (the model2vec
method) and read here with numpy alone: no torch, no tokenizer library. Words are split into the model's
word pieces by WordPiece's greedy longest match; a word's vector is the mean of its pieces'; a text's vector
is the IDF-weighted mean of its content words' vectors, unit length. The table loads lazily, on the first
text embedded (~30 ms), and is shared by every Matcher. Apache-2.0, as the model it comes from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
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

    def text(self, words: Iterable[str], weight: Callable[[str], float]) -> np.ndarray | None:
        """The weighted mean of the words' vectors, unit length; None when no word has a vector."""
        found, weights = [], []
        for word in words:
            vector = self.word(word)
            if vector is not None:
                found.append(vector)
                weights.append(weight(word))
        if not found:
            return None
        total = np.asarray(weights, dtype=np.float32) @ np.vstack(found)
        norm = float(np.linalg.norm(total))
        return total / norm if norm > 0 else None


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
