"""ClaimReview export: Google's required and recommended fields, the rating scale, readable by importers."""

from __future__ import annotations

import io
import json
from urllib.parse import urlparse

import pytest

from store import NewClaim, Store, StoreError, content_hash
from store.exchange.claimreview import BEST_RATING, RATING_SCALE, WORST_RATING, claim_reviews, write_claimreviews
from store.exchange.export import ExportFilter
from store.exchange.fact_checks_in import read_verdict_file


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", clock=lambda: "2026-05-10T09:00:00Z") as s:
        yield s


def add(store, text, speaker="Mara Lind", url="https://news.example/flood", published="2026-05-09"):
    with store.transaction():
        article_id = store.insert_article("Flood", text, content_hash(text), "Northline", url, published)
        return store.insert_claims(article_id, [NewClaim(text, 0, len(text), 0.9, "quantity", speaker)])[0]


def assert_valid_claim_review(review: dict) -> None:
    """The structure Google's ClaimReview guidelines ask for."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    assert urlparse(review["url"]).scheme in ("https", "http", "urn")
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and isinstance(rating["alternateName"], str) and rating["alternateName"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    assert len(review["datePublished"]) == 10
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    if "author" in item:
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    if "appearance" in item:
        assert item["appearance"]["@type"] == "CreativeWork" and item["appearance"]["url"]


def reviews(store, **kw):
    return list(claim_reviews(store, ExportFilter(), kw.pop("organisation", "Desk Check"), **kw))


def test_only_decided_claims_become_reviews_and_each_is_valid(store):
    verified = add(store, "The flood forced 60,000 people from their homes.")
    add(store, "The dam will cost 4.2 billion crowns.")
    store.decide(verified, "verified", "ana", "internal rationale")
    (review,) = reviews(store)
    assert_valid_claim_review(review)
    assert review["claimReviewed"] == "The flood forced 60,000 people from their homes."
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Mara Lind"}
    assert review["itemReviewed"]["appearance"]["url"] == "https://news.example/flood"
    assert review["itemReviewed"]["datePublished"] == "2026-05-09"
    assert review["datePublished"] == "2026-05-10"
    assert review["author"]["name"] == "Desk Check"
    assert "internal rationale" not in json.dumps(review)


@pytest.mark.parametrize("status", ["verified", "disputed", "unverified"])
def test_the_rating_scale_is_documented_and_reads_back_as_the_same_verdict(store, tmp_path, status):
    claim = add(store, f"A claim that was {status}.")
    store.decide(claim, status, "ana")
    (review,) = reviews(store)
    assert (review["reviewRating"]["ratingValue"], review["reviewRating"]["alternateName"]) == RATING_SCALE[status]
    assert (review["reviewRating"]["worstRating"], review["reviewRating"]["bestRating"]) == (WORST_RATING,
                                                                                            BEST_RATING)
    path = tmp_path / "reviews.jsonl"
    path.write_text(json.dumps(review) + "\n", encoding="utf-8")
    (back,) = read_verdict_file(path)
    assert (back.claim, back.status, back.source, back.speaker) == (f"A claim that was {status}.", status,
                                                                   "Desk Check", "Mara Lind")


def test_the_review_url_comes_from_the_template_else_the_article(store):
    claim = add(store, "The flood forced 60,000 people from their homes.")
    store.decide(claim, "disputed", "ana")
    (templated,) = reviews(store, template="https://checks.example/c/{claim_id}")
    assert templated["url"] == f"https://checks.example/c/{claim}"
    (fallback,) = reviews(store)
    assert fallback["url"] == f"https://news.example/flood#claimdesk-claim-{claim}"
    with pytest.raises(StoreError, match="claim_id"):
        reviews(store, template="https://checks.example/{nope}")


def test_an_organisation_speaker_and_a_claim_without_article_url(store):
    claim = add(store, "Exports fell 3%, the finance ministry said.", speaker="the finance ministry", url=None)
    store.decide(claim, "unverified", "ana")
    (review,) = reviews(store)
    assert_valid_claim_review(review)
    assert review["itemReviewed"]["author"]["@type"] == "Organization"
    assert "appearance" not in review["itemReviewed"] and review["url"] == f"urn:claimdesk:claim:{claim}"


def test_without_an_organisation_the_export_says_what_to_do(store):
    claim = add(store, "The flood forced 60,000 people from their homes.")
    store.decide(claim, "verified", "ana")
    with pytest.raises(StoreError, match="--organisation"):
        write_claimreviews(store, io.StringIO(), None, "  ")
