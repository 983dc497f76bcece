"""Speakers named without a plain "X said": transcript lines, claim owners, colons, inverted verbs, pronouns
(invented fact-check-style sentences, one named case per row)."""

from __future__ import annotations

import pytest

from claims.extract.speakers import attribute_sentences

# (text, index of the sentence to look at, expected speaker)
CASES = [
    pytest.param("Brandl: \u201cThe tunnel cost $4 billion and nobody uses it.\u201d", 0, "Brandl",
                 id="transcript-name-colon"),
    pytest.param("Update: the tunnel cost $4 billion.", 0, None, id="label-colon-is-no-speaker"),
    pytest.param("None of this matches the county\u2019s claim that the tunnel \u201ccost $4 billion.\u201d", 0,
                 "the county", id="possessive-claim-that"),
    pytest.param("Otto Brandl spoke on Monday. We asked him about his claim that the tunnel cost $4 billion.", 1,
                 "Otto Brandl", id="his-claim-resolves-to-the-person"),
    pytest.param("We examined the claim Brandl made that the tunnel \u201ccost $4 billion.\u201d", 0, "Brandl",
                 id="the-claim-x-made"),
    pytest.param("But is Brandl right that the tunnel cost $4 billion?", 0, "Brandl", id="is-x-right-that"),
    pytest.param("It is not accurate to say, as Brandl did, that the tunnel cost $4 billion.", 0, "Brandl",
                 id="as-x-did"),
    pytest.param("GOP candidates have struck back with their own charge: tolls are a tax.", 0, None,
                 id="their-claim-is-unresolved"),
    pytest.param("Several posts on social media had a version of this headline: \u201cTunnel cost $4 billion.\u201d",
                 0, "Several posts on social media", id="vehicle-before-colon"),
    pytest.param("\u201cTunnel Costs Soar,\u201d reads the headline on a story shared 10,000 times.", 0,
                 "the headline on a story shared 10,000 times", id="inverted-reads-the-headline"),
    pytest.param("\u201cThe county spent $4 billion, no matter what the reason, at any time,\u201d Brandl wrote.",
                 0, "Brandl", id="nearest-subject-of-two"),
    pytest.param("Ina Lo praised the tunnel. She went on to say it \u201ccost $4 billion.\u201d", 1, "Ina Lo",
                 id="went-on-to-say"),
    pytest.param("Ina Lo fought the tunnel. She refused to say what it cost.", 1, None,
                 id="refused-to-say-is-no-attribution"),
    pytest.param("\u201cAccording to recent figures, the tunnel cost $4 billion,\u201d Brandl said.", 0, "Brandl",
                 id="implausible-according-to-falls-through"),
    pytest.param("Ina Lo ran for the council. Her campaign website says the tunnel cost $4 billion.", 1,
                 "Ina Lo's campaign website", id="possessive-pronoun-vehicle-named"),
    pytest.param("Ina Lo ran for the council. Her editorial argued the tunnel was wasteful. "
                 "\u201cIt cost $4 billion,\u201d she wrote.", 2, "Ina Lo", id="she-is-never-the-editorial"),
]


@pytest.mark.parametrize(("text", "index", "speaker"), CASES)
def test_speaker_mention(nlp, text: str, index: int, speaker: str | None) -> None:
    found = attribute_sentences(list(nlp(text).sents))[index]
    assert found.speaker == speaker


def test_said_opening_a_paragraph_after_a_no_break_space(nlp):
    """A name alone on a line, then "said\u00a0..." (a no-break space after "said"): the name speaks."""
    sents = list(nlp("The vote was close.\n\nCommissioner Ann White\n\nsaid\u00a0the tunnel cost $4 billion.").sents)
    assert attribute_sentences(sents)[-1].speaker == "Commissioner Ann White"
