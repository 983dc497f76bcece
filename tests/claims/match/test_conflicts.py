"""Conflicts: claims on one subject that disagree on a place, a number, a date or a negation; nothing else."""

from __future__ import annotations

import pytest

from claims.match.conflicts import Analysed, ConflictFinder, conflict, wording_conflict

ARTICLE = [
    "Tomas Vell, the leader of the opposition movement, is in neighbouring Marovia and so is Ana Petrova.",
    "Tomas Vell, son of the late general, fled to Marovia on May 6, according to two officials.",
    "Vell is currently in a safe house in the Marovian capital of Dellin, according to a former official.",
    "On Monday, Lena Ost, a spokesperson for Vell, told reporters that Vell “is inside Calderia … in an "
    "undisclosed location.”",
    "Vell and Petrova have been embraced by prominent senators like Jon Hale, who wants troops back in Calderia.",
    "Vell said in Marovia that the movement would fight on.",
    "Vell is not in Calderia, his office said.",
]


@pytest.fixture(scope="module")
def finder(nlp) -> ConflictFinder:
    return ConflictFinder(lambda texts: nlp.pipe(texts))


def test_the_subjects_place_contradicted_within_one_article(finder):
    claims = finder.analyse(list(enumerate(ARTICLE)))
    found = {(a, b): differs for a, b, differs in finder.within(claims)}
    assert set(found) == {(3, 0), (3, 1), (3, 2)}  # "inside Calderia" against each "in/to Marovia (Dellin)"
    assert found[(3, 0)] == "place: Calderia / Marovia"


@pytest.mark.parametrize(("a", "b", "differs"), [
    ("The flood forced 6,000 people from their homes in the river district.",
     "The flood forced 60,000 people from their homes in the river district.", "number: 6,000 / 60,000"),
    ("The bridge is closed to traffic on weekdays, the council said.",
     "The bridge is not closed to traffic on weekdays, the council said.", "negation: — / not"),
    ("The minister resigned on September 6 after the vote, officials said.",
     "The minister resigned on September 9 after the vote, officials said.", "date: 6 / 9"),
    ("In 2016 unemployment in Calder was 5 percent, the office said.",
     "In 2017 unemployment in Calder was 6 percent, the office said.", ""),  # another year: another time
    ("The flood forced 6,000 people from their homes in the river district.",
     "Unemployment fell to 4 percent in March, its lowest level since the flood.", ""),
    ("Norland has 8,784 lakes with a name, while Sveland has 5,481.",  # another quantity: lakes with a name
     "Norland has 124,662 lakes, while Sveland has 82,099.", ""),
    ("The county lost 152 full-time workers.", "The state had gained 615 full-time workers.", ""),  # other subject
    ("Norland has 11,842 lakes, says its Department of Natural Resources.",
     "Sveland has 15,074 lakes, says its Department of Natural Resources.", ""),  # another name: another subject
])
def test_wording_conflicts(a, b, differs):
    assert wording_conflict(a, b) == differs


def test_across_articles_only_the_matched_earlier_claims_are_compared():
    finder = ConflictFinder()
    new = finder.analyse([(10, "The dam will cost 4.2 billion crowns, according to the finance ministry.")])
    earlier = {10: [(1, "The dam will cost 2.4 billion crowns, according to the finance ministry.")]}
    assert finder.across(new, earlier) == [(10, 1, "number: 4.2 / 2.4")]
    assert finder.across(new, {}) == []


def test_claims_without_place_facts_do_not_conflict_on_places():
    assert conflict(Analysed(1, "Vell is in Marovia."), Analysed(2, "Vell is inside Calderia.")) == ""
