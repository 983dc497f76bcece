"""Matching claims that a reviewer added or changed, against the whole archive, off the UI thread.

The Matcher (claims.matcher, rapidfuzz) is built on first use from ``store.claim_texts()`` inside a thread
worker, and kept for the session; the review screens never wait for it.
"""

from __future__ import annotations

import threading
from pathlib import Path


class MatchService:
    def __init__(self, db_path: Path):
        self.db_path = db_path
        self._matcher = None
        self._lock = threading.Lock()

    def _build(self, store):
        from claims.ingest import build_matcher

        if self._matcher is None:
            self._matcher = build_matcher(store)
        return self._matcher

    def rematch(self, claim_ids: list[int]) -> int:
        """Store fresh matches for these claims (call from a thread worker); returns how many links were stored."""
        from store import Store

        stored = 0
        with self._lock, Store(self.db_path) as store:
            matcher = self._build(store)
            for claim_id in claim_ids:
                claim = store.desk_claim(claim_id)
                matcher.remove(claim_id)
                if claim.deleted_at is not None:
                    continue
                hits = matcher.search(claim.text, limit=5, exclude_article_id=claim.article_id)
                stored += store.replace_links(claim_id, [(h.claim_id, h.score, h.kind) for h in hits])
                matcher.add(claim_id, claim.article_id, claim.text)
        return stored

    def forget(self, claim_id: int) -> None:
        with self._lock:
            if self._matcher is not None:
                self._matcher.remove(claim_id)
