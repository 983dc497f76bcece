"""The article rule: final score, rank and default highlight of an article's sentences."""

from __future__ import annotations

import re

from claims.desk.load import Loader
from claims.extract.article_rank import DEFAULT_ARTICLE, ArticleSentence, rank_article, title_words
from claims.extract.encoder_model import ClaimModel
from claims.extract.pipeline import Extractor
from claims.read.article import ArticleDraft
from store import Store

LEAD = ("Pavel Orlov, the leader of the dockworkers' union, is in neighbouring Mongolia, a news report says. ")
BODY = [
    LEAD,
    "Orlov crossed the border on March 1, according to a senior regional police official. ",
    "On Friday, Inna Volkova, a spokesperson for Orlov, told the Courier that he is still in the city. ",
    "The union has 42,000 members and lost $3 million in wages last year. ",
    "The port handled 4 million containers in 2020, twice as many as in 2010. ",
    "Exports of grain rose by 12 percent in the first quarter, the ministry said. ",
    "The strike began on February 2 after talks on pay collapsed. ",
    "It is not clear whether Orlov and his union will win the support of the city council. ",
    "Share the Facts: PolitiFact rating Mostly True. ",
    "Orlov could not be reached for comment.",
]


def sentences(scores: list[float]) -> tuple[str, list[ArticleSentence]]:
    text, out = "", []
    for body, score in zip(BODY, scores, strict=True):
        start = len(text)
        text += body
        out.append(ArticleSentence(body.strip(), start, start + len(body.strip()), score))
    return text, out


def test_hedges_and_page_furniture_are_not_highlighted_even_when_the_model_likes_them() -> None:
    text, sents = sentences([0.9] * len(BODY))
    ranked = rank_article(sents, text, ClaimModel().article_params)
    by_text = {s.text[:20]: r for s, r in zip(sents, ranked, strict=True)}
    assert not by_text["It is not clear whet"].highlighted
    assert not by_text["Share the Facts: Pol"].highlighted
    assert by_text["It is not clear whet"].rank > by_text[LEAD[:20]].rank


def test_ranks_are_a_permutation_and_highlights_stay_within_the_share() -> None:
    text, sents = sentences([0.95, 0.9, 0.9, 0.99, 0.99, 0.97, 0.8, 0.6, 0.99, 0.3])
    params = ClaimModel().article_params
    ranked = rank_article(sents, text, params)
    assert sorted(r.rank for r in ranked) == list(range(1, len(BODY) + 1))
    share = sum(s.end - s.start for s, r in zip(sents, ranked, strict=True) if r.highlighted) / len(text.strip())
    assert 0 < share <= params["max_share"] + 0.1  # the best sentence is always allowed
    assert sum(r.highlighted for r in ranked) <= params["max_sentences"]
    best = min(ranked, key=lambda r: r.rank)
    assert best.highlighted and best.final == max(r.final for r in ranked)


def test_the_title_lifts_the_sentence_it_announces() -> None:
    text, sents = sentences([0.9] * len(BODY))
    plain = rank_article(sents, text, DEFAULT_ARTICLE)
    titled = rank_article(sents, text, DEFAULT_ARTICLE, title="Port of Harbin handled 4 million containers")
    assert titled[4].rank < plain[4].rank
    assert titled[4].final > plain[4].final


def test_a_title_taken_from_the_first_sentence_is_not_a_headline() -> None:
    assert title_words(LEAD[:60], LEAD + BODY[1]) == set()
    assert title_words("Orlov flees to Mongolia", LEAD) == {"orlov", "flees", "mongolia"}


def test_extracted_claims_carry_rank_and_highlight_with_the_final_score(nlp) -> None:
    text = "".join(BODY)
    claims = Extractor().extract(text, title="Union leader Orlov is in Mongolia")
    assert sorted(c.rank for c in claims) == list(range(1, len(claims) + 1))
    ordered = sorted(claims, key=lambda c: c.rank)
    assert [c.score for c in ordered] == sorted((c.score for c in claims), reverse=True)
    assert not any(re.match("It is not clear", c.text) and c.highlighted for c in claims)
    assert any(c.highlighted for c in claims) and not all(c.highlighted for c in claims)
    assert ordered[0].highlighted


def test_a_loaded_article_stores_each_claims_rank_and_highlight(nlp, tmp_path) -> None:
    draft = ArticleDraft("Union leader Orlov is in Mongolia", "".join(BODY), "in/orlov.txt")
    with Store(tmp_path / "t.db") as store:
        (result,) = Loader(store, Extractor()).load([draft])
        stored = store.claims(article_id=result.article_id)
    found = Extractor().extract(draft.text, draft.title)
    assert [(c.text, c.rank, c.highlighted, c.score) for c in stored] == [
        (c.text, c.rank, c.highlighted, c.score) for c in found]
