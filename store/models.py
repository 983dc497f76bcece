"""Dataclasses the store returns and takes: articles, claims (with their desk state), history rows, what a writer
expects a claim to hold, second reviews, and the vocabulary of statuses and origins. Rows become these by column
name (`from_row`), never by column order. The lists' rows, filters and counts live in store.list_models and are
re-exported here, so `from store.models import ...` reaches every dataclass of the store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from store.list_models import (
    ARTICLE_KINDS,
    SORT_KEYS,
    ArticleQuery,
    ClaimFilter,
    ClaimRow,
    Conflict,
    EarlierCheckRow,
    ReviewCounts,
    ReviewerStats,
    VerdictCount,
)

__all__ = [
    "ANY", "ARTICLE_KINDS", "BOILERPLATE", "DECIDED", "IMPORTED", "SIGNOFF_STATES", "SORT_KEYS", "STATUSES",
    "Article", "ArticleQuery", "ArticleSummary", "Claim", "ClaimFilter", "ClaimRow", "ClaimState", "Conflict",
    "DeskClaim", "DeskHistory", "EarlierCheckRow", "Expected", "HistoryEntry", "LinkedClaim", "NewClaim",
    "ReviewCounts", "ReviewerStats", "SecondReview", "Signoff", "VerdictCount", "as_decided", "decided_by_other",
    "from_row",
]

STATUSES = ("pending", "verified", "disputed", "unverified")
DECIDED = ("verified", "disputed", "unverified")
IMPORTED = "imported"  # the origin of a claim that is an earlier fact-check from another organisation
BOILERPLATE = "boilerplate"  # the type of a sentence its source repeats in article after article: not a claim

T = TypeVar("T")


def from_row(cls: type[T], row: Mapping[str, Any], **overrides: Any) -> T:
    """An instance of the dataclass ``cls`` from a row (sqlite3.Row, dict) by column name; columns the class
    does not have are ignored, fields the row lacks keep their defaults."""
    keys = set(row.keys())
    values = {f.name: row[f.name] for f in fields(cls) if f.name in keys}
    return cls(**{**values, **overrides})


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
    rank: int | None = None  # place among its article's claims by score, 1 = best; None for one added by hand
    highlighted: bool = True  # drawn highlighted by default (the article rule, claims.extract.article_rank)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 4),
            "rank": self.rank,
            "highlighted": bool(self.highlighted),
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
    rank: int | None = None
    highlighted: bool = True


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


@dataclass(frozen=True)
class DeskClaim(Claim):
    """A claim as the review screens show it: with its "come back later" flag and evidence links."""

    flagged: bool = False
    evidence: str | None = None
    deleted_at: str | None = None


@dataclass(frozen=True)
class ClaimState:
    """What a reviewer can change about a claim; undo and redo put a claim back into one of these."""

    status: str
    note: str | None
    evidence: str | None
    reviewer: str | None
    reviewed_at: str | None
    flagged: bool
    deleted_at: str | None


DeskHistory = HistoryEntry  # one history row type for the store and the desk
ANY: Any = object()  # Expected: "whatever it is"
SIGNOFF_STATES = ("awaiting", "confirmed", "reopened")  # claims.signoff (NULL: no second review asked for)


@dataclass(frozen=True)
class Expected:
    """What a writer believes a claim holds (its status, and who decided it): `Review.decide` refuses to change
    the claim when it holds something else (ChangedSinceError), so no one replaces a verdict they have not seen."""

    status: str | Any = ANY
    reviewer: str | None | Any = ANY

    @classmethod
    def of(cls, claim: Claim) -> Expected:
        return cls(claim.status, claim.reviewer)

    def matches(self, claim: Claim) -> bool:
        return ((self.status is ANY or self.status == claim.status)
                and (self.reviewer is ANY or self.reviewer == claim.reviewer))


def decided_by_other(claim: Claim, reviewer: str | None) -> bool:
    """Whether the claim holds a verdict someone other than ``reviewer`` gave (pending is no verdict)."""
    return claim.status != "pending" and claim.reviewer is not None and claim.reviewer != reviewer


@dataclass(frozen=True)
class Signoff:
    """The second review of a claim's verdict: "awaiting", "confirmed" or "reopened" (state), by whom and when."""

    claim_id: int
    state: str | None
    second_reviewer: str | None
    second_reviewed_at: str | None


@dataclass(frozen=True)
class SecondReview:
    """One second review as claim_signoffs holds it (what the agreement statistics count): the verdict reviewed
    (its decider, status and time), the second reviewer, the outcome ("confirmed" or "reopened") and when."""

    claim_id: int
    first_reviewer: str | None
    first_status: str
    first_at: str | None
    second_reviewer: str
    outcome: str
    at: str


def as_decided(claim: DeskClaim) -> str:
    """E.g. "disputed by bob at 2026-05-10T09:00:00Z"."""
    who = f" by {claim.reviewer}" if claim.reviewer else ""
    when = f" at {claim.reviewed_at}" if claim.reviewed_at else ""
    return f"{claim.status}{who}{when}"
