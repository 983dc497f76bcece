"""One guard for every write the desk makes: a database error becomes "Not recorded: …", never a crash.

Each write action of the app and its screens (verdicts, notes, flags, applied matches, deletions, span edits,
undo and redo) is decorated with ``@records``. When the store refuses (busy past its timeout, a claim another
reviewer deleted, a selection with no text, a damaged page), the reviewer sees one error notification saying
why, the app keeps running, and the screen is brought back in line with the database through its
``after_failed_write(error)`` (see tui.screen_protocol).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from store import StoreError, archive_display
from store.errors import DATABASE_ERRORS, explain
from tui.screen_protocol import RecoversFromFailedWrite

Action = TypeVar("Action", bound=Callable)
WRITE_ERRORS = DATABASE_ERRORS


def as_store_error(error: Exception, path: object) -> StoreError:
    """A one-sentence StoreError for whatever the store raised (a raw SQLite error is explained)."""
    return error if isinstance(error, StoreError) else explain(error, path)


def not_recorded(node, error: StoreError) -> None:
    """Tell the reviewer that nothing was stored, and why."""
    node.notify(f"Not recorded: {error}", severity="error", markup=False, timeout=10)


def records(action: Action) -> Action:
    """Decorator for a write action of the app or a screen: store errors are shown, not raised."""

    @functools.wraps(action)
    def guarded(self, *args, **kwargs):
        try:
            return action(self, *args, **kwargs)
        except WRITE_ERRORS as raw:
            error = as_store_error(raw, archive_display(getattr(self.app, "db_path", "the database")))
            not_recorded(self, error)
            if isinstance(self, RecoversFromFailedWrite):
                try:
                    self.after_failed_write(error)
                except WRITE_ERRORS:  # the error is already on screen; the screen stays as it was
                    pass
            return None

    return guarded  # type: ignore[return-value]
