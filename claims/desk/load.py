"""Loading articles: extract their claims, store them with their matches, one transaction per article.

Extraction runs in batches through ``nlp.pipe``; with ``workers`` > 0 it runs in that many separate processes,
each a batch ahead, while this process stores and matches the batch before (claims/extract/pool.py: the workers
never outlive the load; the default count is claims/extract/workers.default_workers; see benchmarks/load_speed.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claims.desk.match_index import open_index
from claims.extract.pipeline import ExtractedClaim, Extractor
from claims.extract.pool import Extraction, ExtractPool
from claims.match.matcher import Matcher
from claims.read.article import ArticleDraft, ReadFailure
from store import NewClaim, Store, StoreError, content_hash

Item = ArticleDraft | ReadFailure


@dataclass(frozen=True)
class LoadResult:
    origin: str
    status: str  # "loaded", "duplicate" or "failed"
    article_id: int | None = None
    title: str | None = None
    claims: int = 0
    matches: int = 0
    reason: str | None = None
    words: int = 0


def build_matcher(store: Store, matcher: Matcher | None = None) -> Matcher:
    """A matcher holding every claim already in the archive (from its persisted index, claims.desk.match_index)."""
    if matcher is not None:
        matcher.add_many(store.claim_texts())
        return matcher
    return open_index(store).matcher


class Loader:
    """Puts articles into the store; matches every new claim against the earlier claims of other articles.

    ``load`` takes drafts (and :class:`ReadFailure` items, passed through as failed results, in order) and yields
    one result per item as soon as its article is stored: "loaded", "duplicate" (same normalised text or URL as
    an article already there, or earlier in this load) or "failed" with a one-line reason.
    """

    def __init__(self, store: Store, extractor: Extractor | None = None, matcher: Matcher | None = None,
                 workers: int = 0):
        self.store = store
        self.extractor = extractor or Extractor()
        self._matcher = matcher
        self.workers = workers

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = build_matcher(self.store)
        return self._matcher

    def load(self, drafts: Iterable[Item], batch_size: int = 16) -> Iterator[LoadResult]:
        batches = _batches(self._screen(drafts), batch_size)
        with ExtractPool(self.extractor, self.workers) as pool:
            for batch, extracted in pool.map(batches, self._before_first_store):
                found = iter(extracted)
                for item in batch:
                    yield item if isinstance(item, LoadResult) else self._store_article(item, next(found))

    def _before_first_store(self) -> None:
        _ = self.matcher  # built from the archive before this load's claims join it

    def _screen(self, items: Iterable[Item]) -> Iterator[ArticleDraft | LoadResult]:
        """Read failures and duplicates become results here; the rest go on to extraction."""
        seen: set[str] = set()
        for item in items:
            if isinstance(item, ReadFailure):
                yield LoadResult(item.origin, "failed", reason=item.reason)
                continue
            digest = content_hash(item.text)
            keys = {("text", digest)} | ({("url", item.url)} if item.url else set())
            existing = self._existing(item, digest)
            if existing is not None or keys & seen:
                yield LoadResult(item.origin, "duplicate", existing, item.title, reason="already loaded")
            else:
                seen |= keys
                yield item

    def _existing(self, draft: ArticleDraft, digest: str) -> int | None:
        found = self.store.find_article_by_hash(digest)
        if found is None and draft.url:
            found = self.store.find_article_by_url(draft.url)
        return found

    def _store_article(self, draft: ArticleDraft, found: Extraction) -> LoadResult:
        if isinstance(found, str):
            return LoadResult(draft.origin, "failed", title=draft.title, reason=f"{draft.origin}: {found}")
        try:
            return self._insert(draft, found)
        except sqlite3.IntegrityError:
            existing = self.store.find_article_by_hash(content_hash(draft.text))
            return LoadResult(draft.origin, "duplicate", existing, draft.title, reason="already loaded")
        except (StoreError, sqlite3.Error) as error:
            return LoadResult(draft.origin, "failed", title=draft.title, reason=f"{draft.origin}: {error}")

    def _insert(self, draft: ArticleDraft, found: list[ExtractedClaim]) -> LoadResult:
        new = [to_new_claim(c) for c in found]
        # Matched before the write transaction, so it stays short: this article's claims are not in the matcher
        # yet, so no hit can come from the article itself.
        hits = [self.matcher.search(claim.text, limit=5) for claim in new]
        with self.store.transaction():
            article_id = self.store.insert_article(
                draft.title, draft.text, content_hash(draft.text), draft.source, draft.url,
                draft.published, draft.dateline, author=draft.author, origin=draft.origin,
            )
            ids = self.store.insert_claims(article_id, new)
            for claim_id, claim_hits in zip(ids, hits, strict=True):
                for hit in claim_hits:
                    self.store.insert_link(claim_id, hit.claim_id, hit.score, hit.kind)
        for claim_id, claim in zip(ids, new, strict=True):
            self.matcher.add(claim_id, article_id, claim.text)
        words = len(draft.text.split())
        return LoadResult(draft.origin, "loaded", article_id, draft.title, len(ids), sum(map(len, hits)), words=words)


def to_new_claim(claim: ExtractedClaim) -> NewClaim:
    return NewClaim(claim.text, claim.start, claim.end, claim.score, claim.type, claim.speaker, claim.cue,
                    claim.rank, claim.highlighted)


def _batches(items: Iterable[ArticleDraft | LoadResult], size: int) -> Iterator[list[ArticleDraft | LoadResult]]:
    """Items in order, cut after every ``size`` drafts (results ride along with the drafts around them)."""
    batch: list[ArticleDraft | LoadResult] = []
    drafts = 0
    for item in items:
        batch.append(item)
        drafts += isinstance(item, ArticleDraft)
        if drafts >= size:
            yield batch
            batch, drafts = [], 0
    if batch:
        yield batch
