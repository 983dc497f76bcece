"""Loading articles: extract their claims, store them with their matches, one transaction per article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claims.extractor import ExtractedClaim, Extractor
from claims.matcher import Matcher
from claims.reader import ArticleDraft
from store import NewClaim, Store, content_hash


@dataclass(frozen=True)
class LoadResult:
    origin: str
    status: str  # "loaded", "duplicate" or "failed"
    article_id: int | None = None
    title: str | None = None
    claims: int = 0
    matches: int = 0
    reason: str | None = None


def build_matcher(store: Store, matcher: Matcher | None = None) -> Matcher:
    """A matcher holding every claim already in the archive."""
    matcher = matcher or Matcher()
    matcher.add_many(store.claim_texts())
    return matcher


class Loader:
    """Puts articles into the store; matches every new claim against the earlier claims of other articles."""

    def __init__(self, store: Store, extractor: Extractor | None = None, matcher: Matcher | None = None):
        self.store = store
        self.extractor = extractor or Extractor()
        self._matcher = matcher

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = build_matcher(self.store)
        return self._matcher

    def load(self, drafts: Iterable[ArticleDraft], batch_size: int = 16) -> Iterator[LoadResult]:
        fresh = self._skip_duplicates(drafts)
        pending: list[ArticleDraft] = []
        for item in fresh:
            if isinstance(item, LoadResult):
                yield item
                continue
            pending.append(item)
            if len(pending) >= batch_size:
                yield from self._load_batch(pending)
                pending = []
        yield from self._load_batch(pending)

    def _skip_duplicates(self, drafts: Iterable[ArticleDraft]) -> Iterator[ArticleDraft | LoadResult]:
        seen: set[str] = set()
        for draft in drafts:
            digest = content_hash(draft.text)
            existing = self.store.find_article_by_hash(digest)
            if existing is not None or digest in seen:
                yield LoadResult(draft.origin, "duplicate", existing, draft.title, reason="already loaded")
            else:
                seen.add(digest)
                yield draft

    def _load_batch(self, drafts: list[ArticleDraft]) -> Iterator[LoadResult]:
        if not drafts:
            return
        _ = self.matcher  # built from the archive before this batch's claims join it
        extracted = self.extractor.extract_many([d.text for d in drafts])
        for draft, found in zip(drafts, extracted, strict=True):
            yield self._store_article(draft, found)

    def _store_article(self, draft: ArticleDraft, found: list[ExtractedClaim]) -> LoadResult:
        with self.store.transaction():
            article_id = self.store.insert_article(
                draft.title, draft.text, content_hash(draft.text), draft.source, draft.url,
                draft.published, draft.dateline,
            )
            new = [to_new_claim(c) for c in found]
            ids = self.store.insert_claims(article_id, new)
            matches = sum(self._link(claim_id, c.text, article_id) for claim_id, c in zip(ids, new, strict=True))
        for claim_id, claim in zip(ids, new, strict=True):
            self.matcher.add(claim_id, article_id, claim.text)
        return LoadResult(draft.origin, "loaded", article_id, draft.title, len(ids), matches)

    def _link(self, claim_id: int, text: str, article_id: int) -> int:
        hits = self.matcher.search(text, limit=5, exclude_article_id=article_id)
        for hit in hits:
            self.store.insert_link(claim_id, hit.claim_id, hit.score, hit.kind)
        return len(hits)


def to_new_claim(claim: ExtractedClaim) -> NewClaim:
    return NewClaim(claim.text, claim.start, claim.end, claim.score, claim.type, claim.speaker, claim.cue)
