"""Storing earlier fact-checks (from other organisations' ClaimReview or CSV files) as claims to match against.

Each earlier fact-check becomes an article of the reference archive (earlier_check = 1; title = the fact-check's
headline, else the claim; subtitle; url = the review URL, source = the fact-checker, published = its date,
origin "import:<file>") holding one claim (origin "imported", status from the rating, note = the rating as the
fact-checker wrote it, speaker, reviewer = the fact-checker) with a claim_history row (action "import"). So it
shows in the archive, in matches and in the match panel with its verdict and source, never in the review queue.
The same fact-check (fact-checker, review URL and claim text) imported twice is stored once: importing a file
again adds nothing, and after an interruption adds only what is missing. Checks are stored BATCH to a
transaction with a few bulk statements (store.earlier). ``on_added``, if given, is told after each transaction
which claim each check it added became: (check, claim id) pairs (claims.desk.copy carries vectors with them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from store.earlier import NewEarlierCheck
from store.models import DECIDED, IMPORTED
from store.store import content_hash
from store.wording import counted

BATCH = 5_000  # checks stored per transaction


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
    title: str | None
    subtitle: str | None


Added = Callable[[list[tuple[EarlierCheck, int]]], None]  # checks added and their claim ids


@dataclass
class EarlierCheckReport:
    added: int = 0
    duplicates: int = 0
    claim_ids: list[int] = field(default_factory=list)
    first_id: int | None = None  # the first claim id added (those added are this one and later: claims.desk.embed)
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


def _new(check: EarlierCheck, digest: str) -> NewEarlierCheck:
    return NewEarlierCheck(digest, check.claim, check.status if check.status in DECIDED else "unverified",
                           check.rating or None, check.url, check.speaker, check.date, check.source,
                           getattr(check, "title", None), getattr(check, "subtitle", None))


def add_earlier_checks(store, checks: Iterable[EarlierCheck], origin: str, batch: int = BATCH, keep_ids: bool = True,
                       on_added: Added | None = None) -> EarlierCheckReport:
    """Store every fact-check not stored yet, ``batch`` to a transaction (a few statements each); with
    ``keep_ids`` False the report keeps no list of claim ids (flat memory for archives of any size)."""
    report, chunk = EarlierCheckReport(), []
    store.use_cache_for_bulk_writes()
    for check in checks:
        if not getattr(check, "known", True):
            report.unknown_ratings[check.rating] += 1
        chunk.append(check)
        if len(chunk) >= batch:
            _add_chunk(store, chunk, origin, report, keep_ids, on_added)
            chunk = []
    _add_chunk(store, chunk, origin, report, keep_ids, on_added)
    return report


def _add_chunk(store, chunk: list[EarlierCheck], origin: str, report: EarlierCheckReport, keep_ids: bool,
               on_added: Added | None) -> None:
    if not chunk:
        return
    digests = [check_digest(check) for check in chunk]
    with store.transaction():
        seen = store.known_digests(digests)
        added, new = [], []
        for check, digest in zip(chunk, digests, strict=True):
            if digest in seen:
                report.duplicates += 1
            else:
                seen.add(digest)
                added.append(check)
                new.append(_new(check, digest))
        ids = store.insert_earlier_checks(new, origin)
    if on_added is not None and ids:
        on_added(list(zip(added, ids, strict=True)))
    report.added += len(ids)
    if ids and report.first_id is None:
        report.first_id = min(ids)
    if keep_ids:
        report.claim_ids.extend(ids)


def article_claim_texts(store, batch: int = 10_000) -> Iterator[tuple[int, int, str]]:
    """(id, article_id, text) of every claim found in an article (not an imported fact-check), streamed."""
    return store.claim_texts(batch, origin_not=IMPORTED)
