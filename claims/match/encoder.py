"""Sentence embeddings for matching: all-MiniLM-L6-v2 as int8 ONNX, run with onnxruntime + tokenizers (no torch).

The files live in ``claims/match/data/minilm/`` (model.onnx, tokenizer.json; exported by
``benchmarks/export_sentence_encoder.py``, provenance in SOURCE.md), or in the folder named by
$CLAIMDESK_EMBEDDING_MODEL_DIR. Its weights are int8 in blocks, its activations quantised per token at run time
(onnxruntime's 8-bit MatMulNBits): a text's vector is the same whatever else is in its batch, within 0.999
(cosine) of the fp32 model's. The model outputs token embeddings (batch, tokens, 384); a sentence's vector is
their mean under the attention mask, made unit length, as sentence-transformers pools this model. Texts are
tokenized once, sorted by length and run in batches padded to their longest text only (short claims pad little),
truncated at MAX_TOKENS word pieces.

Vectors are stored int8 (``quantise``: x256, rounded, clipped to -127..127; 384 bytes a claim) and tagged with
MODEL_ID, so vectors of another model (or another export) are never compared with these. The scale is 256, not
127: a unit 384-d vector's components stay within about +-0.3 (0.40 at most in 1,514 real texts), so 256 halves
the rounding error (cosine of a pair off by 0.0013 on average, 0.0065 at most; x127: 0.0025, 0.014) and clips
nothing. ``dequantise`` gives unit rows back, so a dot product is the cosine whatever the scale.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claims.onnx_model import open_model, runtime_available

MODEL_ID = "all-MiniLM-L6-v2-int8-v1"  # stored with every vector: bump it when the export changes
DIMS = 384
MAX_TOKENS = 128  # word pieces kept per text (a claim is rarely over 60; the model was trained up to 128)
BATCH_SIZE = 32  # texts per run, sorted by length
SCALE = 256.0  # int8 storage: components beyond +-127/256 are clipped (none seen in real texts)
ENCODER_DIR = Path(__file__).resolve().parent / "data" / "minilm"
ENV_DIR = "CLAIMDESK_EMBEDDING_MODEL_DIR"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"


def model_dir() -> Path:
    """$CLAIMDESK_EMBEDDING_MODEL_DIR when set, else the files shipped with claimdesk."""
    return Path(os.environ[ENV_DIR]) if os.environ.get(ENV_DIR) else ENCODER_DIR


def available(directory: Path | None = None) -> bool:
    """Whether claims can be embedded here: the runtime installed and the model's two files present."""
    directory = directory or model_dir()
    return runtime_available() and (directory / MODEL_FILE).is_file() and (directory / TOKENIZER_FILE).is_file()


def normalise(text: str | None) -> str:
    """The text as it is embedded: the claim as stored, whitespace collapsed."""
    return " ".join((text or "").split())


class Encoder:
    """Unit-length 384-d float32 sentence vectors. Loads lazily and thread-safely; ``encode`` may be called from
    several threads at once (onnxruntime sessions are thread-safe).

    ``threads`` is onnxruntime's intra-op thread count: 1 by default, as claims.extract.encoder_model (loads run
    extraction in other processes, the app keeps a core for the screen; on this 2-core machine, shared, two threads
    encoded 87 sentences/s where one did 112).
    """

    def __init__(self, directory: str | Path | None = None, threads: int = 1, batch_size: int = BATCH_SIZE,
                 model_file: str = MODEL_FILE):
        self.directory = Path(directory) if directory is not None else model_dir()
        self.model_file = model_file
        self.threads = threads
        self.batch_size = batch_size
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._session is None:
                self._session, self._tokenizer = open_model(self.directory / self.model_file,
                                                            self.directory / TOKENIZER_FILE, MAX_TOKENS, self.threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit row per text (float32, shape (len(texts), 384)), in input order; an empty text gets the
        vector of the empty sentence."""
        out = np.zeros((len(texts), DIMS), np.float32)
        if not len(texts):
            return out
        self._load()
        encodings = self._tokenizer.encode_batch([normalise(text) for text in texts])
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(lengths, kind="stable")  # batches of similar length: little padding
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            width = int(lengths[rows].max())
            ids = np.zeros((len(rows), width), np.int64)
            mask = np.zeros((len(rows), width), np.int64)
            for n, i in enumerate(rows):
                ids[n, : lengths[i]] = encodings[i].ids
                mask[n, : lengths[i]] = 1
            tokens = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


_shared: Encoder | None = None
_shared_lock = threading.Lock()


def shared_encoder() -> Encoder | None:
    """The process's one encoder (None when the runtime or the model files are missing): every load and import
    of a process shares one session, loaded on its first encode."""
    global _shared
    with _shared_lock:
        if _shared is None and available():
            _shared = Encoder()
        return _shared


def quantise(vector: np.ndarray) -> bytes:
    """A unit vector as stored: int8 (x SCALE, rounded, clipped), 384 bytes."""
    return np.clip(np.rint(np.asarray(vector, np.float32) * SCALE), -127, 127).astype(np.int8).tobytes()


def dequantise(blob: bytes) -> np.ndarray:
    """A stored vector back as a float32 unit vector."""
    return dequantise_many([blob])[0]


def dequantise_many(blobs: Iterable[bytes]) -> np.ndarray:
    """Stored vectors as one float32 matrix (n, 384) of unit rows."""
    rows = np.frombuffer(b"".join(blobs), np.int8).astype(np.float32).reshape(-1, DIMS)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
