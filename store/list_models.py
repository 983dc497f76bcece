"""Dataclasses of the desk's lists and the choices that fill them: rows of the claim list and the earlier-check
archive, conflicts between claims, the claim filter and article sort/filter (ArticleQuery), and counts (verdicts
by article, source or day; articles to review; each reviewer's work). Re-exported by store.models."""

from __future__ import annotations

from dataclasses import dataclass

SORT_KEYS = ("id", "title", "source", "date", "progress")  # how the article list may be sorted (ArticleQuery.sort)
ARTICLE_KINDS = ("review", "earlier", "all")  # ArticleQuery.which


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
