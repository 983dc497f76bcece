"""ExportScreen: choose a format, a file and filters; write the export (the desk's own claims) in a worker; say how
many rows it wrote, and how many imported earlier fact-checks it left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from store import STATUSES, Store, StoreError
from store.exchange.claimreview import LeftOut
from store.exchange.export import ExportFilter, ExportOptions, check_when
from store.exchange.formats import export_to_path
from store.paths import default_export_dir
from store.wording import counted
from tui.screens.article import ArticleScreen
from tui.settings import Settings, settings_or_defaults

# choice -> (label, format, excel, file suffix)
CHOICES = {
    "csv": ("CSV for any spreadsheet", "csv", False, ".csv"),
    "excel": ("CSV for Excel (UTF-8 with BOM)", "csv", True, ".csv"),
    "jsonl": ("JSON Lines: every field and the history", "jsonl", False, ".jsonl"),
    "claimreview": ("ClaimReview JSON-LD: decided claims", "claimreview", False, ".claimreview.jsonl"),
}


def default_export_path(choice: str = "csv") -> Path:
    return default_export_dir() / f"claimdesk-verdicts-{date.today().isoformat()}{CHOICES[choice][3]}"


def export_file(db_path: Path, output: Path, filters: ExportFilter, options: ExportOptions,
                left_out: LeftOut | None = None) -> int:
    """Write the export through a partial file (its own connection: this runs in a worker thread)."""
    with Store(db_path) as store:
        return export_to_path(store, output, filters, options, left_out)


def export_csv(db_path: Path, output: Path, status: str | None) -> int:
    return export_file(db_path, output, ExportFilter(status=status), ExportOptions())


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 84; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    ExportScreen .row { height: auto; margin-bottom: 1; }
    ExportScreen .row Label { width: 14; color: $text-muted; }
    ExportScreen .row Label.second { width: 10; margin-left: 2; }
    ExportScreen .row Input, ExportScreen .row Select { width: 1fr; }
    ExportScreen #export-title { text-style: bold; margin-bottom: 1; }
    ExportScreen #export-buttons { height: auto; align-horizontal: right; }
    ExportScreen Input:focus, ExportScreen Select:focus > SelectCurrent, ExportScreen Checkbox:focus {
        background: $primary 35%;
    }
    ExportScreen .row.-focused Label { color: $accent; text-style: bold; }
    """

    class Done(Message):
        def __init__(self, output: Path, count: int | None, error: str | None = None, noun: str = "claim",
                     left_out: str = ""):
            super().__init__()
            self.output, self.count, self.error, self.noun = output, count, error, noun
            self.left_out = left_out  # what was left out: imported earlier checks; ClaimReview: verdicts awaiting

    def __init__(self, article_id: int | None = None):
        super().__init__()
        self.article_id = article_id

    def compose(self) -> ComposeResult:
        settings = self._settings()
        with Vertical():
            yield Label("Export verdicts", id="export-title")
            yield from self._row("Format", Select([(v[0], k) for k, v in CHOICES.items()], value="csv",
                                                  allow_blank=False, compact=True, id="export-format"))
            yield from self._row("File", Input(str(default_export_path()), compact=True, id="export-path"))
            yield from self._row("Status", Select([(s, s) for s in STATUSES], prompt="every status", compact=True,
                                                  id="export-status"))
            yield from self._row("Source", Input(placeholder="any", compact=True, id="export-source"),
                                 "Reviewer", Input(placeholder="anyone", compact=True, id="export-reviewer"))
            yield from self._row("Decided from", Input(placeholder="YYYY-MM-DD", compact=True, id="export-since"),
                                 "until", Input(placeholder="YYYY-MM-DD", compact=True, id="export-until"))
            yield from self._row("Organisation", Input(settings.organisation or "", placeholder="ClaimReview author",
                                                       compact=True, id="export-organisation"))
            if self._article_below() is not None:
                yield Checkbox(f"Only article #{self._article_below()}", compact=True, id="export-article")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def _row(self, label: str, widget, second: str | None = None, other=None) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label(label)
            yield widget
            if second is not None:
                yield Label(second, classes="second")
                yield other

    def _settings(self) -> Settings:
        return settings_or_defaults()[0]  # the app warned at start if the file is broken

    def _article_below(self) -> int | None:
        if self.article_id is None:
            below = [s for s in self.app.screen_stack if s is not self]
            self.article_id = below[-1].article_id if below and isinstance(below[-1], ArticleScreen) else None
        return self.article_id

    def on_mount(self) -> None:
        self._show_organisation("csv")
        self.query_one("#export-path", Input).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The label of the row holding the focus lights up, so the reviewer sees where typing goes."""
        for row in self.query(".row"):
            row.set_class(row in event.widget.ancestors, "-focused")

    @on(Select.Changed, "#export-format")
    def format_changed(self, event: Select.Changed) -> None:
        choice = str(event.value)
        path_input = self.query_one("#export-path", Input)
        if Path(path_input.value).name in {default_export_path(c).name for c in CHOICES}:
            path_input.value = str(default_export_path(choice))
        self._show_organisation(choice)

    def _show_organisation(self, choice: str) -> None:
        self.query_one("#export-organisation", Input).parent.display = choice == "claimreview"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self.start_export()
        elif event.button.id == "export-cancel":
            self.dismiss()

    def on_input_submitted(self) -> None:
        self.start_export()

    def _value(self, widget_id: str) -> str | None:
        widget = self.query_one(widget_id)
        value = widget.value.strip() if isinstance(widget, Input) else widget.value
        return value if isinstance(value, str) and value else None

    def chosen_filter(self) -> ExportFilter:
        only = self.query("#export-article")
        articles = (self.article_id,) if only and only.first(Checkbox).value else ()
        return ExportFilter(self._value("#export-status"), articles, self._value("#export-source"),
                            self._value("#export-reviewer"), check_when(self._value("#export-since")),
                            check_when(self._value("#export-until")))

    def start_export(self) -> None:
        raw = self._value("#export-path")
        if not raw:
            self.notify("Give a file name to export to.", severity="warning")
            return
        choice = str(self.query_one("#export-format", Select).value)
        _, fmt, excel, _ = CHOICES[choice]
        try:
            filters = self.chosen_filter()
        except StoreError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        options = ExportOptions(fmt, excel=excel, organisation=self._value("#export-organisation"),
                                review_url=self._settings().review_url)
        self.run_export(Path(raw).expanduser(), filters, options)

    @work(thread=True, exclusive=True)
    def run_export(self, output: Path, filters: ExportFilter, options: ExportOptions) -> None:
        noun = "review" if options.fmt == "claimreview" else "claim"
        left_out = LeftOut()
        try:
            count = export_file(self.app.db_path, output, filters, options, left_out)
        except Exception as error:  # noqa: BLE001 - any failure is reported, the app stays up
            message = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
            self.post_message(self.Done(output, None, message))
            return
        self.post_message(self.Done(output, count, noun=noun, left_out="\n".join(left_out.sentences(brief=True))))

    def on_export_screen_done(self, message: Done) -> None:
        if message.error:
            self.notify(f"Export failed: {message.error}", severity="error", markup=False)
            return
        left_out = f"\n{message.left_out}" if message.left_out else ""
        self.notify(f"Exported {counted(message.count, message.noun)} to {message.output}{left_out}", markup=False)
        self.dismiss()
