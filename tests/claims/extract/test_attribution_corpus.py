"""Every case of fixtures/attribution_cases.tsv: the speaker the extractor finds for the claim sentence."""

from __future__ import annotations

import pytest

from claims.extract.attribution_eval import Case, accuracy, first_person_entity, pipeline_speaker, read_cases

CASES = read_cases()
KNOWN_MISSES = {
    "h-previous-then-quote": "the sentence before the quote names Diego Alves with no speech verb "
    "('described')",
}


def _param(case: Case):
    marks = [pytest.mark.xfail(reason=KNOWN_MISSES[case.id], strict=True)] if case.id in KNOWN_MISSES else []
    return pytest.param(case, id=case.id, marks=marks)


def test_corpus_is_big_enough_and_ids_are_unique() -> None:
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_attribution_case(nlp, case: Case) -> None:
    found = pipeline_speaker(nlp(case.text), case.sentence)
    assert case.matches(found), f"found {found!r}, expected one of {case.accepted or ('no speaker',)}"


def test_pipeline_beats_the_naive_baseline(nlp) -> None:
    docs = list(nlp.pipe(case.text for case in CASES))
    ours, _ = accuracy(CASES, docs, pipeline_speaker)
    naive, _ = accuracy(CASES, docs, first_person_entity)
    assert ours >= 0.9 and ours > naive + 0.3
