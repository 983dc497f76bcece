"""Check-worthiness quality: shipped model vs TF-IDF + logistic regression vs hand-written cues.

    .venv/bin/python benchmarks/detector_quality.py --data /work/shared/data/claimbuster

Same split as training (claims.extract.train_detector): debates up to 2004 train, 2008 debates choose each
threshold, 2012 and 2016 debates are the unseen test. The shipped model is refitted on train + dev after
its threshold is chosen, so its dev column is in-sample; "retrained in this run" also prints the dev figure
of the train-only fit that chose the threshold. groundtruth.csv shares debates with the training data, so
its figures run high. Needs scikit-learn (the `bench` extra), which claims/ never imports.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from claims.extract.checkworthiness import CueScorer, gate
from claims.extract.detector import load_detector
from claims.extract.nlp import load_nlp
from claims.extract.speakers import attribute_sentences
from claims.extract.train_detector import (
    CROWDSOURCED,
    GROUNDTRUTH,
    Sentence,
    best_threshold,
    positives,
    prf,
    read_claimbuster,
    split_by_debate,
    train,
)

Scores = dict[str, np.ndarray]
PARTS = ("dev", "test", "groundtruth")


def tfidf_baseline(train: Sequence[Sentence], parts: dict[str, list[Sentence]]) -> Scores:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    features = vectoriser.fit_transform([row.text for row in train])
    model = LogisticRegression(C=1.0, max_iter=3000).fit(features, positives(train))
    return {
        name: model.predict_proba(vectoriser.transform([row.text for row in rows]))[:, 1]
        for name, rows in parts.items()
    }


def parsed_spans(parts: dict[str, list[Sentence]]) -> dict[str, list]:
    """Each sentence through the full pipeline once (the cues need entities and the parse)."""
    nlp = load_nlp()
    return {name: [doc[:] for doc in nlp.pipe((row.text for row in rows), batch_size=64)]
            for name, rows in parts.items()}


def spacy_scores(spans: dict[str, list], score: Callable[[list], np.ndarray]) -> Scores:
    out = {}
    for name, part in spans.items():
        capped = [gate(span, span.text, headline_check=False) for span in part]
        out[name] = np.minimum(score(part), capped)
    return out


def cue_scores(spans: list) -> np.ndarray:
    attributed = [attribute_sentences([span])[0].speaker is not None for span in spans]
    return np.array(CueScorer().score(spans, [span.text for span in spans], attributed))


def report(name: str, scores: Scores, parts: dict[str, list[Sentence]], threshold: float) -> None:
    cells = []
    for part in PARTS:
        m = prf(positives(parts[part]), scores[part] >= threshold)
        cells.append(f"{m['precision']:.3f} {m['recall']:.3f} {m['f1']:.3f}")
    print(f"{name:34} {threshold:5.2f}  " + "  |  ".join(cells))


def retrained(data: Path) -> None:
    """Train the model again (seed 0) into a temporary folder and print what train() measured."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        metrics = train(data, Path(folder), seed=0)
    cells = [metrics["dev_before_refit"], metrics["test"], metrics["groundtruth"]]
    row = "  |  ".join(f"{m['precision']:.3f} {m['recall']:.3f} {m['f1']:.3f}" for m in cells)
    print(f"{'retrained in this run (seed 0)':34} {metrics['threshold']:5.2f}  {row}  "
          f"({time.perf_counter() - started:.0f} s to train)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding crowdsourced.csv")
    parser.add_argument("--model", type=Path, default=None, help="model dir (default: the shipped one)")
    args = parser.parse_args()
    split = split_by_debate(read_claimbuster(args.data / CROWDSOURCED))
    parts = {"dev": split.dev, "test": split.test, "groundtruth": read_claimbuster(args.data / GROUNDTRUTH)}
    print(f"train {len(split.train)} sentences (debates <= 2004), dev {len(split.dev)} (2008), "
          f"test {len(split.test)} (2012, 2016), groundtruth {len(parts['groundtruth'])}")
    header = f"{'dev P R F1':^17}  |  {'unseen test P R F1':^17}  |  groundtruth P R F1"
    print(f"{'scorer':34} {'thr':>5}  {header}")
    detector = load_detector(args.model)
    started = time.perf_counter()
    spans = parsed_spans(parts)
    model = spacy_scores(spans, detector.score_spans)
    report("shipped model (threshold shipped)", model, parts, detector.threshold)
    retrained(args.data)
    baseline = tfidf_baseline(split.train, parts)
    baseline_threshold = best_threshold(positives(split.dev), baseline["dev"])
    report("TF-IDF 1-2gram + LR (best on dev)", baseline, parts, baseline_threshold)
    cues = spacy_scores(spans, cue_scores)
    report("hand-written cues (default 0.5)", cues, parts, CueScorer.threshold)
    report("hand-written cues (best on dev)", cues, parts, best_threshold(positives(split.dev), cues["dev"]))
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
