"""Sentence embeddings of benchmark texts, cached between runs: a .npz of texts and float16 vectors (research
caches of the same model's int8 export are read too); what is missing is embedded with claims.match.encoder."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Embeddings:
    """Text -> unit vector: from a cache of earlier runs, else claims.match.encoder (then cached)."""

    def __init__(self, path: Path | None):
        self.path, self.cache, self.encoder = path, {}, None
        if path and path.exists():
            with np.load(path, allow_pickle=False) as z:
                self.cache = dict(zip(z["texts"].tolist(), z["vectors"].astype(np.float32), strict=True))

    def get(self, texts: list[str]) -> np.ndarray:
        keys = [" ".join((t or "").split()) for t in texts]
        missing = sorted({k for k in keys if k not in self.cache})
        if missing:
            if self.encoder is None:
                from claims.match.encoder import Encoder  # lazy: onnxruntime only when something is not cached

                self.encoder = Encoder(threads=2)
            log(f"embedding {len(missing):,} texts")
            self.cache.update(zip(missing, self.encoder.encode(missing), strict=True))
        return np.array([self.cache[k] for k in keys], dtype=np.float32)

    def save(self) -> None:
        if self.path:
            texts = list(self.cache)
            np.savez(self.path.with_suffix(".tmp.npz"), texts=np.array(texts),
                     vectors=np.array([self.cache[t] for t in texts], dtype=np.float16))
            self.path.with_suffix(".tmp.npz").replace(self.path)
