"""ClaimAnalyser: a claim a reviewer added by hand is analysed like an extracted one (check-worthiness score,
type, speaker and cue), in a worker thread, with its own Store; spaCy and the scorer load on first use."""

from __future__ import annotations

import threading
from pathlib import Path

from claims.extract.pipeline import Extractor
from store import Store, archive_location


class ClaimAnalyser:
    """Keeps one Extractor (spaCy loads once, on the first claim analysed) for the app's session."""

    def __init__(self, db_path: Path, extractor: Extractor | None = None):
        self.db_path = archive_location(db_path)
        self._extractor = extractor
        self._lock = threading.Lock()  # one analysis at a time: the Extractor is not shared between threads

    def analyse(self, claim_ids: list[int]) -> list[int]:
        """Score, type and attribute these claims and store what was found (call from a thread worker); returns
        the ids analysed (a claim deleted meanwhile is skipped)."""
        with self._lock, Store(self.db_path) as store:
            claims = [c for c in (store.desk_claim(i) for i in claim_ids) if c.deleted_at is None]
            if not claims:
                return []
            if self._extractor is None:
                self._extractor = Extractor()
            found = list(self._extractor.score_lines([c.text for c in claims]))
            for claim, result in zip(claims, found, strict=True):
                store.set_analysis(claim.id, result.score, result.type, result.speaker, result.cue)
        return [c.id for c in claims]
