"""claimdesk's store: one SQLite file, no Textual and no spaCy here."""

from store.errors import NotFoundError, StoreError
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
from store.store import Store, content_hash, utc_now

__all__ = [
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
    "content_hash",
    "utc_now",
]
