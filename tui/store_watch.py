"""StoreWatch: the app notices decisions made elsewhere (another app, `claimdesk mark`) and redraws what is shown.

SQLite's ``PRAGMA data_version`` changes on a connection whenever *another* connection commits, and costs
nothing to read, so the app polls it on its own store connection every REFRESH_SECONDS. When it changed, the
screen on view is reloaded through its ``reload_from_store()`` (tui.screen_protocol.StoreView, which every main
screen implements, keeping the selection). Screens below catch up when they resume.
"""

from __future__ import annotations

from textual.screen import Screen

from store.errors import DATABASE_ERRORS
from tui.screen_protocol import StoreView

REFRESH_SECONDS = 1.0


def refresh_screen(screen: object) -> bool:
    """Reload the screen from the store; False if it has nothing to reload."""
    if not isinstance(screen, StoreView):
        return False
    screen.reload_from_store()
    return True


def screen_is_steady(screen: Screen) -> bool:
    """True if the screen's widgets are all there: mounted, attached to the app, and not being taken down."""
    being_removed = screen._pruning or screen._closing  # Textual sets these while it removes a screen's widgets
    return screen.is_mounted and screen.is_attached and not being_removed


class StoreWatch:
    """Mixin for the App (which has ``store``): call ``start_store_polling()`` once the store is open."""

    _data_version: int | None = None

    def start_store_polling(self, interval: float = REFRESH_SECONDS) -> None:
        self._data_version = self._read_data_version()
        self.set_interval(interval, self.poll_store, name="store-poll")

    def _read_data_version(self) -> int | None:
        try:
            return self.store.data_version()
        except (*DATABASE_ERRORS, AttributeError):
            return None

    def poll_store(self) -> bool:
        """Redraw the screen on view if another program changed the database; True if it did."""
        version = self._read_data_version()
        if version is None or version == self._data_version:
            return False
        screen = self.screen
        if isinstance(screen, StoreView) and screen.is_editing():  # e.g. a span being moved: catch up afterwards
            return False
        if not screen_is_steady(screen):  # just pushed, or being taken down (a pop, the app quitting): not now
            return False
        self._data_version = version
        try:
            return refresh_screen(screen)
        except DATABASE_ERRORS as error:
            self.notify(f"Could not show the latest changes: {error}", severity="warning", markup=False)
            return False
