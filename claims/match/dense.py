"""DenseVectors: every earlier claim's sentence embedding (and its fact-check title's), kept in memory as int8 rows,
searched by the better of the two cosines.

The vectors come from the archive (claims.desk.semantic reads them: they are stored when a claim is loaded or
imported, claims.desk.embed), never made at start-up. A row is 384 int8 values (the unit vector x
claims.match.encoder.SCALE, as stored), so 100,000 claims with titles take about 77 MB; claims.desk.semantic bounds
the archive it holds. Search is exact: the query against every row, a block at a time (a few ms at 10^4 claims,
tens of ms at 10^5).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import numpy as np

from claims.match.encoder import DIMS, SCALE

BLOCK = 32_768


def quantise(vectors: np.ndarray) -> np.ndarray:
    """Unit float rows as int8, as the archive stores them (claims.match.encoder.quantise: x SCALE, clipped)."""
    return np.clip(np.rint(np.asarray(vectors, dtype=np.float32) * SCALE), -127, 127).astype(np.int8)


def from_bytes(blob: bytes | memoryview | None) -> np.ndarray | None:
    """A stored vector (DIMS int8 bytes) as an int8 row; None for no vector or one of another size."""
    if blob is None or len(blob) != DIMS:
        return None
    return np.frombuffer(bytes(blob), dtype=np.int8)


class DenseVectors:
    """Claim ids -> int8 claim and title vectors; thread-safe (one lock) like the matcher that holds it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = np.zeros(0, dtype=np.int64)
        self._claims = np.zeros((0, DIMS), dtype=np.int8)
        self._titles = np.zeros((0, DIMS), dtype=np.int8)
        self._has_title = np.zeros(0, dtype=bool)
        self._alive = np.zeros(0, dtype=bool)
        self._row: dict[int, int] = {}
        self._pending: list[tuple[int, np.ndarray, np.ndarray | None]] = []

    def __len__(self) -> int:
        with self._lock:
            self._flush()
            return int(self._alive.sum())

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, bytes, bytes | None]]) -> DenseVectors:
        """From stored rows (claim id, claim vector bytes, title vector bytes or None)."""
        dense = cls()
        for claim_id, claim, title in rows:
            dense.put(claim_id, from_bytes(claim), from_bytes(title))
        return dense

    def put(self, claim_id: int, claim: np.ndarray | None, title: np.ndarray | None = None) -> None:
        """Add or replace a claim's vectors (int8 rows, or unit float rows); a claim without one is dropped."""
        with self._lock:
            self._drop(claim_id)
            if claim is not None:
                self._pending.append((claim_id, _int8(claim), None if title is None else _int8(title)))

    def remove(self, claim_id: int) -> None:
        with self._lock:
            self._drop(claim_id)

    def __contains__(self, claim_id: int) -> bool:
        with self._lock:
            self._flush()
            row = self._row.get(claim_id)
            return row is not None and bool(self._alive[row])

    def cosines(self, query: np.ndarray, claim_ids: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each claim: the cosine of the query (a unit float vector) with its claim and with its title (0
        without one), and whether it has a title; a claim without vectors gets 0, 0, False."""
        q = np.asarray(query, dtype=np.float32) / SCALE
        with self._lock:
            self._flush()
            rows = np.array([self._row.get(c, -1) for c in claim_ids], dtype=np.int64)
            known = rows >= 0
            known[known] = self._alive[rows[known]]
            picked = rows[known]
            cc, ct, has = np.zeros(len(rows)), np.zeros(len(rows)), np.zeros(len(rows), dtype=bool)
            cc[known] = self._claims[picked].astype(np.float32) @ q
            ct[known] = self._titles[picked].astype(np.float32) @ q
            has[known] = self._has_title[picked]
        return cc, np.where(has, ct, 0.0), has

    def search(self, query: np.ndarray, k: int) -> list[int]:
        """The `k` claim ids whose claim or title is closest to the query (a unit float vector), best first."""
        q = np.asarray(query, dtype=np.float32) / SCALE
        with self._lock:
            self._flush()
            n = len(self._ids)
            if not n or k <= 0:
                return []
            best = np.full(n, -2.0, dtype=np.float32)
            for start in range(0, n, BLOCK):
                part = slice(start, start + BLOCK)
                cc = self._claims[part].astype(np.float32) @ q
                ct = np.where(self._has_title[part], self._titles[part].astype(np.float32) @ q, -2.0)
                best[part] = np.where(self._alive[part], np.maximum(cc, ct), -2.0)
            k = min(k, int(self._alive.sum()))
            if not k:
                return []
            top = np.argpartition(-best, k - 1)[:k]
            top = top[np.lexsort((self._ids[top], -best[top]))]
            return self._ids[top].tolist()

    def _drop(self, claim_id: int) -> None:
        self._pending = [p for p in self._pending if p[0] != claim_id] if self._pending else self._pending
        row = self._row.get(claim_id)
        if row is not None:
            self._alive[row] = False

    def _flush(self) -> None:
        """Append the pending rows to the arrays (one concatenation for many puts)."""
        if not self._pending:
            return
        ids = np.array([p[0] for p in self._pending], dtype=np.int64)
        claims = np.vstack([p[1] for p in self._pending])
        titles = np.vstack([p[2] if p[2] is not None else np.zeros(DIMS, np.int8) for p in self._pending])
        has = np.array([p[2] is not None for p in self._pending])
        start = len(self._ids)
        self._ids = np.concatenate([self._ids, ids])
        self._claims = np.vstack([self._claims, claims])
        self._titles = np.vstack([self._titles, titles])
        self._has_title = np.concatenate([self._has_title, has])
        self._alive = np.concatenate([self._alive, np.ones(len(ids), dtype=bool)])
        self._row.update(zip(ids.tolist(), range(start, start + len(ids)), strict=True))
        self._pending = []


def _int8(vector: np.ndarray) -> np.ndarray:
    vector = np.asarray(vector)
    return vector.astype(np.int8) if vector.dtype == np.int8 else quantise(vector)
