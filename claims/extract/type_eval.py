"""The claim-type corpus (fixtures/type_cases.tsv): reading it and scoring the type rules on it.

Ids starting with "h-" were written after the rules were last changed, and run once (a held-out check).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims.extract.claim_types import classify

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "type_cases.tsv"


@dataclass(frozen=True)
class TypeCase:
    id: str
    text: str
    expected: str
    reason: str


def read_type_cases(path: Path = CORPUS) -> list[TypeCase]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [TypeCase(row["id"], row["text"], row["expected"], row["reason"]) for row in rows]


def parsed_type(nlp: Any, text: str) -> str:
    """What extraction shows: the rules over the parsed sentence (dependencies and entities)."""
    return classify(nlp(text)[:])


def words_only_type(nlp: Any, text: str) -> str:
    """The baseline: the same rules over words alone (the tokenizer only, as `extract --per-line` runs them)."""
    return classify(nlp.make_doc(text)[:])


def accuracy(cases: Sequence[TypeCase], typer: Callable[[Any, str], str], nlp: Any) -> tuple[float, list[str]]:
    """The share of cases typed as expected, and the ids of the others."""
    wrong = [case.id for case in cases if typer(nlp, case.text) != case.expected]
    return (1 - len(wrong) / len(cases) if cases else 0.0), wrong
