"""Extraction speed: Extractor.extract_many vs plain nlp.pipe of the full default pipeline, same texts.

    .venv/bin/python benchmarks/extract_speed.py --articles /work/shared/data/politifact-articles/articles

Also times Extractor.score_lines over 10,000 lines (every sentence of the same articles, cycled; no caching
of repeated lines exists, so repeats cost as much as new lines).
Runs on one core (spaCy with numpy's default threads; no n_process).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from claims.extractor import Extractor
from claims.nlp import resolve_model_name


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def plain_pipeline(model: str, texts: list[str], batch_size: int) -> tuple[float, int]:
    import spacy

    nlp = spacy.load(model)
    nlp("warm up.")
    seconds, docs = timed(lambda: list(nlp.pipe(texts, batch_size=batch_size)))
    return seconds, sum(len(doc) for doc in docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted(args.articles.glob("*.txt"))]
    model = resolve_model_name()
    extractor = Extractor()
    extractor.extract("The port handled 4 million boxes in 2020.")
    size = sum(map(len, texts))
    print(f"{len(texts)} articles, {size:,} characters, model {model}, scorer {extractor.scorer.name}")
    plain, tokens = plain_pipeline(model, texts, args.batch_size)
    ours, found = timed(lambda: list(extractor.extract_many(texts, batch_size=args.batch_size)))
    print(f"plain nlp.pipe, full {model} pipeline:  {plain:6.2f} s  ({tokens / plain:,.0f} tokens/s)")
    print(f"Extractor.extract_many (claims, speakers, types, scores): {ours:6.2f} s  "
          f"({sum(map(len, found))} claims)")
    print(f"ratio extraction / plain pipeline: {ours / plain:.2f}")
    every = Extractor(threshold=0.0)
    sentences = [claim.text for claims in every.extract_many(texts) for claim in claims]
    lines = list(islice(cycle(sentences), args.lines))
    print(f"lines: {len(set(lines)):,} distinct sentences of the articles, cycled to {len(lines):,}")
    seconds, scored = timed(lambda: list(extractor.score_lines(lines)))
    print(f"score_lines on {len(lines):,} lines: {seconds:6.2f} s  ({len(lines) / seconds:,.0f} lines/s, "
          f"{sum(c.is_claim for c in scored):,} claims)")


if __name__ == "__main__":
    main()
