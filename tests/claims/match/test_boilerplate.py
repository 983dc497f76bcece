"""Furniture by its form (claims.match.boilerplate.is_formula) and lines carried between articles (carried)."""

from __future__ import annotations

import pytest

from claims.match.boilerplate import block_of, carried, is_formula

FURNITURE = [
    "We rate this claim Half True.",
    "We rate Varga\u2019s statement Mostly False.",
    "In the end, we rate the mayor's claim as False.",
    "The figure is old and leaves out the refugees, so we rate it Pants on Fire!",
    "Because the ministry's own tables say otherwise -- by a third -- we rate it Mostly False.",
    "We rated it False.",
    "We rule the claim Mostly True.",
    "We give the post Four Pinocchios.",
    "On the Meter, Rell's claim rates Half True.",
    "We rate this claim Half True on the Truth-O-Meter.",
    "Share the Facts 2024-05-02 10:11:12 UTC Calder Checks 3 1 7 Calder Checks Rating: False \"Crime doubled.\"",
    "Our rating: Misleading",
    "Editor's note: This story was updated on May 4 to correct the name of the ministry.",
    "EDITORS' NOTE, May 4, 2024: We removed a chart.",
    "Correction: An earlier version misspelled the mayor's name.",
    "This fact check is available on the Calder Checks app for phones.",
    "(Get updates from Calder Checks on Twitter.",
    "This story was flagged as part of the platform's work against false news.",
    "By Ann Lee \u2022 May 3, 2024",
    "By Ann Lee and Tom Ray",
    "Staff writer Tom Ray contributed reporting to this article.",
]
CLAIMS = [
    "Rell ran an ad accusing Varga of cutting school funds, which we rated False.",
    "The claim we rated False last year came back in May.",
    "\"We give the people what is true,\" Varga said.",
    "We rate among the top three regions for new jobs, the governor said.",
    "We found that 40 percent of the district was flooded.",
    "Interest rates fell to a record low in March.",
    "Half True \"Calder is now the biggest wind power producer in Norland.",
    "The post was flagged by readers on Monday.",
    "This story is false, the minister said.",
    "Update the voter rolls before May, the council urged.",
    "Update: The death toll rose to 40, the fire service said on Sunday.",
    "Correction officers went on strike in March.",
    "By Oct. 31, 2023, the number of inmates rose to 12,400.",
    "By contrast, the two earlier budgets left a deficit of 1.5 billion crowns.",
    "By email, Varga's office replied that the figures were right.",
    "Tobias Rell's approval rating: 41 percent in May, the poll found.",
]


@pytest.mark.parametrize("text", FURNITURE)
def test_verdicts_widgets_notices_and_bylines_are_furniture_by_their_form(text):
    assert is_formula(text)


@pytest.mark.parametrize("text", CLAIMS)
def test_sentences_that_say_something_else_are_not(text):
    assert not is_formula(text)


def test_every_sentence_of_an_editors_note_is_furniture():
    line = "Editor's note: This claim was rated Barely True when it was published. In 2022 we renamed the rating."
    assert is_formula("In 2022 we renamed the rating.", line=" ".join(line.casefold().split()))
    assert not is_formula("In 2022 we renamed the rating.", line="In 2022 we renamed the rating.")


def test_a_line_among_the_same_three_lines_is_carried_but_a_quote_with_its_lead_in_is_not():
    first = "Crime fell.\nFeatured\nIlse Varga\nWind supplies 41 percent.\nBy Ann Lee\nJobs rose."
    second = "Taxes rose.\nFeatured\nIlse Varga\nWind supplies 41 percent.\nBy Ann Lee\nWages fell."
    at = [text.index("Wind") for text in (first, second)]
    assert carried(block_of(first, at[0], at[0] + 25), block_of(second, at[1], at[1] + 25))
    quoted = ["Crime fell.\nVarga said:\nWind supplies 41 percent.\nJobs rose.",
              "Taxes rose.\nVarga said:\nWind supplies 41 percent.\nWages fell."]
    at = [text.index("Wind") for text in quoted]
    assert not carried(block_of(quoted[0], at[0], at[0] + 25), block_of(quoted[1], at[1], at[1] + 25))
