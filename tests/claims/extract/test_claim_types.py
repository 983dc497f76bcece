"""Full Fact style claim types from rules over a parsed sentence (invented sentences)."""

from __future__ import annotations

import pytest

from claims.extract.claim_types import CLAIM_TYPE_DESCRIPTIONS, CLAIM_TYPES, classify

CASES = [
    pytest.param("Unemployment rose to 7.4 percent in the third quarter.", "quantity", id="percent"),
    pytest.param("The council spent $4 million on the new library.", "quantity", id="money"),
    pytest.param("The city has 14,000 registered taxis.", "quantity", id="big-cardinal"),
    pytest.param("Wheat exports doubled after the harvest.", "quantity", id="comparison-word"),
    pytest.param("The new line will open to passengers in 2027.", "prediction", id="will"),
    pytest.param("Inflation is expected to ease by the end of the year.", "prediction", id="expected-to"),
    pytest.param("The flights were cancelled because of the volcanic ash.", "cause_and_effect", id="because"),
    pytest.param("The drought led to a sharp rise in food prices.", "cause_and_effect", id="led-to"),
    pytest.param("Under the new law, drivers must carry a reflective vest.", "law_or_rule", id="law"),
    pytest.param("Selling fireworks to minors is illegal in the province.", "law_or_rule", id="illegal"),
    pytest.param("I saw the soldiers leave the village at dawn.", "personal_experience", id="first-person"),
    pytest.param("The minister met the ambassador in Lisbon on Friday.", "other", id="plain-event"),
    pytest.param("The US and the EU signed the agreement in Brussels.", "other", id="US-is-not-us"),
    pytest.param("Bill Moreno met the ambassador in Lisbon.", "other", id="Bill-the-name-is-not-a-law"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_classify(nlp, text: str, expected: str) -> None:
    assert classify(nlp(text)[:]) == expected


def test_numbers_in_the_speaker_phrase_are_ignored(nlp) -> None:
    doc = nlp("The rebels left the valley, two former officials said.")
    speaker = next(token.i for token in doc if token.text == "two")
    assert classify(doc[:], ignore=(speaker, speaker + 3)) == "other"


def test_every_type_has_a_description() -> None:
    assert set(CLAIM_TYPE_DESCRIPTIONS) == set(CLAIM_TYPES)
    assert CLAIM_TYPES[-1] == "other"
    assert all("\n" not in text for text in CLAIM_TYPE_DESCRIPTIONS.values())
