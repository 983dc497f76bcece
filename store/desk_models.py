"""Dataclasses of the reviewer's desk: claims with their flag and evidence, history rows, list rows, filters."""

from __future__ import annotations

from dataclasses import dataclass

from store.models import Claim, HistoryEntry


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


@dataclass(frozen=True)
class ClaimRow:
    """A claim in a list across the archive (filter, search, flagged), with its article's title."""

    id: int
    article_id: int
    article_title: str
    text: str
    status: str
    type: str
    speaker: str | None
    score: float
    flagged: bool
    kind: str = "claim"  # "claim", or "article" for a search hit on an article's title or text


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to show; None (or False) means any."""

    status: str | None = None
    type: str | None = None
    speaker: str | None = None  # substring, case-insensitive
    min_score: float | None = None
    max_score: float | None = None
    flagged: bool = False
    article_id: int | None = None

    @property
    def active(self) -> bool:
        return any(v not in (None, False) for k, v in self.__dict__.items() if k != "article_id")

    def describe(self) -> str:
        parts = [f"status={self.status}" if self.status else "", f"type={self.type}" if self.type else "",
                 f"speaker~{self.speaker}" if self.speaker else "",
                 f"score≥{self.min_score:g}" if self.min_score is not None else "",
                 f"score≤{self.max_score:g}" if self.max_score is not None else "",
                 "flagged" if self.flagged else ""]
        return " ".join(p for p in parts if p) or "all claims"


@dataclass(frozen=True)
class ArticleQuery:
    """How the article list is sorted and filtered."""

    sort: str = "id"  # id, title, source, date, progress
    descending: bool = False
    source: str | None = None  # substring, case-insensitive
    since: str | None = None  # YYYY-MM-DD, on published (else loaded_at)
    until: str | None = None
    progress: str | None = None  # None, "todo", "done"


@dataclass(frozen=True)
class VerdictCount:
    """Claims by status for one article, source or day."""

    label: str
    pending: int
    verified: int
    disputed: int
    unverified: int

    @property
    def total(self) -> int:
        return self.pending + self.verified + self.disputed + self.unverified
