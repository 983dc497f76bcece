"""Fitting the detector's softmax regression with mini-batch Adam (lazy on the hashed rows), numpy only."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from claims.extract.detector import DetectorWeights, FeatureBatch, logits, softmax
from claims.extract.detector_features import SparseRows


@dataclass(frozen=True)
class FitSettings:
    """Chosen on the 2008 dev debates; see the README, "How claims are found"."""

    seed: int = 0
    epochs: int = 3
    batch_size: int = 64
    learning_rate: float = 0.005
    l2: float = 5e-5
    dense_factor: float = 0.3
    refit_with_dev: bool = True


@dataclass
class _Adam:
    """Adam moments for one parameter array."""

    m: np.ndarray
    v: np.ndarray

    @classmethod
    def like(cls, array: np.ndarray) -> _Adam:
        return cls(np.zeros_like(array), np.zeros_like(array))

    def step(
        self, param: np.ndarray, grad: np.ndarray, rate: float, t: int, rows: np.ndarray | None = None
    ) -> None:
        where = slice(None) if rows is None else rows
        self.m[where] = 0.9 * self.m[where] + 0.1 * grad
        self.v[where] = 0.999 * self.v[where] + 0.001 * grad * grad
        m_hat = self.m[where] / (1 - 0.9**t)
        v_hat = self.v[where] / (1 - 0.999**t)
        param[where] -= rate * m_hat / (np.sqrt(v_hat) + 1e-8)


def take(batch: FeatureBatch, order: np.ndarray) -> FeatureBatch:
    """The rows ``order`` of a batch, as a new contiguous batch."""
    lengths = np.diff(batch.rows.indptr)[order]
    starts = batch.rows.indptr[:-1][order]
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    positions = np.repeat(starts - indptr[:-1], lengths) + np.arange(indptr[-1])
    rows = SparseRows(indptr, batch.rows.indices[positions], batch.rows.counts[positions])
    return FeatureBatch(rows, batch.values[positions], batch.dense[order])


def predict(batch: FeatureBatch, weights: DetectorWeights) -> np.ndarray:
    return softmax(logits(batch, weights))


def fit_weights(weights: DetectorWeights, batch: FeatureBatch, y: np.ndarray, settings: FitSettings) -> None:
    """Train ``weights`` in place on ``batch`` with class indices ``y``."""
    rng = np.random.default_rng(settings.seed)
    states = {name: _Adam.like(getattr(weights, name)) for name in ("sparse", "dense", "bias")}
    step = 0
    for _ in range(settings.epochs):
        order = rng.permutation(batch.size)
        for start in range(0, batch.size, settings.batch_size):
            chosen = order[start : start + settings.batch_size]
            step += 1
            _update(weights, take(batch, chosen), y[chosen], states, settings, step)


def _update(
    weights: DetectorWeights,
    sub: FeatureBatch,
    y: np.ndarray,
    states: dict[str, _Adam],
    settings: FitSettings,
    t: int,
) -> None:
    error = predict(sub, weights)
    error[np.arange(len(y)), y] -= 1.0
    error /= len(y)
    rate, l2 = settings.learning_rate, settings.l2
    states["dense"].step(weights.dense, sub.dense.T @ error + l2 * weights.dense, rate, t)
    states["bias"].step(weights.bias, error.sum(axis=0), rate, t)
    touched, inverse = np.unique(sub.rows.indices, return_inverse=True)
    contributions = error[sub.rows.row_ids()] * sub.values[:, None]
    grad = np.stack(
        [
            np.bincount(inverse, weights=contributions[:, k], minlength=len(touched))
            for k in range(error.shape[1])
        ],
        axis=1,
    )
    grad += l2 * weights.sparse[touched]
    states["sparse"].step(weights.sparse, grad.astype(np.float32), rate, t, rows=touched)
