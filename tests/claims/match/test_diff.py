"""diff_words: word-level segments with changed numbers, names and negations flagged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.match.diff import DiffSegment, diff_words, highlights


def side_text(segments: list[DiffSegment], side: str) -> str:
    return "".join(s.text for s in segments if s.side in ("both", side))


def test_changed_number_and_place_are_flagged() -> None:
    a = "More than 6,000 Taliban fighters crossed into Tajikistan."
    b = "More than 60,000 Taliban fighters are inside Afghanistan."
    flagged = [(s.op, s.text.strip(), s.kind) for s in highlights(diff_words(a, b))]
    assert flagged == [("delete", "6,000", "number"), ("insert", "60,000", "number"),
                       ("delete", "Tajikistan.", "name"), ("insert", "Afghanistan.", "name")]


def test_negation_is_flagged() -> None:
    segments = diff_words("The vaccine is not safe", "The vaccine is safe")
    assert DiffSegment("not ", "a", "delete", "negation") in segments
    assert [s.op for s in segments] == ["equal", "delete", "equal"]


def test_equal_words_compare_blind_to_case_punctuation_and_number_format() -> None:
    segments = diff_words("Crime rose 6000 percent!", "crime rose 6,000 percent")
    assert [s.op for s in segments] == ["equal"]


def test_first_word_of_a_sentence_is_not_a_name() -> None:
    segments = diff_words("Prices rose.", "Wages rose.")
    assert all(s.kind == "" for s in segments)


def test_empty_inputs() -> None:
    assert diff_words("", "") == []
    assert diff_words("", "new words") == [DiffSegment("new words", "b", "insert")]


@given(st.text(max_size=120), st.text(max_size=120))
def test_segments_rebuild_the_first_text(a: str, b: str) -> None:
    segments = diff_words(a, b)
    assert side_text(segments, "a") == a
    assert all(s.op in ("equal", "delete", "insert") and s.kind in ("", "number", "name", "negation")
               for s in segments)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("the bank said in a statement, on Friday.", "The bank said in a statement on Friday.",
                     id="punctuation-differs"),
        pytest.param("About 6,000 people were evacuated.", "about 6000 people were evacuated!", id="number-format"),
        pytest.param("", "Only the earlier claim has words.", id="empty-new-claim"),
    ],
)
def test_each_side_is_given_back_exactly_as_written(a, b):
    segments = diff_words(a, b)
    assert "".join(s.text_on("a") for s in segments if s.side in ("both", "a")) == a
    assert "".join(s.text_on("b") for s in segments if s.side in ("both", "b")) == b


CONTRADICTIONS = [
    ("changed-number", "About 60,000 people were evacuated.", "About 6,000 people were evacuated.",
     "60,000 now, 6,000 then"),
    ("negation", "Brenn is not in exile in Norland.", "Brenn is in exile in Norland.", "a negation"),
    ("same-number-other-spelling", "Exports rose by 6000 tonnes.", "Exports rose by 6,000 tonnes.", ""),
    ("reworded-only", "The ministry said the barrier costs 4.2 billion.", "The barrier costs 4.2 billion.", ""),
]


@pytest.mark.parametrize(("now", "then", "expected"), [c[1:] for c in CONTRADICTIONS],
                         ids=[c[0] for c in CONTRADICTIONS])
def test_contradictions_name_changed_numbers_and_negations(now, then, expected):
    from claims.match.diff import contradictions

    assert contradictions(now, then) == expected
