"""Claim-type accuracy on fixtures/type_cases.tsv: the rules over the parse, next to the same rules over words alone.

    .venv/bin/python benchmarks/claim_types.py [--cases fixtures/type_cases.tsv]

Ids starting with "h-" were written after the rules were last changed (a held-out check).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from claims.extract.nlp import load_nlp
from claims.extract.type_eval import CORPUS, accuracy, parsed_type, read_type_cases, words_only_type


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CORPUS)
    args = parser.parse_args()
    cases, nlp = read_type_cases(args.cases), load_nlp()
    groups = {"all": cases, "tuned-on": [c for c in cases if not c.id.startswith("h-")],
              "held-out (h-)": [c for c in cases if c.id.startswith("h-")]}
    for kind in sorted({c.expected for c in cases}):
        groups[f"expected {kind}"] = [c for c in cases if c.expected == kind]
    print(f"{'cases':28s} {'n':>4s}  {'parse':>6s}  {'words only':>10s}")
    for name, group in groups.items():
        ours, _ = accuracy(group, parsed_type, nlp)
        words, _ = accuracy(group, words_only_type, nlp)
        print(f"{name:28s} {len(group):4d}  {ours:6.3f}  {words:10.3f}")
    print("wrong (parse):", ", ".join(accuracy(cases, parsed_type, nlp)[1]) or "none")


if __name__ == "__main__":
    main()
