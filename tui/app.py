"""ClaimdeskApp: opens the store and the article list; everything else lives on the screens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from store import Store, utc_now
from tui.article_list_screen import ArticleListScreen
from tui.article_screen import ArticleScreen
from tui.commands import ClaimdeskCommands
from tui.export_screen import ExportScreen
from tui.help_screen import HelpScreen


class ClaimdeskApp(App):
    CSS_PATH = "claimdesk.tcss"
    TITLE = "claimdesk"
    COMMANDS = App.COMMANDS | {ClaimdeskCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False)]

    def __init__(self, db_path: Path, reviewer: str, clock: Callable[[], str] = utc_now):
        super().__init__()
        self.db_path = Path(db_path)
        self.reviewer = reviewer
        self.clock = clock

    def on_mount(self) -> None:
        self.store = Store(self.db_path, clock=self.clock)
        self.sub_title = f"{self.db_path.name} · reviewer: {self.reviewer}"
        self.push_screen(ArticleListScreen())

    def on_unmount(self) -> None:
        self.store.close()

    def open_article(self, article_id: int, claim_id: int | None = None) -> None:
        self.push_screen(ArticleScreen(article_id, claim_id))

    def action_export(self) -> None:
        self.push_screen(ExportScreen())

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
