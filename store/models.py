"""Dataclasses returned by the store's queries."""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("pending", "verified", "disputed", "unverified")
DECIDED = ("verified", "disputed", "unverified")


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    source: str | None
    url: str | None
    published: str | None
    text: str
    content_hash: str
    loaded_at: str
    dateline: str | None = None


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the article list: the article without its text, with progress."""

    id: int
    title: str
    source: str | None
    url: str | None
    published: str | None
    loaded_at: str
    claims: int
    decided: int
    matched: int = 0
    dateline: str | None = None

    @property
    def progress(self) -> str:
        return f"{self.decided}/{self.claims}"


@dataclass(frozen=True)
class Claim:
    id: int
    article_id: int
    text: str
    start: int
    end: int
    score: float
    type: str
    speaker: str | None
    status: str
    note: str | None
    reviewer: str | None
    reviewed_at: str | None
    cue: str | None = None
    origin: str = "extracted"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "type": self.type,
            "speaker": self.speaker,
            "cue": self.cue,
            "status": self.status,
            "note": self.note,
            "reviewer": self.reviewer,
            "reviewed_at": self.reviewed_at,
        }


@dataclass(frozen=True)
class NewClaim:
    """A claim about to be stored: what extraction (or a reviewer) found."""

    text: str
    start: int
    end: int
    score: float = 0.0
    type: str = "other"
    speaker: str | None = None
    cue: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    claim_id: int
    at: str
    reviewer: str | None
    from_status: str | None
    to_status: str
    note: str | None
    action: str
    evidence: str | None = None
    source_claim_id: int | None = None


@dataclass(frozen=True)
class LinkedClaim:
    """An earlier claim linked to a claim, with what was decided about it."""

    claim_id: int
    earlier_id: int
    score: float
    kind: str
    text: str
    status: str
    note: str | None
    reviewer: str | None
    article_id: int
    article_title: str
    article_source: str | None
