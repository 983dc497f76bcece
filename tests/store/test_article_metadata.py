"""An article's title, source, URL and date can be corrected through one store function, checked first."""

from __future__ import annotations

import pytest

from store import Store, StoreError, content_hash


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-05-10T09:00:00Z") as store:
        with store.transaction():
            store.insert_article("Untitled", "Some text.", content_hash("Some text."))
        yield store


def test_the_metadata_is_corrected_and_searchable(store):
    article = store.update_article_metadata(1, "Dam costs rise", "Harbour Wire", "https://hw.example/dam",
                                            "2026-05-02")
    assert (article.title, article.source, article.url, article.published, article.text) == (
        "Dam costs rise", "Harbour Wire", "https://hw.example/dam", "2026-05-02", "Some text.")
    assert [row.article_id for row in store.search_articles("costs rise")] == [1]


def test_empty_fields_are_cleared_and_control_characters_made_visible(store):
    article = store.update_article_metadata(1, "Dam\x1b[31m costs", "  ", "", None)
    assert article.title == "Dam␛[31m costs" and article.source is None and article.url is None


@pytest.mark.parametrize(("title", "url", "published", "why"), [
    ("", None, None, "needs a title"),
    ("T", "ftp://x.example/a", None, "not a web address"),
    ("T", None, "2026-13-45", "not a date"),
    ("T", None, "20260501", "not a date"),
])
def test_bad_metadata_is_refused_and_nothing_written(store, title, url, published, why):
    with pytest.raises(StoreError, match=why):
        store.update_article_metadata(1, title, None, url, published)
    assert store.article(1).title == "Untitled"
