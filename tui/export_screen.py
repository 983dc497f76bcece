"""ExportScreen: write the verdicts to a CSV file, in a worker, and say how many rows it wrote."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from store import STATUSES, Store
from store.export import write_csv


def default_export_path() -> Path:
    return Path.cwd() / f"claimdesk-verdicts-{date.today().isoformat()}.csv"


def export_csv(db_path: Path, output: Path, status: str | None) -> int:
    """Write the CSV through a partial file, so a failed export never leaves half a file behind."""
    partial = output.with_name(output.name + ".partial")
    with Store(db_path) as store, partial.open("w", encoding="utf-8", newline="") as out:
        count = write_csv(store, out, status=status)
    partial.replace(output)
    return count


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 76; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    ExportScreen Input, ExportScreen Select { margin-bottom: 1; }
    ExportScreen Horizontal { height: auto; align-horizontal: right; }
    """

    class Done(Message):
        def __init__(self, output: Path, count: int | None, error: str | None = None):
            super().__init__()
            self.output, self.count, self.error = output, count, error

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export verdicts as CSV to")
            yield Input(str(default_export_path()), id="export-path")
            yield Select([(s, s) for s in STATUSES], prompt="every status", id="export-status")
            with Horizontal():
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self.start_export()
        else:
            self.dismiss()

    def on_input_submitted(self) -> None:
        self.start_export()

    def start_export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Give a file name to export to.", severity="warning")
            return
        status = self.query_one("#export-status", Select).value
        self.run_export(Path(raw).expanduser(), status if isinstance(status, str) else None)

    @work(thread=True, exclusive=True)
    def run_export(self, output: Path, status: str | None) -> None:
        try:
            count = export_csv(self.app.db_path, output, status)
        except Exception as error:  # noqa: BLE001 - any failure is reported, the app stays up
            self.post_message(self.Done(output, None, f"{type(error).__name__}: {error}"))
            return
        self.post_message(self.Done(output, count))

    def on_export_screen_done(self, message: Done) -> None:
        if message.error:
            self.notify(f"Export failed: {message.error}", severity="error", markup=False)
            return
        self.notify(f"Exported {message.count} claims to {message.output}", markup=False)
        self.dismiss()
