"""Who a sentence's claim is attributed to, one named case per row (invented wire-style text)."""

from __future__ import annotations

import sys

import pytest

from claims.extract.speakers import attribute_sentences, clean_speaker, quote_state

# (text, index of the sentence to look at, expected speaker, expected cue)
CASES = [
    pytest.param("The port handled 4 million containers last year, according to the harbour authority.", 0,
                 "the harbour authority", "according to", id="according-to-org"),
    pytest.param("Exports fell 12 percent in May, according to Mira Castell, a trade ministry economist.", 0,
                 "Mira Castell", "according to", id="according-to-person-appositive-dropped"),
    pytest.param("The dam was finished in 2019, according to a senior regional official who visited it.", 0,
                 "a senior regional official", "according to", id="according-to-relative-clause-dropped"),
    pytest.param("The rebels crossed the border on Friday, according to a senior U.S. intelligence official, "
                 "a defence consultant, and two former senior army officers, the Courier reported.", 0,
                 "a senior U.S. intelligence official, a defence consultant, "
                 "and two former senior army officers",
                 "according to", id="according-to-list-beats-outer-report"),
    pytest.param("Jonas Pereira said the mine employs 3,000 people.", 0, "Jonas Pereira", "said",
                 id="x-said"),
    pytest.param("The mine employs 3,000 people, said Jonas Pereira, the company's chief executive.", 0,
                 "Jonas Pereira", "said", id="said-x-inverted"),
    pytest.param("On Monday, Lena Okafor, a spokesperson for the governor, told the Ledger that the bridge "
                 "\u201cis closed until further notice.\u201d", 0, "Lena Okafor", "told",
                 id="x-told-y-that-leading-date-and-appositive"),
    pytest.param("Two former navy officials said the ship sank in eight minutes.", 0,
                 "Two former navy officials", "said", id="anonymous-plural-sources"),
    pytest.param("The health ministry said in a statement that 40 people were treated.", 0,
                 "The health ministry", "said", id="organisation-said"),
    pytest.param("\u201cWe have reopened all 12 schools,\u201d Mayor Tomas Brandt said.", 0,
                 "Mayor Tomas Brandt", "said", id="quote-before-attribution"),
    pytest.param("Tomas Brandt said: \u201cWe have reopened all 12 schools.\u201d", 0, "Tomas Brandt", "said",
                 id="quote-after-attribution"),
    pytest.param("Ali Rezai said. \u201cHe is inside the country.\u201d", 1, "Ali Rezai", "quote",
                 id="previous-sentence-speaker"),
    pytest.param("The mayor spoke to reporters on Tuesday. He said the river had risen by two metres.", 1,
                 "The mayor", "said", id="pronoun-resolved-to-previous-speaker"),
    pytest.param("He said the river had risen by two metres.", 0, None, None,
                 id="pronoun-without-antecedent"),
    pytest.param("Carla Mendes visited the flooded district on Tuesday. She said the river rose two metres.",
                 1, "Carla Mendes", "said", id="pronoun-resolved-to-previous-person"),
    pytest.param("\u201cThe wall is 40 km long. It cost $2 million,\u201d Ruth Adler said.", 0, "Ruth Adler",
                 "quote", id="quote-spanning-two-sentences"),
    pytest.param("The bridge collapsed in 1998 after heavy rains.", 0, None, None, id="no-attribution"),
    pytest.param("It was reported that 30 people were injured.", 0, None, None,
                 id="reported-without-speaker"),
    pytest.param("A growing number of lawmakers want the tariff cut, a news report says.", 0, "a news report",
                 "says", id="news-report-says"),
]


@pytest.mark.parametrize(("text", "index", "speaker", "cue"), CASES)
def test_speaker(nlp, text: str, index: int, speaker: str | None, cue: str | None) -> None:
    sents = list(nlp(text).sents)
    found = attribute_sentences(sents)[index]
    assert (found.speaker, found.cue) == (speaker, cue)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("On Monday, Lena Okafor", "Lena Okafor", id="leading-weekday"),
        pytest.param("  the\n  harbour   authority ", "the harbour authority", id="whitespace"),
        pytest.param("\u201cRuth Adler", "Ruth Adler", id="stray-quote"),
    ],
)
def test_clean_speaker(raw: str, clean: str) -> None:
    assert clean_speaker(raw) == clean


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        pytest.param("\u201cOpen", False, True, id="curly-opens"),
        pytest.param("closed.\u201d", True, False, id="curly-closes"),
        pytest.param('"both" ways', False, False, id="straight-pair"),
        pytest.param("no quotes", True, True, id="carries-state"),
    ],
)
def test_quote_state(text: str, before: bool, after: bool) -> None:
    assert quote_state(text, before) is after


def work_to_attribute(nlp, sentences: int) -> int:
    """Calls made (Python and spaCy's profiled Cython) while attributing ``sentences`` sentences of one doc."""
    doc = nlp(" ".join(f"Mayor Tomas Brandt said {n} homes were flooded." for n in range(sentences)))
    sents = list(doc.sents)
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        found = attribute_sentences(sents)
    finally:
        sys.setprofile(None)
    assert all(a.speaker == "Mayor Tomas Brandt" for a in found)
    return calls


def test_attribution_work_grows_with_the_article_not_with_its_square(nlp):
    """A big article took 20 minutes when every attributed sentence rebuilt the whole doc's text."""
    small, large = work_to_attribute(nlp, 100), work_to_attribute(nlp, 400)
    assert large < 6 * small  # linear: about 4x; rebuilding the doc text per sentence: about 16x


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("The sen\u200bator said the dam will cost 4 billion crowns.", "The senator",
                     id="zero-width-space"),
        pytest.param("The \u202emayor\u202c said the dam will cost 4 billion crowns.", "The mayor",
                     id="bidi-override"),
        pytest.param("\U0001F1F8 said the dam will cost 4 billion crowns.", None, id="emoji-is-no-speaker"),
    ],
)
def test_speakers_carry_no_invisible_characters_and_are_named_in_letters(nlp, text, speaker):
    (found,) = attribute_sentences(list(nlp(text).sents))
    assert found.speaker == speaker


def test_clean_speaker_drops_format_characters_and_needs_a_letter():
    assert clean_speaker("Mira\u00ad Castell\u2066") == "Mira Castell"
    assert clean_speaker("\u201c\U0001F1F8\u201d") == "" and clean_speaker("42") == ""
