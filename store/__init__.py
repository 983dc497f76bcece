"""claimdesk's store: the archive (articles, claims, reviewers' decisions and their history, links).

What the rest of the program may ask of it is store.interface.Archive; the SQLite implementation is `Store`
(one file, via sqlite-utils). Public modules for claims/ and tui/: this package, interface, models, errors, paths,
text_match, wording, clean_text, backup and exchange/ (CSV, JSON Lines, ClaimReview in and out, merging). The
rest (connection, schema, upgrade, queries, claims, articles, review, stats, files) is the SQLite backend's inside.
May import neither claims nor tui, nor Textual, spaCy or rapidfuzz (import-linter contracts in pyproject.toml).
"""

from store.errors import NotFoundError, StoreError
from store.interface import Archive
from store.models import (
    DECIDED,
    STATUSES,
    Article,
    ArticleSummary,
    Claim,
    HistoryEntry,
    LinkedClaim,
    NewClaim,
)
from store.store import Store, archive_display, archive_location, archive_name, content_hash, utc_now

__all__ = [
    "Archive",
    "DECIDED",
    "STATUSES",
    "Article",
    "ArticleSummary",
    "Claim",
    "HistoryEntry",
    "LinkedClaim",
    "NewClaim",
    "NotFoundError",
    "Store",
    "StoreError",
    "archive_display",
    "archive_location",
    "archive_name",
    "content_hash",
    "utc_now",
]
