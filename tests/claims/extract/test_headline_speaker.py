"""A headline's claimant and the sentences that restate its claim (invented headlines and sentences)."""

from __future__ import annotations

import pytest

from claims.extract.headline_speaker import headline_claim
from claims.extract.speakers import attribute_sentences

HEADLINE = "Mara Quist says the harbour lost 3,000 jobs in 2019"


@pytest.mark.parametrize(
    ("title", "who"),
    [
        pytest.param(HEADLINE, "Mara Quist", id="x-says"),
        pytest.param("Sen. Otto Brandl claims tolls doubled under the new contract", "Sen. Otto Brandl",
                     id="x-claims-with-title"),
        pytest.param("Tolls doubled under the new contract, Otto Brandl says", "Otto Brandl", id="claim-then-x-says"),
        pytest.param("Tolls doubled under the new contract, says county hopeful Otto Brandl",
                     "county hopeful Otto Brandl", id="claim-then-says-x"),
        pytest.param("Brandl: tolls doubled under the new contract", "Brandl", id="x-colon"),
        pytest.param("Otto Brandl wrongly says tolls doubled under the new contract", "Otto Brandl",
                     id="manner-adverb-dropped"),
        pytest.param("Otto Brandl ad says tolls doubled under the new contract", "Otto Brandl", id="x-ad-says"),
        pytest.param("In debate, Otto Brandl says tolls doubled under the new contract", "Otto Brandl",
                     id="opening-phrase-dropped"),
        pytest.param("Fact check: tolls doubled under the new contract", None, id="label-colon"),
        pytest.param("TRUE: tolls doubled under the new contract", None, id="verdict-colon"),
        pytest.param("Who pays more tolls: drivers or hauliers?", None, id="question"),
        pytest.param("Tolls doubled under the new contract", None, id="no-claimant"),
        pytest.param(None, None, id="no-title"),
    ],
)
def test_headline_claimant(title, who):
    found = headline_claim(title)
    assert (found.who if found else None) == who


@pytest.mark.parametrize(
    ("sentence", "restates"),
    [
        pytest.param("The harbour lost 3,000 jobs in 2019.", True, id="restatement"),
        pytest.param("\u201cOur harbour lost 3,000 jobs in 2019,\u201d the flyer reads.", True,
                     id="we-inside-quotes-is-the-claimant"),
        pytest.param("We checked whether the harbour lost 3,000 jobs in 2019.", False, id="fact-checkers-we"),
        pytest.param("We looked at the claim that the harbour lost 3,000 jobs in 2019.", True,
                     id="we-before-the-claim-is-introduced"),
        pytest.param("Did the harbour lose 3,000 jobs in 2019?", False, id="question"),
        pytest.param("The harbour never lost 3,000 jobs in 2019.", False, id="denial-answers-the-claim"),
        pytest.param("The harbour reopened in 2019.", False, id="too-few-shared-words"),
    ],
)
def test_restated_by(sentence, restates):
    assert bool(headline_claim(HEADLINE).restated_by(sentence)) is restates


ARTICLE = ("Mara Quist spoke at the port on Monday. A new radio ad is airing across the county. "
           "The ad says the harbour lost 3,000 jobs in 2019. The harbour authority said 1,200 jobs went. "
           "Payroll records show 1,150 jobs went in 2019.")


@pytest.mark.parametrize(
    ("title", "index", "speaker"),
    [
        pytest.param(HEADLINE, 2, "Mara Quist", id="vehicle-restating-the-headline-is-the-claimant"),
        pytest.param("Quist says the harbour lost 3,000 jobs in 2019", 2, "Mara Quist",
                     id="surname-headline-gives-the-full-name"),
        pytest.param(HEADLINE, 3, "The harbour authority", id="a-named-source-keeps-its-own-speaker"),
        pytest.param(HEADLINE, 4, None, id="evidence-not-restating-gets-no-speaker"),
        pytest.param(None, 2, "The ad", id="without-a-headline-the-vehicle-stays"),
    ],
)
def test_headline_claimant_in_the_article(nlp, title, index, speaker):
    found = attribute_sentences(list(nlp(ARTICLE).sents), title)
    assert found[index].speaker == speaker
