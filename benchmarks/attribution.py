"""Speaker-attribution accuracy on fixtures/attribution_cases.tsv, next to a naive first-PERSON baseline.

    .venv/bin/python benchmarks/attribution.py [--cases fixtures/attribution_cases.tsv]

Ids starting with "h-" were written after the speaker rules were tuned on the others (a held-out check).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from claims.extract.attribution_eval import CORPUS, accuracy, first_person_entity, pipeline_speaker, read_cases
from claims.extract.nlp import load_nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CORPUS)
    args = parser.parse_args()
    cases = read_cases(args.cases)
    docs = list(load_nlp().pipe(case.text for case in cases))
    held_out = [i for i, case in enumerate(cases) if case.id.startswith("h-")]
    groups: dict[str, list[int]] = {
        "all": list(range(len(cases))),
        "tuned-on": [i for i in range(len(cases)) if i not in held_out],
        "held-out (h-)": held_out,
    }
    by_category: dict[str, list[int]] = defaultdict(list)
    for index, case in enumerate(cases):
        by_category[f"  {case.category}"].append(index)
    groups.update(by_category)
    print(f"{'cases':28} {'n':>4} {'extractor':>10} {'first PERSON':>13}")
    for name, indices in groups.items():
        part = [cases[i] for i in indices]
        part_docs = [docs[i] for i in indices]
        ours, _ = accuracy(part, part_docs, pipeline_speaker)
        naive, _ = accuracy(part, part_docs, first_person_entity)
        print(f"{name:28} {len(part):>4} {ours:>10.3f} {naive:>13.3f}")
    print("misses:", ", ".join(accuracy(cases, docs, pipeline_speaker)[1]) or "none")


if __name__ == "__main__":
    main()
