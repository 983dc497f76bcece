"""Matching claims that a reviewer added or changed, against the whole archive, off the UI thread.

The Matcher (claims.match.matcher, rapidfuzz) is built on first use from ``store.claim_texts()`` inside a thread
worker, and kept for the session; the review screens never wait for it. Before each rematch it adds the claims
stored since it last looked (by the load dialog, or by ``claimdesk load`` / ``import`` in another program), so a
reviewer's edit is matched against those too: whoever stores claims need not tell it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from claims.desk.load import build_matcher
from store import Store
from store.interface import Archive


class MatchService:
    def __init__(self, db_path: Path):
        self.db_path = db_path
        self._matcher = None
        self._known = 0  # the highest claim id the matcher has seen
        self._forgotten: list[int] = []
        self._lock = threading.Lock()

    def _build(self, store: Archive):
        if self._matcher is None:
            self._known = store.max_claim_id()
            self._matcher = build_matcher(store)
        matcher = self._matcher
        newer = store.claims_after(self._known)
        matcher.add_many(newer)
        self._known = max([self._known, *(row[0] for row in newer)])
        while self._forgotten:
            matcher.remove(self._forgotten.pop())
        return matcher

    def rematch(self, claim_ids: list[int]) -> int:
        """Store fresh matches for these claims (call from a thread worker); returns how many links were stored."""
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
                self._known = max(self._known, claim_id)
        return stored

    def forget(self, claim_id: int) -> None:
        """A deleted claim: no longer matched (from the next rematch on; never waits for one that is running)."""
        self._forgotten.append(claim_id)
