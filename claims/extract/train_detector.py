"""Train the check-worthiness model on ClaimBuster (``claimdesk train-detector --data DIR --output DIR``).

``crowdsourced.csv`` is split by debate (``File_id``): debates up to ``train_until`` train the model, the
``dev_years`` debates choose the threshold, and later debates are held out as unseen. The shipped model is
then refitted on train + dev with the same settings and threshold (the test debates are never used).
``groundtruth.csv`` is scored too, though it shares debates with the training data, so its figure runs high.
Only the tokenizer runs over the sentences (the features are lexical), so training takes seconds.
"""

from __future__ import annotations

import csv
import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claims.extract.detector import (
    CLASSES,
    POSITIVE,
    DetectorWeights,
    FeatureBatch,
    raw_features,
    save_weights,
    select_entries,
    weigh,
)
from claims.extract.detector_features import N_HASHED, SparseRows, fit_idf
from claims.extract.detector_fit import FitSettings, fit_weights, predict
from claims.extract.nlp import load_nlp

CROWDSOURCED = "crowdsourced.csv"
GROUNDTRUTH = "groundtruth.csv"
PART_NAMES = ("train", "dev", "test")
CREDIT = """# Check-worthiness model: data credit

Trained by `claims/extract/train_detector.py` on `crowdsourced.csv` of the ClaimBuster dataset: Arslan, Hassan, Li and
Tremayne, "A Benchmark Dataset of Check-worthy Factual Claims", ICWSM 2020; Zenodo 10.5281/zenodo.3609356.
Licence: that Zenodo record's licence (recalled as CC BY 4.0; confirm on the record before redistributing).
The weights are hashed n-gram and lexical-count coefficients; no sentence of the dataset is stored here.
"""


@dataclass(frozen=True)
class Sentence:
    text: str
    verdict: int
    debate: str

    @property
    def year(self) -> int:
        return int(self.debate[:4])


@dataclass(frozen=True)
class Split:
    train: list[Sentence]
    dev: list[Sentence]
    test: list[Sentence]


def read_claimbuster(path: Path) -> list[Sentence]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Sentence(row["Text"], int(row["Verdict"]), row["File_id"]) for row in csv.DictReader(handle)]


def split_by_debate(
    rows: Sequence[Sentence], train_until: int = 2004, dev_years: tuple[int, ...] = (2008,)
) -> Split:
    """Whole debates per part: train up to ``train_until``, dev ``dev_years``, test every later year."""
    train = [row for row in rows if row.year <= train_until]
    dev = [row for row in rows if row.year in dev_years]
    test = [row for row in rows if row.year > train_until and row.year not in dev_years]
    return Split(train, dev, test)


def labels(rows: Sequence[Sentence]) -> np.ndarray:
    return np.array([CLASSES.index(row.verdict) for row in rows], dtype=np.int64)


def positives(rows: Sequence[Sentence]) -> np.ndarray:
    return np.array([row.verdict == 1 for row in rows])


def featurise(nlp: Any, rows: Sequence[Sentence], batch_size: int = 256) -> tuple[Any, np.ndarray]:
    """Raw features of the sentences; only the pipeline's tokenizer runs (the features are lexical)."""
    spans = [doc[:] for doc in nlp.tokenizer.pipe((row.text for row in rows), batch_size=batch_size)]
    return raw_features(spans)


def prf(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """Precision, recall and F1 of the positive class."""
    hits = float(np.sum(truth & predicted))
    precision = hits / max(1.0, float(predicted.sum()))
    recall = hits / max(1.0, float(truth.sum()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rounded = {"precision": precision, "recall": recall, "f1": f1}
    return {name: round(value, 4) for name, value in rounded.items()} | {"n": int(len(truth))}


def best_threshold(truth: np.ndarray, scores: np.ndarray) -> float:
    """The threshold (0.05-0.95, step 0.01) with the best F1; ties go to the higher threshold."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    f1s = [prf(truth, scores >= t)["f1"] for t in grid]
    return float(grid[len(f1s) - 1 - int(np.argmax(f1s[::-1]))])


def fit_scaling(rows: Any, dense: np.ndarray) -> DetectorWeights:
    weights = DetectorWeights.zeros()
    word = rows.indices < N_HASHED
    weights.idf[:N_HASHED] = fit_idf(_shifted(rows, word, 0))
    weights.idf[N_HASHED:] = fit_idf(_shifted(rows, ~word, N_HASHED))
    weights.dense_mean = dense.mean(axis=0).astype(np.float32)
    weights.dense_scale = np.where(dense.std(axis=0) > 1e-6, dense.std(axis=0), 1.0).astype(np.float32)
    return weights


def _shifted(rows: Any, mask: np.ndarray, offset: int) -> Any:
    part = select_entries(rows, mask)
    return type(part)(part.indptr, part.indices - offset, part.counts)


def train(
    data_dir: Path,
    output_dir: Path,
    seed: int = 0,
    train_until: int = 2004,
    dev_years: tuple[int, ...] = (2008,),
) -> dict[str, Any]:
    """Train on ClaimBuster in ``data_dir``, save the model to ``output_dir``, return the metrics."""
    started = time.perf_counter()
    data_dir, output_dir = Path(data_dir), Path(output_dir)
    split = split_by_debate(read_claimbuster(data_dir / CROWDSOURCED), train_until, dev_years)
    groundtruth = read_claimbuster(data_dir / GROUNDTRUTH)
    nlp = load_nlp()
    raw = {name: featurise(nlp, rows) for name, rows in _parts(split, groundtruth).items()}
    settings = FitSettings(seed=seed)
    first = _fit(raw["train"], labels(split.train), settings)
    threshold = best_threshold(positives(split.dev), _scores(first, raw)["dev"])
    weights = first
    if settings.refit_with_dev:
        weights = _fit(_concat(raw["train"], raw["dev"]), labels([*split.train, *split.dev]), settings)
    metrics = _metrics(split, groundtruth, _scores(weights, raw), threshold)
    metrics["dev_before_refit"] = prf(positives(split.dev), _scores(first, raw)["dev"] >= threshold)
    weights.meta = _meta(data_dir, split, settings, threshold, metrics, started)
    save_weights(weights, output_dir)
    (output_dir / "SOURCE.md").write_text(CREDIT, encoding="utf-8")
    return metrics


def _fit(raw: tuple[Any, np.ndarray], y: np.ndarray, settings: FitSettings) -> DetectorWeights:
    weights = fit_scaling(*raw)
    weights.dense_factor = settings.dense_factor
    fit_weights(weights, weigh(*raw, weights), y, settings)
    return weights


def _scores(weights: DetectorWeights, raw: dict[str, tuple[Any, np.ndarray]]) -> dict[str, np.ndarray]:
    return {name: predict(weigh(*part, weights), weights)[:, POSITIVE] for name, part in raw.items()}


def _concat(first: tuple[Any, np.ndarray], second: tuple[Any, np.ndarray]) -> tuple[Any, np.ndarray]:
    (a, dense_a), (b, dense_b) = first, second
    indptr = np.concatenate([a.indptr, b.indptr[1:] + a.indptr[-1]])
    rows = SparseRows(indptr, np.concatenate([a.indices, b.indices]), np.concatenate([a.counts, b.counts]))
    return rows, np.concatenate([dense_a, dense_b])


def _parts(split: Split, groundtruth: list[Sentence]) -> dict[str, list[Sentence]]:
    return {"train": split.train, "dev": split.dev, "test": split.test, "groundtruth": groundtruth}


def _metrics(
    split: Split, groundtruth: list[Sentence], scores: dict[str, np.ndarray], threshold: float
) -> dict[str, Any]:
    metrics: dict[str, Any] = {"threshold": threshold}
    for name, rows in _parts(split, groundtruth).items():
        metrics[name] = prf(positives(rows), scores[name] >= threshold)
    return metrics


def _meta(
    data_dir: Path, split: Split, settings: FitSettings, threshold: float, metrics: dict, started: float
) -> dict[str, Any]:
    return {
        "threshold": threshold,
        "metrics": metrics,
        "seed": settings.seed,
        "fit": settings.__dict__,
        "split": {name: sorted({row.debate for row in getattr(split, name)}) for name in PART_NAMES},
        "data_sha256": _sha256(data_dir / CROWDSOURCED),
        "training_seconds": round(time.perf_counter() - started, 1),
        "source": "ClaimBuster crowdsourced.csv (Arslan et al. 2020, Zenodo 10.5281/zenodo.3609356)",
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


__all__ = ["FeatureBatch", "train", "read_claimbuster", "split_by_debate", "prf", "best_threshold"]
