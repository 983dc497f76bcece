"""The trained check-worthiness model: a softmax regression over claims.extract.detector_features, run with numpy.

It is also a spaCy pipeline component (factory ``claimdesk_checkworthy``) that sets
``sent._.checkworthiness`` on every sentence; the Extractor calls :meth:`CheckworthyDetector.score_spans`
directly so the shared, cached pipeline is never modified.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claims.extract.detector_features import (
    N_DENSE,
    N_HASHED,
    SparseRows,
    dense_features,
    span_counts,
    sparse_rows,
    tfidf_weights,
)

Span = Any  # spacy.tokens.Span
DEFAULT_DIR = Path(__file__).parent / "data" / "checkworthy"
CLASSES = (-1, 0, 1)  # ClaimBuster verdicts: non-factual, unimportant factual, check-worthy factual
POSITIVE = CLASSES.index(1)
FACTORY = "claimdesk_checkworthy"
WEIGHTS_FILE = "weights.npz"
META_FILE = "meta.json"


@dataclass
class DetectorWeights:
    """Everything the model needs at prediction time; ``sparse`` rows: word n-grams, then abstract n-grams."""

    sparse: np.ndarray  # (2 * N_HASHED, classes)
    dense: np.ndarray  # (N_DENSE, classes)
    bias: np.ndarray  # (classes,)
    idf: np.ndarray  # (2 * N_HASHED,)
    dense_mean: np.ndarray
    dense_scale: np.ndarray
    dense_factor: float = 0.3
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def zeros(cls, classes: int = len(CLASSES)) -> DetectorWeights:
        return cls(
            sparse=np.zeros((2 * N_HASHED, classes), np.float32),
            dense=np.zeros((N_DENSE, classes), np.float32),
            bias=np.zeros(classes, np.float32),
            idf=np.ones(2 * N_HASHED, np.float32),
            dense_mean=np.zeros(N_DENSE, np.float32),
            dense_scale=np.ones(N_DENSE, np.float32),
        )


@dataclass(frozen=True)
class FeatureBatch:
    """Featurised sentences: TF-IDF weighted sparse rows and standardised dense rows."""

    rows: SparseRows
    values: np.ndarray
    dense: np.ndarray

    @property
    def size(self) -> int:
        return self.rows.rows


def raw_features(spans: Sequence[Span]) -> tuple[SparseRows, np.ndarray]:
    """Hashed counts (abstract n-grams shifted past the word n-grams) and raw dense features."""
    counters = []
    for span in spans:
        word, abstract = span_counts(span)
        word.update({key + N_HASHED: count for key, count in abstract.items()})
        counters.append(word)
    dense = np.zeros((0, N_DENSE), np.float32)
    if spans:
        dense = np.stack([dense_features(span) for span in spans])
    return sparse_rows(counters), dense


def weigh(rows: SparseRows, dense: np.ndarray, weights: DetectorWeights) -> FeatureBatch:
    """Apply TF-IDF (each group normalised on its own) and dense standardisation."""
    word = rows.indices < N_HASHED
    values = np.empty(len(rows.indices), np.float32)
    for mask in (word, ~word):
        part = select_entries(rows, mask)
        values[mask] = tfidf_weights(part, weights.idf)
    scaled = (dense - weights.dense_mean) / weights.dense_scale * weights.dense_factor
    return FeatureBatch(rows, values, scaled.astype(np.float32))


def select_entries(rows: SparseRows, mask: np.ndarray) -> SparseRows:
    kept = np.bincount(rows.row_ids()[mask], minlength=rows.rows)
    indptr = np.concatenate([[0], np.cumsum(kept)])
    return SparseRows(indptr, rows.indices[mask], rows.counts[mask])


def logits(batch: FeatureBatch, weights: DetectorWeights) -> np.ndarray:
    out = batch.dense @ weights.dense + weights.bias
    row_ids = batch.rows.row_ids()
    contributions = weights.sparse[batch.rows.indices] * batch.values[:, None]
    for column in range(out.shape[1]):
        out[:, column] += np.bincount(row_ids, weights=contributions[:, column], minlength=batch.size)
    return out


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class CheckworthyDetector:
    """Probability that a sentence is a check-worthy factual claim (ClaimBuster's CFS class)."""

    def __init__(self, weights: DetectorWeights):
        self.weights = weights

    @property
    def threshold(self) -> float:
        return float(self.weights.meta.get("threshold", 0.5))

    def score_spans(self, spans: Sequence[Span]) -> np.ndarray:
        if not spans:
            return np.zeros(0, np.float32)
        rows, dense = raw_features(spans)
        return softmax(logits(weigh(rows, dense, self.weights), self.weights))[:, POSITIVE]

    def __call__(self, doc: Any) -> Any:
        sents = list(doc.sents)
        for sent, score in zip(sents, self.score_spans(sents), strict=True):
            sent._.checkworthiness = float(score)
        return doc

    def to_disk(self, path: str | Path, exclude: Sequence[str] = ()) -> None:
        save_weights(self.weights, Path(path))

    def from_disk(self, path: str | Path, exclude: Sequence[str] = ()) -> CheckworthyDetector:
        self.weights = load_weights(Path(path))
        return self


def save_weights(weights: DetectorWeights, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    names = ("sparse", "dense", "bias", "idf", "dense_mean", "dense_scale")
    arrays = {name: getattr(weights, name) for name in names}
    arrays["sparse"] = arrays["sparse"].astype(np.float16)
    np.savez_compressed(directory / WEIGHTS_FILE, **arrays)
    meta = dict(weights.meta, dense_factor=weights.dense_factor, classes=list(CLASSES))
    (directory / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def load_weights(directory: Path) -> DetectorWeights:
    meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
    with np.load(directory / WEIGHTS_FILE) as arrays:
        loaded = {name: arrays[name].astype(np.float32) for name in arrays.files}
    if loaded["dense"].shape[0] != N_DENSE or loaded["sparse"].shape[0] != 2 * N_HASHED:
        raise ValueError("weights do not match claims.extract.detector_features (trained with other features); retrain")
    return DetectorWeights(**loaded, dense_factor=float(meta.get("dense_factor", 0.3)), meta=meta)


def load_detector(directory: Path | None = None) -> CheckworthyDetector:
    """The shipped (or given) model; raises OSError/ValueError/KeyError when it is missing or damaged."""
    return CheckworthyDetector(load_weights(directory or DEFAULT_DIR))


def register_component() -> None:
    """Register the ``claimdesk_checkworthy`` factory and the ``Span._.checkworthiness`` extension."""
    # spaCy on first use only: importing the detector (as the review app does, through the pipeline) must not load it
    from spacy.language import Language
    from spacy.tokens import Span as SpacySpan

    if not SpacySpan.has_extension("checkworthiness"):
        SpacySpan.set_extension("checkworthiness", default=None)
    if not Language.has_factory(FACTORY):
        Language.factory(FACTORY, default_config={"path": None}, func=_make_component)


def _make_component(nlp: Any, name: str, path: str | None) -> CheckworthyDetector:
    return load_detector(Path(path) if path else None)
