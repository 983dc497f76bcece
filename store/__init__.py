"""claimdesk's store: the archive (articles, claims, reviewers' decisions and their history, links).

What the rest of the program may ask of it is store.interface.Archive, implemented by `Store` on either backend:
a SQLite file via sqlite-utils (store/sqlite/: opening, schema and migrations, upgrade, backup) or a PostgreSQL
database via psycopg 3 (store/postgres/). The queries (queries, claims, articles, review, team, stats, earlier,
conflicts, boilerplate) serve both. Public modules for claims/ and tui/: this package, interface, models, errors,
paths, location, text_match, wording, clean_text, sqlite.backup and exchange/ (CSV, JSON Lines, ClaimReview in
and out, merging); the rest is the store's inside.
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
