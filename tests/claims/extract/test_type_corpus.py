"""Every case of fixtures/type_cases.tsv: the claim type extraction gives the sentence."""

from __future__ import annotations

import pytest

from claims.extract.claim_types import CLAIM_TYPES
from claims.extract.type_eval import TypeCase, accuracy, parsed_type, read_type_cases, words_only_type

CASES = read_type_cases()
KNOWN_MISSES = {
    "h-o-court-adjourned": "'until next month' reads as a prediction; a scheduled event is typed like a forecast",
}


def _param(case: TypeCase):
    marks = [pytest.mark.xfail(reason=KNOWN_MISSES[case.id], strict=True)] if case.id in KNOWN_MISSES else []
    return pytest.param(case, id=case.id, marks=marks)


def test_corpus_covers_every_type_and_ids_are_unique() -> None:
    assert {case.expected for case in CASES} == set(CLAIM_TYPES)
    assert len({case.id for case in CASES}) == len(CASES) >= 40


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_type_case(nlp, case: TypeCase) -> None:
    assert parsed_type(nlp, case.text) == case.expected, case.reason


def test_the_parse_beats_words_alone_on_look_alikes(nlp) -> None:
    """'grew sharper', 'more likely', 'ruled out', 'the court heard': words alone call these amounts or rules."""
    look_alikes = [case for case in CASES if case.id.startswith(("o-", "h-o-"))]
    parsed, _ = accuracy(look_alikes, parsed_type, nlp)
    words, _ = accuracy(look_alikes, words_only_type, nlp)
    assert parsed >= 0.9 and parsed > words + 0.2
