"""Extraction speed: Extractor.extract_many vs plain nlp.pipe of the full default pipeline, same texts.

    .venv/bin/python benchmarks/extract_speed.py --articles /work/shared/data/politifact-articles/articles

Then Extractor.score_lines over 10,000 lines (every sentence of the same articles, cycled; no cache of
repeated lines exists, so repeats cost as much as new lines), next to two baselines measured in the same run:
plain nlp.pipe of the full pipeline over the same lines, and score_lines' previous path (every line through
the full pipeline, same model). The fast path's agreement with the full path is printed for those lines and
for the one-line texts of fixtures/attribution_cases.tsv: scores, speakers and types.
Runs on one core (spaCy with numpy's default threads; no n_process).
"""

from __future__ import annotations

import argparse
import csv
import time
from collections.abc import Callable, Sequence
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from claims.extract.checkworthiness import ModelScorer
from claims.extract.nlp import resolve_model_name
from claims.extract.pipeline import ExtractedClaim, Extractor

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "attribution_cases.tsv"


class FullPathScorer(ModelScorer):
    """The same model, flagged as needing the parse, so score_lines sends every line through the pipeline."""

    lexical = False


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


def agreement(fast: Sequence[ExtractedClaim], full: Sequence[ExtractedClaim]) -> str:
    pairs = list(zip(fast, full, strict=True))
    share: Callable[[Callable[[ExtractedClaim], Any]], float] = lambda key: sum(  # noqa: E731
        key(a) == key(b) for a, b in pairs
    ) / max(1, len(pairs))
    return (f"score {share(lambda c: c.score):.3f}, is_claim {share(lambda c: c.is_claim):.3f}, "
            f"speaker {share(lambda c: c.speaker):.3f}, type {share(lambda c: c.type):.3f} (n={len(pairs)})")


def type_confusions(fast: Sequence[ExtractedClaim], full: Sequence[ExtractedClaim], top: int = 6) -> str:
    counts: dict[tuple[str, str], int] = {}
    for a, b in zip(fast, full, strict=True):
        if a.type != b.type:
            counts[(b.type, a.type)] = counts.get((b.type, a.type), 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:top]
    return ", ".join(f"{full_type}->{fast_type} {n}" for (full_type, fast_type), n in ranked)


def case_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle, delimiter="\t") if "\n" not in row["text"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, required=True, help="folder of .txt articles")
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--skip-articles", action="store_true", help="time score_lines only")
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted(args.articles.glob("*.txt"))]
    model = resolve_model_name()
    extractor = Extractor()
    extractor.extract("The port handled 4 million boxes in 2020.")
    size = sum(map(len, texts))
    print(f"{len(texts)} articles, {size:,} characters, model {model}, scorer {extractor.scorer.name}")
    if not args.skip_articles:
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
    plain, tokens = plain_pipeline(model, lines, 64)
    print(f"plain nlp.pipe over the lines, full {model}: {plain:6.2f} s  ({tokens:,} tokens)")
    full_path = Extractor(scorer=FullPathScorer(extractor.scorer.detector))
    seconds, full = timed(lambda: list(full_path.score_lines(lines)))
    print(f"score_lines, every line through the full pipeline (previous path): {seconds:6.2f} s")
    seconds, fast = timed(lambda: list(extractor.score_lines(lines)))
    print(f"score_lines (tokenizer; parser only for lines with a speech verb or a type word): {seconds:6.2f} s  "
          f"({len(lines) / seconds:,.0f} lines/s, {sum(c.is_claim for c in fast):,} claims)")
    print(f"fast vs full path, article lines: {agreement(fast, full)}")
    print(f"  type changes (full->fast): {type_confusions(fast, full)}")
    cases = case_lines(CASES)
    fast, full = list(extractor.score_lines(cases)), list(full_path.score_lines(cases))
    print(f"fast vs full path, {CASES.name} one-line texts: {agreement(fast, full)}")
    print(f"  type changes (full->fast): {type_confusions(fast, full)}")


if __name__ == "__main__":
    main()
