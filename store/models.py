"""Dataclasses the store returns and takes: articles, claims (with their desk state), history rows, list rows,
filters and counts. Rows become these by column name (`from_row`), never by column order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

STATUSES = ("pending", "verified", "disputed", "unverified")
DECIDED = ("verified", "disputed", "unverified")
SORT_KEYS = ("id", "title", "source", "date", "progress")  # how the article list may be sorted (ArticleQuery.sort)
ARTICLE_KINDS = ("review", "earlier", "all")  # ArticleQuery.which
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
    kind: str = "claim"
    rank: int | None = None
    highlighted: bool = True  # "claim", or "article" for a search hit on an article's title or text


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
    which: str = "review"  # "review": articles loaded to review; "earlier": imported earlier checks; "all"


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


@dataclass(frozen=True)
class ReviewCounts:
    """The articles loaded to review, and the earlier fact-checks kept for reference (never in the queue)."""

    to_review: int
    earlier_checks: int

    def header(self) -> str:
        """E.g. "3 articles to review · 19,250 earlier checks"."""
        articles = "article" if self.to_review == 1 else "articles"
        checks = "check" if self.earlier_checks == 1 else "checks"
        return f"{self.to_review:,} {articles} to review · {self.earlier_checks:,} earlier {checks}"


@dataclass(frozen=True)
class EarlierCheckRow:
    """One earlier fact-check as the archive lists it."""

    claim_id: int
    article_id: int
    claim: str
    title: str
    subtitle: str | None
    status: str
    rating: str | None
    source: str | None
    url: str | None
    published: str | None
    speaker: str | None
    linked: int = 0  # how many loaded claims are linked to it


@dataclass(frozen=True)
class Conflict:
    """Two claims that disagree: the later one (claim_*) and the other (other_*), with what differs ("place:
    Afghanistan / Tajikistan": what the first says, then what the other says)."""

    claim_id: int
    other_id: int
    differs: str
    claim_text: str
    other_text: str
    claim_speaker: str | None
    other_speaker: str | None
    claim_article_id: int
    other_article_id: int
    claim_article_title: str
    other_article_title: str
    claim_status: str
    other_status: str

    def seen_from(self, claim_id: int) -> Conflict:
        """This conflict with `claim_id` as its first claim (as the panel of that claim shows it)."""
        if claim_id != self.other_id:
            return self
        kind, _, sides = self.differs.partition(": ")
        first, _, second = sides.partition(" / ")
        differs = f"{kind}: {second} / {first}" if second else self.differs
        return Conflict(self.other_id, self.claim_id, differs, self.other_text, self.claim_text,
                        self.other_speaker, self.claim_speaker, self.other_article_id, self.claim_article_id,
                        self.other_article_title, self.claim_article_title, self.other_status, self.claim_status)


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
class ReviewerStats:
    """One reviewer's work: verdicts given (in all, and by day), second reviews given, and how often a second
    reviewer agreed with their verdicts (confirmed of confirmed + reopened) and they with others'."""

    reviewer: str
    verdicts: int
    by_day: tuple[tuple[str, int], ...]
    second_reviews: int
    confirmed: int  # of their verdicts, confirmed by a second reviewer
    reopened: int  # of their verdicts, reopened by a second reviewer
    confirmed_others: int  # of others' verdicts they reviewed second, confirmed
    reopened_others: int

    @staticmethod
    def _share(agreed: int, total: int) -> str:
        return f"{agreed / total:.0%} of {total}" if total else "—"

    @property
    def agreement(self) -> str:
        """How often their verdicts were confirmed, e.g. "80% of 10"; "—" when none was second-reviewed."""
        return self._share(self.confirmed, self.confirmed + self.reopened)

    @property
    def agreement_as_second(self) -> str:
        return self._share(self.confirmed_others, self.confirmed_others + self.reopened_others)


def as_decided(claim: DeskClaim) -> str:
    """E.g. "disputed by bob at 2026-05-10T09:00:00Z"."""
    who = f" by {claim.reviewer}" if claim.reviewer else ""
    when = f" at {claim.reviewed_at}" if claim.reviewed_at else ""
    return f"{claim.status}{who}{when}"
