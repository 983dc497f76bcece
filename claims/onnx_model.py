"""Running a small int8 ONNX encoder on the CPU with onnxruntime + tokenizers: the one way claimdesk opens one,
shared by the check-worthiness model (claims.extract.encoder_model) and the sentence encoder (claims.match.encoder).

Neither package is imported here at module level: onnxruntime costs about a second to import and a model another
to read, paid only by the first process that scores or embeds (the review screens never do).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any


def runtime_available() -> bool:
    """Whether onnxruntime and tokenizers are installed (without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "tokenizers"))


def open_model(model: Path, tokenizer_file: Path, max_tokens: int, threads: int) -> tuple[Any, Any]:
    """(an onnxruntime session on the CPU with `threads` intra-op threads, the tokenizer: no padding, truncated
    at `max_tokens`)."""
    import onnxruntime as ort  # lazy: see the module's docstring
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_tokens)
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"]), tokenizer
