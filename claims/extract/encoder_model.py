"""The default check-worthiness model: all-MiniLM-L6-v2 fine-tuned on ClaimBuster (+ news claim statements),
exported to int8 ONNX and run with onnxruntime + tokenizers on the CPU (no torch at run time).

The files live in ``claims/extract/data/checkworthy_minilm/`` (model.onnx, tokenizer.json, meta.json; trained by
``benchmarks/train_checkworthiness.py``). meta.json also holds the article rule's fitted weights
(claims.extract.article_rank). Nothing heavy happens on construction or import: onnxruntime and tokenizers are
imported, and the 23 MB model read, by the first :meth:`ClaimModel.score` (the review screens never score, so
they never pay for it).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claims.onnx_model import open_model

ENCODER_DIR = Path(__file__).parent / "data" / "checkworthy_minilm"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "meta.json"
BATCH_SIZE = 64  # sentences per run, sorted by length (little padding); fastest of 16/32/64 on one thread
Span = Any  # spacy.tokens.Span


def is_encoder_dir(directory: Path) -> bool:
    return (directory / MODEL_FILE).is_file() and (directory / TOKENIZER_FILE).is_file()


class ClaimModel:
    """Probability that a sentence is a check-worthy factual claim. Loads lazily and thread-safely.

    ``threads`` is onnxruntime's intra-op thread count: 1 by default, since loads already run one extraction
    process per core (claims.extract.workers) and more threads per process only fight over the same cores.
    """

    def __init__(self, directory: str | Path = ENCODER_DIR, threads: int = 1, batch_size: int = BATCH_SIZE,
                 model_file: str = MODEL_FILE):
        self.directory = Path(directory)
        self.model_file = model_file
        self.threads = threads
        self.batch_size = batch_size
        self.meta: dict[str, Any] = json.loads((self.directory / META_FILE).read_text(encoding="utf-8"))
        if not is_encoder_dir(self.directory):
            raise FileNotFoundError(f"{self.directory} holds no {MODEL_FILE} and {TOKENIZER_FILE}")
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    @property
    def max_length(self) -> int:
        return int(self.meta.get("max_length", 64))

    @property
    def article_params(self) -> dict[str, Any] | None:
        """The fitted article rule (claims.extract.article_rank), if meta.json holds one."""
        return self.meta.get("article")

    def _load(self) -> None:
        with self._lock:
            if self._session is None:
                self._session, self._tokenizer = open_model(self.directory / self.model_file, self.directory /
                                                            TOKENIZER_FILE, self.max_length, self.threads)

    def score(self, sentences: Sequence[str]) -> np.ndarray:
        """Probabilities (float32, one per sentence, in input order)."""
        out = np.zeros(len(sentences), np.float32)
        if not len(sentences):
            return out
        self._load()
        encodings = self._tokenizer.encode_batch([s or "" for s in sentences])
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(lengths, kind="stable")  # batches of similar length: little padding
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            width = int(lengths[idx].max())
            ids = np.zeros((len(idx), width), np.int64)
            mask = np.zeros((len(idx), width), np.int64)
            for row, i in enumerate(idx):
                ids[row, : lengths[i]] = encodings[i].ids
                mask[row, : lengths[i]] = 1
            logits = self._session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]
            z = logits - logits.max(axis=1, keepdims=True)
            e = np.exp(z)
            out[idx] = (e[:, 1] / e.sum(axis=1)).astype(np.float32)
        return out


class EncoderScorer:
    """The fine-tuned encoder behind the pipeline's Scorer protocol (claims.extract.checkworthiness)."""

    name = "encoder"
    lexical = True  # reads the sentence text only: the tokenizer is enough on the per-line path

    def __init__(self, model: ClaimModel):
        self.model = model
        self.threshold = model.threshold
        self.article_params = model.article_params

    def score(self, sents: Sequence[Span], texts: Sequence[str], attributed: Sequence[bool]) -> list[float]:
        return [float(value) for value in self.model.score(list(texts))]
