"""Matching claims that a reviewer added or changed, against the whole archive, off the UI thread.

The archive's matcher (claims.desk.match_index: its persisted snapshot plus the changes since) is opened on first
use inside a thread worker and kept for the session; the review screens never wait for it. Before each rematch it
catches up with the store's change journal, so claims stored, edited or deleted since (by the load dialog, or by
``claimdesk load`` / ``import`` in another program) are matched against too: whoever stores claims need not tell it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from claims.desk.match_index import ArchiveIndex, open_index
from claims.match.boilerplate import search_claims
from store import Store
from store.interface import Archive


class MatchService:
    def __init__(self, db_path: Path):
        self.db_path = db_path
        self._index: ArchiveIndex | None = None
        self._lock = threading.Lock()

    def _matcher(self, store: Archive):
        if self._index is None:
            self._index = open_index(store)
        else:
            self._index.catch_up(store)
        return self._index.matcher

    def rematch(self, claim_ids: list[int]) -> int:
        """Store fresh matches for these claims (call from a thread worker); returns how many links were stored."""
        stored = 0
        with self._lock, Store(self.db_path) as store:
            matcher, boilerplate = self._matcher(store), store.boilerplate_ids()
            for claim_id in claim_ids:
                claim = store.desk_claim(claim_id)
                if claim.deleted_at is not None or claim_id in boilerplate:
                    continue
                hits = search_claims(matcher, claim.text, boilerplate, exclude_article_id=claim.article_id)
                stored += store.replace_links(claim_id, [(h.claim_id, h.score, h.kind) for h in hits])
        return stored
