# ruff: noqa: I001 - `import tui` must come before anything that imports numpy
"""Issue 16's figures: the default check-worthiness encoder + article rule, next to the numpy model shipped before
it (threshold from its meta.json, every claim highlighted, ranked by its score), measured in the same run.

    .venv/bin/python benchmarks/detection.py ../shared/data [--seed ../shared/seed/kabul-wire-article.txt]
    .venv/bin/python benchmarks/detection.py ../shared/data --skip speed,ct19     # quicker

Data (read by path, never copied): politifact-articles/ (100 articles, each naming the claim PolitiFact checked and
its claimant), checkthat2024-task1-en/ (dev-test), claimbuster/crowdsourced.csv (2012 and 2016 debates: never
used in training), checkthat2019-task1-debates/training/ (19 transcripts). The article rule was fitted on
PolitiFact articles 1-50 (sorted by file name): 51-100 are held out and printed apart.

Each article is read as `claimdesk load` reads it (title split off) and extracted once by the product's Extractor;
the scorer also runs the numpy model over the same sentences (after the same gate), so both see the same
sentences, spans and speakers. Gold: the sentences holding the checked claim (>= 50% of its content words, or two
adjacent sentences >= 60% together). Requires scikit-learn (pip install -e '.[bench]') for the CheckThat 2019
leave-one-transcript-out layer.
"""

from __future__ import annotations

import tui  # noqa: F401 - first, so this process runs as `claimdesk` does: one BLAS thread (tui/__init__.py)
import argparse
import csv
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from detection_data import (  # noqa: E402
    average_precision,
    debate_features,
    f1_of,
    gold_sentences,
    names_claimant,
    read_ct19,
    read_sentence_sets,
)

from claims.extract.article_rank import content_words  # noqa: E402
from claims.extract.checkworthiness import ModelScorer, gate  # noqa: E402
from claims.extract.detector import load_detector  # noqa: E402
from claims.extract.encoder_model import ClaimModel, EncoderScorer  # noqa: E402
from claims.extract.nlp import load_nlp, resolve_model_name  # noqa: E402
from claims.extract.pipeline import ExtractedClaim, Extractor  # noqa: E402
from claims.read.inputs import read_file  # noqa: E402

csv.field_size_limit(10**8)


class BothScorer(EncoderScorer):
    """The encoder (what the Extractor uses) and, beside it, the shipped numpy model with the same gate."""

    def __init__(self, model: ClaimModel, shipped: ModelScorer):
        super().__init__(model)
        self.shipped = shipped
        self.old: list[float] = []
        self.seconds = {"new": 0.0, "old": 0.0}

    def score(self, sents: Sequence[Any], texts: Sequence[str], attributed: Sequence[bool]) -> list[float]:
        started = time.perf_counter()
        new = super().score(sents, texts, attributed)
        self.seconds["new"] += time.perf_counter() - started
        started = time.perf_counter()
        old = self.shipped.score(sents, texts, attributed)
        self.old += [min(gate(s, t), v) for s, t, v in zip(sents, texts, old, strict=True)]
        self.seconds["old"] += time.perf_counter() - started
        return new


class RecordingExtractor(Extractor):
    """Keeps every sentence of each article (before the threshold) with the shipped model's score."""

    def __init__(self, scorer: BothScorer):
        super().__init__(scorer=scorer)
        self.articles: list[tuple[list[ExtractedClaim], list[float]]] = []
        self.rank_seconds = 0.0

    def rank(self, sentences: list[ExtractedClaim], text: str, title: str | None) -> list[ExtractedClaim]:
        old = self.scorer.old[: len(sentences)]
        del self.scorer.old[: len(sentences)]
        started = time.perf_counter()
        kept = super().rank(sentences, text, title)
        self.rank_seconds += time.perf_counter() - started
        self.articles.append((sentences, old))
        return kept


def shipped_view(sentences: list[ExtractedClaim], old: list[float], threshold: float) -> list[ExtractedClaim]:
    """Today's shipped behaviour: claims = score >= threshold, all highlighted, ranked by score."""
    claims = [replace(s, score=v) for s, v in zip(sentences, old, strict=True) if v >= threshold and v > 0]
    order = sorted(range(len(claims)), key=lambda i: -claims[i].score)
    ranks = {i: n for n, i in enumerate(order, start=1)}
    return [replace(c, rank=ranks[i], highlighted=True) for i, c in enumerate(claims)]


def article_figures(rows: list[dict], results: list[list[ExtractedClaim]], texts: list[str]) -> dict[str, float]:
    among = among_lit = top3 = top1 = 0
    shares = []
    for row, claims, text in zip(rows, results, texts, strict=True):
        gold = gold_sentences(claims, row["vclaim"])
        among += bool(gold)
        among_lit += any(claims[i].highlighted for i in gold)
        top3 += any(claims[i].rank <= 3 for i in gold)
        top1 += any(claims[i].rank == 1 for i in gold)
        shares.append(sum(c.end - c.start for c in claims if c.highlighted) / max(1, len(text.strip())))
    n = max(1, len(rows))
    return {"among": among / n, "lit": among_lit / n, "top3": top3 / n, "top1": top1 / n,
            "share": float(np.mean(shares)), "claims": float(np.mean([len(c) for c in results]))}


def print_articles(data: Path, seed: Path | None, skip: set[str]) -> None:
    root = data / "politifact-articles"
    with (root / "index.tsv").open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle, delimiter="\t"), key=lambda r: r["file"])
    drafts = [read_file(root / r["file"]) for r in rows]
    shipped = ModelScorer(load_detector())
    model = ClaimModel()
    started = time.perf_counter()
    model.score(["The port handled 4 million boxes in 2020."])
    first_load = time.perf_counter() - started
    scorer = BothScorer(model, shipped)
    extractor = RecordingExtractor(scorer)
    nlp = load_nlp()
    plain = None
    if "speed" not in skip:
        started = time.perf_counter()
        for _ in nlp.pipe([d.text for d in drafts], batch_size=32):
            pass
        plain = time.perf_counter() - started
    extractor.extract("Warm up: the port handled 4 million boxes in 2020.")
    extractor.articles.clear()
    scorer.seconds = {"new": 0.0, "old": 0.0}
    started = time.perf_counter()
    new = list(extractor.extract_many([d.text for d in drafts], titles=[d.title for d in drafts]))
    both = time.perf_counter() - started
    old = [shipped_view(s, o, shipped.threshold) for s, o in extractor.articles]
    texts = [d.text for d in drafts]
    print(f"PolitiFact articles ({len(rows)}): checked claim among the claims / among the highlighted, in the "
          "article's top 3 / top 1 by score, share of the text highlighted by default, claims per article")
    for label, part in (("1-50 (rule fitted)", slice(0, 50)), ("51-100 (held out)", slice(50, 100)),
                        ("all 100", slice(0, 100))):
        for name, results in (("shipped numpy model", old), ("encoder + article rule", new)):
            m = article_figures(rows[part], results[part], texts[part])
            print(f"  {label:19} {name:23} among {m['among']:.2f}  highlighted {m['lit']:.2f}  top3 {m['top3']:.2f}"
                  f"  top1 {m['top1']:.2f}  share {m['share']:.2f}  claims {m['claims']:5.1f}")
    found = [checked_speaker(s, r["vclaim"]) for r, (s, _) in zip(rows, extractor.articles, strict=True)]
    for label, part in (("1-50", slice(0, 50)), ("51-100", slice(50, 100)), ("all 100", slice(0, 100))):
        strict = [names_claimant(f, r["speaker"]) for f, r in zip(found[part], rows[part], strict=True)]
        forms = [names_claimant(f, r["speaker"], forms=True) for f, r in zip(found[part], rows[part], strict=True)]
        print(f"  {label:7} speaker of the checked claim names the claimant (same speaker code for both): "
              f"{np.mean(strict):.2f}; reading initials and plurals too ('GDOT', 'posts'): {np.mean(forms):.2f}")
    if seed is not None:
        print_seed(seed, shipped)
    if plain is not None:
        own = both - scorer.seconds["old"]
        print(f"Speed: 100 articles, spaCy {resolve_model_name()}: plain nlp.pipe {plain:.1f} s; Extractor with the "
              f"encoder + rule {own:.1f} s (ratio {own / plain:.2f}; encoder {scorer.seconds['new']:.1f} s, rule "
              f"{extractor.rank_seconds:.2f} s); the numpy model's share {scorer.seconds['old']:.1f} s")
        print(f"  first analysis in a process: encoder load {first_load:.2f} s (onnxruntime + tokenizers import, "
              "model read, first batch)")


def checked_speaker(sentences: list[ExtractedClaim], vclaim: str) -> str | None:
    """The speaker of the sentence sharing most of the checked claim's content words."""
    want = content_words(vclaim)
    if not sentences or not want:
        return None
    best = max(sentences, key=lambda s: len(want & content_words(s.text)))
    return best.speaker


def print_seed(path: Path, shipped: ModelScorer) -> None:
    draft = read_file(path)
    claims = Extractor().extract(draft.text, draft.title)
    lead = next((c for c in claims if c.start < 300 and "Tajikistan" in c.text), None)
    print(f"Seed article ({path.name}): {len(claims)} claims, {sum(c.highlighted for c in claims)} highlighted; "
          f"lead claim rank {lead.rank if lead else '-'} speaker {lead.speaker if lead else '-'!r}; "
          f"'It is not clear ...' a claim: {any(c.text.startswith('It is not clear') for c in claims)}")
    print("  the top 10 in score order, as the app shows them (* highlighted):")
    for c in sorted(claims, key=lambda c: c.rank)[:10]:
        print(f"  {c.rank:3d} {'*' if c.highlighted else ' '} {c.score:.2f}  {(c.speaker or '-')[:24]:24}  "
              f"{c.text[:100]}")


def print_sentence_sets(data: Path, nlp: Any) -> None:
    model, shipped = ClaimModel(), ModelScorer(load_detector())
    for name, (texts, labels) in read_sentence_sets(data).items():
        spans = [doc[:] for doc in nlp.tokenizer.pipe(texts, batch_size=256)]
        old = np.array(shipped.score(spans, texts, [False] * len(texts)))
        old = np.minimum(old, [gate(s, t, headline_check=False) for s, t in zip(spans, texts, strict=True)])
        new = model.score(texts)
        before, after = f1_of(labels, old >= shipped.threshold), f1_of(labels, new >= model.threshold)
        print(f"{name} ({len(texts)} sentences, {int(labels.sum())} check-worthy): F1 of the positive class  "
              f"shipped {before:.3f}  encoder {after:.3f}")


def print_ct19(data: Path, nlp: Any) -> None:
    from sklearn.linear_model import LogisticRegression  # benchmark-only dependency (the bench extra)

    transcripts = read_ct19(data)
    model, shipped = ClaimModel(), ModelScorer(load_detector())
    old_ap, new_ap, features = [], [], []
    for _, speakers, texts, labels in transcripts:
        spans = [doc[:] for doc in nlp.tokenizer.pipe(texts, batch_size=256)]
        old = np.array(shipped.score(spans, texts, [False] * len(texts)))
        p = model.score(texts)
        old_ap.append(average_precision(labels, old))
        new_ap.append(average_precision(labels, p))
        features.append(debate_features(p, speakers, texts))
    loto = []
    for k in range(len(transcripts)):
        x = np.vstack([f for j, f in enumerate(features) if j != k])
        y = np.concatenate([t[3] for j, t in enumerate(transcripts) if j != k])
        layer = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(x, y)
        loto.append(average_precision(transcripts[k][3], layer.decision_function(features[k])))
    print(f"CheckThat! 2019 debates ({len(transcripts)} transcripts), MAP: shipped {np.mean(old_ap):.3f}  encoder "
          f"alone {np.mean(new_ap):.3f}  encoder + context/speaker layer, leave-one-transcript-out "
          f"{np.mean(loto):.3f}")


def print_per_line(data: Path) -> None:
    with (data / "claimbuster" / "crowdsourced.csv").open(encoding="utf-8", newline="") as handle:
        lines = [r["Text"].replace("\n", " ") for r in csv.DictReader(handle)][:10_000]
    for label, extractor in (("shipped numpy", Extractor(scorer=ModelScorer(load_detector()))),
                             ("encoder", Extractor())):
        list(extractor.score_lines(lines[:20]))
        started, cpu = time.perf_counter(), time.process_time()
        list(extractor.score_lines(lines))
        print(f"Per line ({len(lines):,} ClaimBuster lines, models loaded): {label:14} "
              f"{time.perf_counter() - started:5.1f} s wall, {time.process_time() - cpu:5.1f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holds politifact-articles/ etc.)")
    parser.add_argument("--seed", type=Path, default=None, help="the seed article (kabul-wire-article.txt)")
    parser.add_argument("--skip", default="", help="comma list of: articles,sets,ct19,speed")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    started = time.perf_counter()
    if "articles" not in skip:
        print_articles(args.data, args.seed, skip)
    nlp = load_nlp()
    if "sets" not in skip:
        print_sentence_sets(args.data, nlp)
    if "ct19" not in skip:
        print_ct19(args.data, nlp)
    if "speed" not in skip:
        print_per_line(args.data)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
