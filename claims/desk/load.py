"""Loading articles: extract their claims, store them with their matches, one transaction per article.

Extraction runs in batches through ``nlp.pipe``; with ``workers`` > 0 it runs in that many separate processes,
each a batch ahead, while this process stores and matches the batch before (claims/extract/pool.py: the workers
never outlive the load; the default count is claims/extract/workers.default_workers; see benchmarks/load_speed.py).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from claims.desk.embed import rows_from
from claims.desk.match_index import open_index
from claims.desk.semantic import CachedEncoder, cached_encoder
from claims.extract.pipeline import ExtractedClaim, Extractor
from claims.extract.pool import Extraction, ExtractPool
from claims.match.boilerplate import BOILERPLATE, COPY_RATIO, OPENING_WORDS, BoilerplateFinder, block_of, search_claims
from claims.match.conflicts import ConflictFinder
from claims.match.encoder import Encoder
from claims.match.matcher import Matcher, MatchHit
from claims.read.article import ArticleDraft, ReadFailure
from store import NewClaim, Store, StoreError, content_hash

Item = ArticleDraft | ReadFailure
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadResult:
    origin: str
    status: str  # "loaded", "duplicate" or "failed"
    article_id: int | None = None
    title: str | None = None
    claims: int = 0
    matched: int = 0  # claims with at least one earlier match (the article list's "Matched")
    reason: str | None = None
    words: int = 0
    warning: str | None = None  # what was left out of a loaded article (claims.read.article.ArticleDraft)


def build_matcher(store: Store) -> Matcher:
    """A matcher holding every claim already in the archive (from its persisted index, claims.desk.match_index)."""
    return open_index(store).matcher


class Loader:
    """Puts articles into the store; matches every new claim against the earlier claims of other articles.

    ``load`` takes drafts (and :class:`ReadFailure` items, passed through as failed results, in order) and yields
    one result per item as soon as its article is stored: "loaded", "duplicate" (same normalised text or URL as
    an article already there, or earlier in this load) or "failed" with a one-line reason.

    With ``embed`` (and the encoder installed: claims.match.encoder), each article's claims are embedded before
    they are matched and their vectors stored right after the article (claims.desk.embed); a failure there is
    logged and leaves the claims without vectors (`claimdesk embed` makes them later), never loses the article.
    """

    def __init__(self, store: Store, extractor: Extractor | None = None, matcher: Matcher | None = None,
                 workers: int = 0, find_boilerplate: bool = True, embed: bool = True,
                 encoder: Encoder | CachedEncoder | None = None):
        self.store = store
        self.extractor = extractor or Extractor()
        self._matcher = matcher
        self.workers = workers
        self._boilerplate: BoilerplateFinder | None = None
        self._conflict_finder: ConflictFinder | None = None
        self._find_boilerplate = find_boilerplate  # False: every sentence is matched (benchmarks/boilerplate.py)
        self._boilerplate_ids: set[int] = set()
        self._embed = embed
        self._encoder = encoder

    @property
    def encoder(self) -> Encoder | CachedEncoder | None:
        """The encoder this load embeds with (the process's shared one), None when off or not installed."""
        if self._embed and self._encoder is None:
            self._encoder = cached_encoder()  # the matcher's own: each claim is encoded once
            self._embed = self._encoder is not None
        return self._encoder if self._embed else None

    def _vectors(self, texts: list[str]) -> np.ndarray | None:
        """The claims' vectors, or None (no encoder; or it failed: logged, and the load goes on without it)."""
        if not texts or self.encoder is None:
            return None
        try:
            return self.encoder.encode(texts)
        except Exception as error:  # onnxruntime raises its own kinds; an article is never lost for a vector
            log.warning("claims not embedded, and no more in this load: %s", error)
            self._embed = False
            return None

    def _save_vectors(self, claim_ids: list[int], texts: list[str], vectors: np.ndarray | None) -> None:
        if vectors is None:
            return
        try:
            self.store.save_vectors(rows_from(claim_ids, vectors), texts=texts)
        except (StoreError, sqlite3.Error) as error:  # the article is committed; `claimdesk embed` does the rest
            log.warning("vectors of %d claims not stored: %s", len(claim_ids), error)

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = build_matcher(self.store)
        return self._matcher

    @property
    def boilerplate(self) -> BoilerplateFinder:
        if self._boilerplate is None:
            copies = self._copies if self._find_boilerplate else _no_copies
            self._boilerplate = BoilerplateFinder(copies, self.store.article_sources, self._block_at,
                                                  by_form=self._find_boilerplate)
            self._boilerplate_ids = self.store.boilerplate_ids()
        return self._boilerplate

    def _conflicts(self, new: list[NewClaim], copies: list, hits: list[list[MatchHit]]) -> tuple[list, list]:
        """Conflicts of this article's claims (not boilerplate) with each other, as (index, index, what differs),
        and with the earlier claims they matched, as (index, earlier claim id, what differs)."""
        claims = [(n, claim.text) for n, claim in enumerate(new) if copies[n] is None]
        analysed = self.conflicts.analyse(claims)
        earlier = {n: [(hit.claim_id, self.store.claim(hit.claim_id).text) for hit in hits[n]] for n, _ in claims}
        return self.conflicts.within(analysed), self.conflicts.across(analysed, earlier)

    @property
    def conflicts(self) -> ConflictFinder:
        if self._conflict_finder is None:
            self._conflict_finder = ConflictFinder(self._parse if hasattr(self.extractor, "nlp") else None)
        return self._conflict_finder

    def _parse(self, texts: list[str]) -> Iterable:
        return self.extractor.nlp.pipe(texts)  # spaCy, loaded on first use (only claims that may name a place)

    def _copies(self, text: str) -> list[tuple[int, int | None]]:
        return self.matcher.copies(text, COPY_RATIO, OPENING_WORDS)

    def _block_at(self, claim_id: int) -> tuple[str, ...]:
        """An earlier claim's line with the lines around it, in its article (claims.match.boilerplate.block_of)."""
        claim = self.store.claim(claim_id)
        return block_of(self.store.article(claim.article_id).text, claim.start, claim.end)

    def _matches(self, text: str) -> list[MatchHit]:
        """The best earlier matches of `text` that are not boilerplate."""
        return search_claims(self.matcher, text, self._boilerplate_ids)

    def load(self, drafts: Iterable[Item], batch_size: int = 16) -> Iterator[LoadResult]:
        batches = _batches(self._screen(drafts), batch_size)
        with ExtractPool(self.extractor, self.workers) as pool:
            for batch, extracted in pool.map(batches, self._before_first_store):
                found = iter(extracted)
                for item in batch:
                    yield item if isinstance(item, LoadResult) else self._store_article(item, next(found))

    def _before_first_store(self) -> None:
        _ = self.matcher, self.boilerplate  # built from the archive before this load's claims join it

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
        # yet, so no hit can come from the article itself. Boilerplate is neither matched nor matched to.
        copies = self.boilerplate.find(draft.source, [claim.text for claim in new],
                                       [block_of(draft.text, claim.start, claim.end) for claim in new])
        new = [replace(claim, type=BOILERPLATE, highlighted=False) if earlier is not None else claim
               for claim, earlier in zip(new, copies, strict=True)]
        vectors = self._vectors([claim.text for claim in new])  # made before matching, so matching may use them
        hits = [[] if earlier is not None else self._matches(claim.text) for claim, earlier in
                zip(new, copies, strict=True)]
        conflicts = self._conflicts(new, copies, hits)
        with self.store.transaction():
            article_id = self.store.insert_article(
                draft.title, draft.text, content_hash(draft.text), draft.source, draft.url,
                draft.published, draft.dateline, author=draft.author, origin=draft.origin,
            )
            ids = self.store.insert_claims(article_id, new)
            for claim_id, claim_hits in zip(ids, hits, strict=True):
                for hit in claim_hits:
                    self.store.insert_link(claim_id, hit.claim_id, hit.score, hit.kind)
            inside, across = conflicts
            for n, other, differs in inside:
                self.store.insert_conflict(ids[n], ids[other], differs)
            for n, earlier_id, differs in across:
                self.store.insert_conflict(ids[n], earlier_id, differs)
            earlier = {claim_id for found_copies in copies if found_copies for claim_id in found_copies}
            if earlier:
                self._boilerplate_ids.update(self.store.mark_boilerplate(earlier))
        self._save_vectors(ids, [claim.text for claim in new], vectors)
        self._boilerplate_ids.update(i for i, c in zip(ids, copies, strict=True) if c is not None)
        for n, (claim_id, claim) in enumerate(zip(ids, new, strict=True)):
            self.matcher.add(claim_id, article_id, claim.text)
            self.matcher.put_vectors(claim_id, None if vectors is None else vectors[n])
        words = len(draft.text.split())
        matched = sum(1 for claim_hits in hits if claim_hits)
        return LoadResult(draft.origin, "loaded", article_id, draft.title, len(ids), matched, words=words,
                          warning=draft.warning)


def _no_copies(text: str) -> list:
    return []


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
