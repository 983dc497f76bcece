"""Article search hits: a short article shows FTS5's snippet; a long one (where snippet() reads every hit and
took seconds a keystroke) a bounded window of text around the first word. Sorting the article list works by
every key, either way round."""

from __future__ import annotations

import pytest

from store import Store, content_hash
from store.models import ArticleQuery
from store.queries import SNIPPET_MAX_CHARS, SORT_KEYS, WINDOW_CHARS


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.db", clock=lambda: "2026-05-10T09:00:00Z") as store:
        yield store


def add(store: Store, title: str, text: str, published: str | None = None) -> int:
    with store.transaction():
        return store.insert_article(title, text, content_hash(text), "Wire", published=published)


def test_a_long_article_shows_a_short_window_around_the_word(store):
    filler = "water rose across the valley " * (SNIPPET_MAX_CHARS // 20)
    add(store, "Long", filler + "the Ministry of Dams said so " + filler)
    [hit] = store.search_articles("ministry")
    assert "Ministry of Dams" in hit.text
    assert hit.text.startswith("…") and hit.text.endswith("…")
    assert len(hit.text) <= WINDOW_CHARS + 2


def test_a_long_article_found_at_its_start_is_not_cut_before_its_first_word(store):
    add(store, "Long", "Floods " + "water rose across the valley " * (SNIPPET_MAX_CHARS // 20))
    [hit] = store.search_articles("flood")
    assert hit.text.startswith("Floods water")


def test_a_short_article_keeps_the_fts_snippet(store):
    add(store, "Short", "one two three four five six seven eight nine ten eleven twelve thirteen dam fourteen")
    [hit] = store.search_articles("dam")
    assert "dam" in hit.text and hit.text.startswith("…")


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", SORT_KEYS)
def test_every_sort_key_works_both_ways(store, key, descending):
    add(store, "b title", "Text one.", "2026-01-02")
    add(store, "A title", "Text two.", "2026-01-01")
    rows = store.article_summaries(ArticleQuery(sort=key, descending=descending))
    ascending = store.article_summaries(ArticleQuery(sort=key))
    assert len(rows) == 2
    if key in ("id", "title", "date"):
        assert [r.id for r in rows] == [r.id for r in ascending][:: -1 if descending else 1]
