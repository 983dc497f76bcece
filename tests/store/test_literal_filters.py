"""Speaker and source filters match what was typed, literally: % and _ are not wildcards, quotes and backslashes
are ordinary characters, and case does not matter."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, content_hash
from store.models import ArticleQuery, ClaimFilter

NAMES = ["50% Review", "5000 News", "Fact_Check", "FactXCheck", "O'Brien Weekly", 'The "Quoted" Post',
         "Back\\slash Times", "Backslash Times"]


@pytest.fixture
def store(backend_db):
    with Store(backend_db) as s:
        for number, name in enumerate(NAMES):
            text = f"Claim number {number} was made by {name}."
            with s.transaction():
                article_id = s.insert_article(f"Article {number}", text, content_hash(text), name)
                s.insert_claims(article_id, [NewClaim(text, 0, len(text), 0.5, "other", name)])
        yield s


CASES = [
    ("50%", ["50% Review"]),
    ("%", ["50% Review"]),
    ("_", ["Fact_Check"]),
    ("fact_check", ["Fact_Check"]),
    ("o'brien", ["O'Brien Weekly"]),
    ('"quoted"', ['The "Quoted" Post']),
    ("\\", ["Back\\slash Times"]),
    ("back\\slash", ["Back\\slash Times"]),
    ("%%", []),
    ("50_", []),
    ("times", ["Back\\slash Times", "Backslash Times"]),
]
IDS = ["percent", "only-percent", "underscore", "underscore-any-case", "apostrophe", "double-quotes", "backslash",
       "backslash-in-word", "two-percents", "underscore-after-digits", "plain-word"]


@pytest.mark.parametrize(("typed", "expected"), CASES, ids=IDS)
def test_the_speaker_filter_matches_the_typed_text_literally(store, typed, expected):
    rows = store.filter_claims(ClaimFilter(speaker=typed))
    assert sorted(r.speaker for r in rows) == sorted(expected)


@pytest.mark.parametrize(("typed", "expected"), CASES, ids=IDS)
def test_the_source_filter_matches_the_typed_text_literally(store, typed, expected):
    rows = store.article_summaries(ArticleQuery(source=typed))
    assert sorted(r.source for r in rows) == sorted(expected)
