"""ClaimdeskApp: opens the store and the article list; everything else lives on the screens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from claims.desk.analyse import ClaimAnalyser
from claims.desk.decide import Desk
from claims.desk.rematch import MatchService
from store import Store, archive_location, archive_name, utc_now
from tui.desk_actions import DeskActions
from tui.keymap import binding_ids, check_keymap
from tui.palette import ClaimdeskCommands
from tui.screens.archive import ArchiveScreen
from tui.screens.article import ArticleScreen
from tui.screens.article_list import ArticleListScreen
from tui.screens.claim_list import ClaimListScreen
from tui.screens.earlier_check import EarlierCheckScreen
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.load import open_load_dialog, stop_loads
from tui.screens.search import SearchScreen
from tui.screens.stats import StatsScreen
from tui.settings import Settings, settings_or_defaults
from tui.store_watch import StoreWatch
from tui.terminal_safety import TerminalSafe

MAIN_SCREENS = (ArticleListScreen, ArticleScreen, ClaimListScreen, SearchScreen, StatsScreen, ArchiveScreen,
                EarlierCheckScreen)  # keys rebindable
UI_LOCK_WAIT_MS = 3_000  # a reviewer's write waits this long for another program's lock, then is refused


class ClaimdeskApp(DeskActions, StoreWatch, TerminalSafe, App):
    CSS_PATH = "app.tcss"
    TITLE = "claimdesk"
    COMMANDS = App.COMMANDS | {ClaimdeskCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False),
        Binding("ctrl+z", "undo", "Undo", id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="app.redo"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("g", "jump", "Go to claim #", show=False, id="app.jump"),
        Binding("N", "next_pending_anywhere", "Next pending", show=False, id="claim.next_pending"),
        Binding("F", "claims(True)", "Flagged claims", show=False, id="app.flagged"),
        Binding("s", "stats", "Statistics", show=False, id="app.stats"),
        Binding("l", "load", "Load articles", id="app.load"),
        Binding("E", "archive", "Earlier checks (archive)", show=False, id="app.archive"),
    ]

    def __init__(self, db_path: Path, reviewer: str, clock: Callable[[], str] = utc_now,
                 settings: Settings | None = None, auto_advance: bool | None = None):
        super().__init__()
        self.db_path = archive_location(db_path)
        self.reviewer = reviewer
        self.clock = clock
        self.settings_error = None
        if settings is None:
            settings, self.settings_error = settings_or_defaults()
        self.settings = settings
        self.auto_advance = settings.auto_advance if auto_advance is None else auto_advance
        self.matches = MatchService(self.db_path)
        self.analyser = ClaimAnalyser(self.db_path)

    def on_mount(self) -> None:
        self.store = Store(self.db_path, clock=self.clock)
        self.store.wait_at_most(UI_LOCK_WAIT_MS)
        self.desk = Desk(self.store, self.reviewer)
        self.start_store_polling()
        self.sub_title = f"{archive_name(self.db_path)} · reviewer: {self.reviewer}"
        self._apply_settings()
        self.push_screen(ArticleListScreen())

    def _apply_settings(self) -> None:
        if self.settings_error:
            self.notify(self.settings_error, severity="error", markup=False, timeout=10)
        if self.settings.theme:
            if self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
            else:
                self.notify(f"Unknown theme {self.settings.theme!r} in the config file.", severity="warning")
        known = binding_ids([self.BINDINGS, *(screen.BINDINGS for screen in MAIN_SCREENS)])
        keymap, unknown = check_keymap(self.settings.keys, known)
        self.set_keymap(keymap)
        if unknown:
            self.notify(f"The config file rebinds unknown keys: {', '.join(unknown)} (see ? for the ids).",
                        severity="warning", markup=False, timeout=8)

    def on_unmount(self) -> None:
        stop_loads(self)
        self.store.close()

    def open_article(self, article_id: int, claim_id: int | None = None) -> None:
        self.push_screen(ArticleScreen(article_id, claim_id))

    def action_export(self) -> None:
        self.push_screen(ExportScreen())

    def action_load(self) -> None:
        open_load_dialog(self)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
