"""Storing earlier fact-checks (from other organisations' ClaimReview or CSV files) as claims to match against.

Each earlier fact-check becomes an article (title = the claim, url = the review URL, source = the fact-checker,
published = its date, origin "import:<file>") holding one claim (origin "imported", status from the rating,
note = the rating as the fact-checker wrote it, speaker, reviewer = the fact-checker) with a claim_history row
(action "import"). So it shows in the archive, in matches and in the match panel with its verdict and source.
The same fact-check (fact-checker, review URL and claim text) imported twice is stored once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from store.models import DECIDED, IMPORTED, NewClaim
from store.store import content_hash
from store.wording import counted


class EarlierCheck(Protocol):
    """What store.exchange.fact_checks_in.ImportedVerdict offers (the store does not import claims)."""

    claim: str
    status: str
    rating: str
    url: str | None
    speaker: str | None
    date: str | None
    source: str | None
    known: bool


@dataclass
class EarlierCheckReport:
    added: int = 0
    duplicates: int = 0
    claim_ids: list[int] = field(default_factory=list)
    unknown_ratings: Counter = field(default_factory=Counter)  # rating as written -> how many checks had it

    def summary(self) -> str:
        return f"{counted(self.added, 'earlier fact-check')} added, {self.duplicates} already there"

    def unknown(self) -> str | None:
        """A line naming the ratings claimdesk did not know (kept as written, marked unverified), if any."""
        if not self.unknown_ratings:
            return None
        listed = ", ".join(f"{rating!r} ({n})" for rating, n in self.unknown_ratings.most_common(10))
        more = len(self.unknown_ratings) - 10
        return (f"{counted(sum(self.unknown_ratings.values()), 'rating')} not known to claimdesk, kept as written "
                f"in the note and marked unverified (map them with --map or --rating-map): {listed}"
                + (f" and {more} more" if more > 0 else ""))


def check_digest(check: EarlierCheck) -> str:
    return content_hash(f"earlier fact-check\n{check.source or ''}\n{check.url or ''}\n{check.claim}")


def add_earlier_check(store, check: EarlierCheck, origin: str) -> int | None:
    """Store one earlier fact-check; returns its claim id, or None when it is already stored."""
    digest = check_digest(check)
    if store.find_article_by_hash(digest) is not None:
        return None
    status = check.status if check.status in DECIDED else "unverified"
    article_id = store.insert_article(check.claim, check.claim, digest, check.source, check.url, check.date,
                                      origin=origin)
    claim = NewClaim(check.claim, 0, len(check.claim), 1.0, "other", check.speaker)
    claim_id = store.insert_claims(article_id, [claim], origin=IMPORTED)[0]
    store.decide(claim_id, status, check.source, note=check.rating or None, evidence=None, action="import")
    return claim_id


def add_earlier_checks(store, checks: Iterable[EarlierCheck], origin: str, batch: int = 500) -> EarlierCheckReport:
    """Store every fact-check, ``batch`` to a transaction."""
    report, chunk = EarlierCheckReport(), []
    for check in checks:
        chunk.append(check)
        if len(chunk) >= batch:
            _add_chunk(store, chunk, origin, report)
            chunk = []
    _add_chunk(store, chunk, origin, report)
    return report


def _add_chunk(store, chunk: list[EarlierCheck], origin: str, report: EarlierCheckReport) -> None:
    if not chunk:
        return
    with store.transaction():
        for check in chunk:
            if not getattr(check, "known", True):
                report.unknown_ratings[check.rating] += 1
            claim_id = add_earlier_check(store, check, origin)
            if claim_id is None:
                report.duplicates += 1
            else:
                report.added += 1
                report.claim_ids.append(claim_id)


def article_claim_texts(store, batch: int = 10_000) -> Iterator[tuple[int, int, str]]:
    """(id, article_id, text) of every claim found in an article (not an imported fact-check), streamed."""
    return store.claim_texts(batch, origin_not=IMPORTED)
