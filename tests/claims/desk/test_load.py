"""Storing what was read: whole articles or nothing, duplicates by text or URL, one bad article stops nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claims.desk.load import Loader
from claims.extract.pipeline import ExtractedClaim
from claims.read.article import ArticleDraft, ReadFailure
from store import Store


class SentenceExtractor:
    """Every sentence ending in '.' is a claim; a text containing BOOM breaks extraction."""

    model = None
    threshold = 0.5

    def extract(self, text: str, title: str | None = None) -> list[ExtractedClaim]:
        if "BOOM" in text:
            raise ValueError("odd parse")
        claims, start = [], 0
        while (end := text.find(".", start)) >= 0:
            claims.append(ExtractedClaim(text[start : end + 1].strip(), start, end + 1, 0.9, True, "other", None,
                                         None))
            start = end + 2
        return [c for c in claims if c.text]

    def extract_many(self, texts, batch_size: int = 32, titles=None):
        return [self.extract(t) for t in texts]


def draft(n: int, text: str | None = None, url: str | None = None) -> ArticleDraft:
    text = text or f"The river rose {n} metres in {2000 + n}, the office said. Article {n} ends here."
    return ArticleDraft(f"Article {n}", text, f"in/{n}.txt", "Wire", url, "2026-05-01", None, "A. Writer")


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-05-10T09:00:00Z") as s:
        yield s


def load(store, items, **kwargs):
    return list(Loader(store, SentenceExtractor(), **kwargs).load(items, batch_size=2))


def test_each_article_is_stored_with_its_fields_claims_and_origin(store):
    (result,) = load(store, [draft(1, url="https://x.example/1")])
    assert (result.status, result.claims) == ("loaded", 2)
    row = store.execute("SELECT title, source, url, published, author, origin FROM articles")[0]
    assert row == ("Article 1", "Wire", "https://x.example/1", "2026-05-01", "A. Writer", "in/1.txt")


def test_an_article_already_there_by_text_or_url_is_reported_and_nothing_changes(store):
    load(store, [draft(1, url="https://x.example/1")])
    before = store.execute("SELECT COUNT(*) FROM claims")
    again = load(store, [draft(1), draft(2, url="https://x.example/1"), draft(3), draft(3)])
    assert [r.status for r in again] == ["duplicate", "duplicate", "loaded", "duplicate"]
    assert again[0].reason == "already loaded" and again[0].article_id == 1
    assert store.article_count() == 2 and store.execute("SELECT COUNT(*) FROM claims")[0][0] == before[0][0] + 2


def test_read_failures_and_broken_extraction_fail_alone_in_order(store):
    items = [draft(1), ReadFailure("bad.txt", "bad.txt is empty."), draft(2, text="BOOM. It breaks."), draft(3)]
    results = load(store, items)
    assert [r.status for r in results] == ["loaded", "failed", "failed", "loaded"]
    assert results[1].reason == "bad.txt is empty." and "extraction failed" in results[2].reason
    assert store.article_count() == 2


def test_an_interrupted_load_leaves_whole_articles_or_nothing(store, monkeypatch):
    load(store, [draft(1)])  # something to match against
    calls = {"n": 0}
    real = store.insert_link

    def interrupt_on_the_second_article(*args):
        calls["n"] += 1
        if calls["n"] > 2:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(store, "insert_link", interrupt_on_the_second_article)
    similar = [replace(draft(1, text=f"The river rose 1 metres in 2001, the office said. Copy {n} ends here."),
                       source=f"Wire {n}") for n in (2, 3)]  # other sources: three copies of one wire are boilerplate
    with pytest.raises(KeyboardInterrupt):
        load(store, similar)
    articles = store.execute("SELECT id FROM articles ORDER BY id")
    claims = store.execute("SELECT article_id, COUNT(*) FROM claims GROUP BY article_id ORDER BY article_id")
    assert len(articles) == 2 and claims == [(1, 2), (2, 2)]  # the third article is not there at all
    assert store.execute("SELECT COUNT(*) FROM claim_links WHERE claim_id IN (SELECT id FROM claims "
                         "WHERE article_id = 3)")[0][0] == 0


def test_a_real_article_lists_its_own_contradiction(store, extractor):
    """The seed's shape: one source puts the subject in one country, his spokesperson in another."""
    text = ("Tomas Vell, the leader of the opposition movement, is in neighbouring Marovia, a news report says. "
            "Vell hired a lobbyist on Wednesday. On Monday, Lena Ost, a spokesperson for Vell, told reporters "
            "that Vell “is inside Calderia … in an undisclosed location.”")
    list(Loader(store, extractor).load([ArticleDraft("Vell", text, "in/vell.txt", "Wire")]))
    found = [(c.differs, c.claim_speaker) for c in store.conflicts()]
    assert found == [("place: Calderia / Marovia", "Lena Ost")]
