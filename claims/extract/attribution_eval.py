"""The attribution corpus (fixtures/attribution_cases.tsv): reading it and scoring speaker finders on it."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims.extract.speakers import attribute_sentences

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "attribution_cases.tsv"
Finder = Callable[[Any, int], "str | None"]  # (doc, sentence index) -> speaker


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    text: str
    accepted: tuple[str, ...]  # empty: the claim has no speaker
    sentence: int  # index of the claim's sentence; -1 is the last

    def matches(self, speaker: str | None) -> bool:
        if not self.accepted:
            return speaker is None
        return speaker is not None and normalise(speaker) in {normalise(answer) for answer in self.accepted}


def normalise(speaker: str) -> str:
    words = speaker.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def read_cases(path: Path = CORPUS) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [_case(row) for row in csv.DictReader(handle, delimiter="\t")]


def _case(row: dict[str, str]) -> Case:
    accepted = tuple(answer for answer in row["speaker"].split("|") if answer)
    sentence = int(row["sentence"]) if row.get("sentence") else -1
    return Case(row["id"], row["category"], row["text"], accepted, sentence)


def pipeline_speaker(doc: Any, index: int) -> str | None:
    """The extractor's own speaker finder."""
    sents = list(doc.sents)
    return attribute_sentences(sents)[index].speaker if sents else None


def first_person_entity(doc: Any, index: int) -> str | None:
    """Naive baseline: the first PERSON entity of the text."""
    people = [ent.text for ent in doc.ents if ent.label_ == "PERSON"]
    return people[0] if people else None


def accuracy(cases: Sequence[Case], docs: Sequence[Any], finder: Finder) -> tuple[float, list[str]]:
    """Share of cases the finder gets right, and the ids it gets wrong."""
    pairs = zip(cases, docs, strict=True)
    wrong = [case.id for case, doc in pairs if not case.matches(finder(doc, case.sentence))]
    return (1 - len(wrong) / len(cases) if cases else 0.0), wrong
