"""What a screen showing the database promises the app: to reload itself, and to recover from a refused write.

The app calls these, never a screen's own method found by name: after undo and redo (tui.desk_actions), after
another program wrote to the database (tui.store_watch), and after the store refused a write (tui.write_guard).
Every main screen (article list, article, claim list, search, statistics) implements ``StoreView``; a dialog
that shows nothing of the database (help, forms) does not, and the screen below it catches up when it resumes.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from store import StoreError


@runtime_checkable
class RecoversFromFailedWrite(Protocol):
    """Anything whose write actions are guarded by ``@records``: told when the store refused one."""

    def after_failed_write(self, error: StoreError) -> None:
        """The store refused a write: show what the database holds (the refusal is already on screen)."""


@runtime_checkable
class StoreView(RecoversFromFailedWrite, Protocol):
    """A screen that shows rows of the database."""

    def reload_from_store(self) -> None:
        """Read again what the screen shows, keeping the cursor or the selected claim where it can."""

    def is_editing(self) -> bool:
        """True while the reviewer is in the middle of an edit that a reload would disturb (a claim's span being
        moved): another program's changes are shown once it is over."""


class ReloadAfterFailedWrite:
    """Mixin for a StoreView whose answer to a refused write is simply to reload, and that has no edit a reload
    could disturb."""

    def after_failed_write(self, error: StoreError) -> None:
        self.reload_from_store()

    def is_editing(self) -> bool:
        return False
