"""Errors the store raises; each message is one sentence a user can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """A problem with the database or with what was asked of it."""


class NotFoundError(StoreError):
    """An id that names nothing."""


class DatabaseBusyError(StoreError):
    """Another program held the database for longer than claimdesk waits; nothing was changed."""


class DamagedDatabaseError(StoreError):
    """The file is a SQLite database whose pages cannot be read back."""


def explain(error: sqlite3.Error, path: str | Path) -> StoreError:
    """A StoreError with a one-line message for a SQLite error met while using the database at ``path``."""
    text = str(error)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusyError(
            f"{path} is locked by another program (it kept it busy for too long); nothing was changed, "
            "try again when it has finished."
        )
    if "not a database" in lowered or "encrypted" in lowered:
        return StoreError(f"{path} is not a SQLite database; it was left untouched.")
    if "malformed" in lowered or "corrupt" in lowered:
        return DamagedDatabaseError(
            f"{path} is damaged ({text}); it was left as it is: restore a backup "
            f"({Path(path).name}.bak-* next to it, if any) or try `sqlite3 {path} .recover`."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"{path} cannot be written (read-only); nothing was changed.")
    return StoreError(f"cannot use {path}: {text}.")


# Everything a call into the store may raise: a StoreError, or a SQLite error met mid-query (a damaged page, a
# disk I/O error). Code outside the store catches these by this name and never imports sqlite3 itself.
DATABASE_ERRORS: tuple[type[Exception], ...] = (StoreError, sqlite3.Error)


class ChangedSinceError(StoreError):
    """A claim's verdict is no longer what the writer saw (another reviewer decided it meanwhile); nothing was
    changed. ``claim`` is the claim as it is now (its status, reviewer, note), to show before asking again."""

    def __init__(self, message: str, claim: object):
        super().__init__(message)
        self.claim = claim


class SignoffError(StoreError):
    """A second review that cannot be given: the claim awaits none, or the second reviewer is the first."""
