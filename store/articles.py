"""Reading and writing articles."""

from __future__ import annotations

import re
from datetime import date

from store.claims import check_id
from store.clean_text import clean_field
from store.errors import NotFoundError, StoreError
from store.models import IMPORTED, Article, ArticleQuery, ArticleSummary, from_row

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?")


def _real_date(value: str) -> bool:
    """YYYY-MM-DD (a time may follow, as feeds give it) naming a day that exists."""
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True



_ARTICLE_COLUMNS = "id, title, source, url, published, text, content_hash, loaded_at, dateline"


class ArticleQueries:
    """Mixin of the Store: articles."""

    def find_article_by_hash(self, digest: str) -> int | None:
        rows = self.execute("SELECT id FROM articles WHERE content_hash = ?", [digest])
        return rows[0][0] if rows else None

    def find_article_by_url(self, url: str) -> int | None:
        rows = self.execute("SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1", [url])
        return rows[0][0] if rows else None

    def find_only_article(self, content_hash: str | None, url: str | None, title: str | None,
                          source: str | None) -> int | None:
        """The one article with this text hash, else the one with this URL, else the one with this title and
        source; None when none (or more than one) fits."""
        lookups = [("content_hash = ?", [content_hash]), ("url = ?", [url]),
                   ("title = ? AND source IS ?", [title, source])]
        for where, params in lookups:
            if params[0]:
                rows = self.execute(f"SELECT id FROM articles WHERE {where} LIMIT 2", params)
                if len(rows) == 1:
                    return rows[0][0]
        return None

    def insert_article(
        self,
        title: str,
        text: str,
        digest: str,
        source: str | None = None,
        url: str | None = None,
        published: str | None = None,
        dateline: str | None = None,
        *,
        author: str | None = None,
        origin: str | None = None,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO articles (title, source, url, published, dateline, text, content_hash, loaded_at,"
            " author, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [title, source, url, published, dateline, text, digest, self.clock(), author, origin],
        )
        return cursor.lastrowid

    def article(self, article_id: int) -> Article:
        rows = self.records(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [check_id(article_id, "article")])
        if not rows:
            raise NotFoundError(f"there is no article {article_id}.")
        return from_row(Article, rows[0])

    def update_article_metadata(self, article_id: int, title: str, source: str | None, url: str | None,
                                published: str | None) -> Article:
        """Correct an article's title, source, URL or publication date (YYYY-MM-DD); its text and claims stay.
        StoreError, nothing written, for an empty title, a date that does not exist or a URL that is not web."""
        title, source, url = clean_field(title), clean_field(source), clean_field(url, limit=2000)
        published = clean_field(published, limit=40)
        if not title:
            raise StoreError("an article needs a title.")
        if url and not url.lower().startswith(("http://", "https://")):
            raise StoreError(f"{url!r} is not a web address (http:// or https://).")
        if published and not _real_date(published):
            raise StoreError(f"{published!r} is not a date: give it as YYYY-MM-DD.")
        before = self.article(article_id)  # NotFoundError if it is gone
        with self.transaction():
            self.db.execute("UPDATE articles SET title = ?, source = ?, url = ?, published = ? WHERE id = ?",
                            [title, source, url, published, article_id])
            if title != before.title:  # an imported check's title is matched as its claim's (store.match_journal)
                self.db.execute("INSERT INTO claim_changes (claim_id) SELECT id FROM claims"
                                " WHERE article_id = ? AND origin = ?", [article_id, IMPORTED])
        return self.article(article_id)

    def articles(self, which: str = "review") -> list[ArticleSummary]:
        """The articles loaded to review, in id order, with progress ("earlier": the imported earlier checks;
        "all": both)."""
        return self.article_summaries(ArticleQuery(which=which))

    def is_earlier_check(self, article_id: int) -> bool:
        """Whether the article is an imported earlier fact-check (not one loaded to review)."""
        rows = self.execute("SELECT earlier_check FROM articles WHERE id = ?", [article_id])
        return bool(rows and rows[0][0])

    def article_count(self, which: str = "all") -> int:
        """How many articles ("review": loaded to review; "earlier": imported earlier checks; "all")."""
        if which == "all":
            return self.execute("SELECT COUNT(*) FROM articles")[0][0]
        return self.execute("SELECT COUNT(*) FROM articles WHERE earlier_check = ?", [int(which == "earlier")])[0][0]
