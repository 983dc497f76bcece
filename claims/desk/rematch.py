"""Matching claims that a reviewer added or changed, against the whole archive, off the UI thread.

The archive's matcher (claims.desk.match_index: its persisted snapshot plus the changes since) is opened on first
use inside a thread worker and kept for the session; the review screens never wait for it. Before each rematch it
catches up with the store's change journal, so claims stored, edited or deleted since (by the load dialog, or by
``claimdesk load`` / ``import`` in another program) are matched against too: whoever stores claims need not tell it.
It also lists, view only, a claim's nearest earlier checks that the thresholds hide (``nearest_below``).
"""

from __future__ import annotations

import threading
from pathlib import Path

from claims.desk.match_index import ArchiveIndex, open_index
from claims.match.boilerplate import search_claims
from store import LinkedClaim, Store
from store.interface import Archive


class MatchService:
    def __init__(self, db_path: Path):
        self.db_path = db_path
        self._index: ArchiveIndex | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """Whether the archive's matcher is open (the first search or rematch of a session opens it)."""
        return self._index is not None

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

    def nearest_below(self, claim_id: int, limit: int = 5) -> list[LinkedClaim]:
        """The claim's nearest earlier checks (of other articles, not boilerplate) that the match thresholds do not
        show, best first, as the load-time matching searches but with no score floor (call from a thread worker).
        Nothing is stored: ``kind`` is "below" and ``claim_id`` the claim searched for."""
        with self._lock, Store(self.db_path) as store:
            matcher, boilerplate = self._matcher(store), store.boilerplate_ids()
            claim = store.desk_claim(claim_id)
            if claim.deleted_at is not None or claim_id in boilerplate:
                return []
            article = claim.article_id
            matches = search_claims(matcher, claim.text, boilerplate, exclude_article_id=article)  # shown at load
            hits = search_claims(matcher, claim.text, boilerplate, limit=limit, min_score=0.0,
                                 exclude_article_id=article)
            shown = {hit.claim_id for hit in matches}
            return [_below(store, claim_id, hit.claim_id, hit.score) for hit in hits if hit.claim_id not in shown]


def _below(store: Store, claim_id: int, earlier_id: int, score: float) -> LinkedClaim:
    earlier = store.claim(earlier_id)
    article = store.article(earlier.article_id)
    return LinkedClaim(claim_id, earlier_id, score, "below", earlier.text, earlier.status, earlier.note,
                       earlier.reviewer, article.id, article.title, article.source)
