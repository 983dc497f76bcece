"""LoadScreen: load articles (files, folders, URLs, feeds) from inside the app, in a worker, with progress.

The load runs in a thread worker owned by the app, so closing the dialog does not stop it: the review screens
stay usable, the dialog can be reopened to watch it, and the article list refreshes when it is done.
"""

from __future__ import annotations

import shlex
import threading
from weakref import WeakKeyDictionary

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Static

from claims.desk.load import LoadResult
from claims.desk.load_session import LoadSession
from claims.desk.progress import LoadTally
from claims.read.inputs import ReadOptions
from store import Store, utc_now
from store.wording import counted
from tui.screens.article_list import ArticleListScreen

LOG_LINES = 8


class LoadJob:
    """One load: what was asked, and how far it got (written by the worker thread, read by the dialog)."""

    def __init__(self, items: list[str], source: str | None):
        self.items = items
        self.source = source
        self.lock = threading.Lock()
        self.done = 0
        self.total = 0
        self.status = "starting…"
        self.summary = ""
        self.lines: list[str] = []
        self.failures: list[str] = []
        self.finished = False
        self.error: str | None = None
        self.stopping = threading.Event()  # set when the app quits: stop after the article being stored

    def record(self, tally: LoadTally, line: str, failure: str | None) -> None:
        with self.lock:
            self.done, self.total, self.status = tally.done, tally.total, tally.status_line()
            self.summary = tally.summary()
            self.lines = [*self.lines[-(LOG_LINES - 1):], line]
            if failure:
                self.failures.append(failure)


_jobs: WeakKeyDictionary[App, LoadJob] = WeakKeyDictionary()


def stop_loads(app: App) -> None:
    """The app is quitting: a running load stops after the article it is storing (each is stored whole), so
    quitting does not wait for the rest of the load."""
    if (job := _jobs.get(app)) is not None:
        job.stopping.set()


def open_load_dialog(app: App) -> None:
    """The action behind the key and the command: the dialog, showing the running load if there is one."""
    app.push_screen(LoadScreen(_jobs.get(app)))


def run_load(app: App, job: LoadJob) -> None:
    """The worker: read, extract, store and match with its own Store; report through ``job``."""
    try:
        _load(app, job)
    except Exception as error:  # noqa: BLE001 - any failure is reported, the app stays up
        job.error = str(error) or type(error).__name__
    finally:
        job.finished = True
        app.call_from_thread(_finished, app, job)


def _load(app: App, job: LoadJob) -> None:
    with Store(app.db_path, clock=getattr(app, "clock", None) or utc_now) as store:
        # as `claimdesk load`: extraction processes for big loads (the default worker count)
        session = LoadSession(store, job.items, ReadOptions(source=job.source))
        session.run(lambda result, tally: job.record(tally, _line(result), _failure(result)), job.stopping.is_set)
    if not session.inputs:
        job.error = "nothing to load there."


def _failure(result: LoadResult) -> str | None:
    return result.reason if result.status == "failed" else None


def _line(result: LoadResult) -> str:
    if result.status == "loaded":
        warning = f"; {result.warning}" if result.warning else ""  # a feed's date that is no date, left out
        return (f"loaded #{result.article_id} {result.title!s:.50} ({counted(result.claims, 'claim')}, "
                f"{result.matched} matched){warning}")
    if result.status == "duplicate":
        return f"already loaded: {result.origin}"
    return f"failed: {result.reason}"


def _finished(app: App, job: LoadJob) -> None:
    for screen in app.screen_stack:
        if isinstance(screen, ArticleListScreen):
            screen.reload_from_store()
    if job.error:
        app.notify(f"Load stopped: {job.error}", severity="error", markup=False, timeout=10)
    else:
        severity = "warning" if job.failures else "information"
        app.notify(f"Load finished: {job.summary}", severity=severity, markup=False, timeout=8)


class LoadScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close (the load goes on)")]
    DEFAULT_CSS = """
    LoadScreen { align: center middle; }
    LoadScreen > Vertical {
        width: 90; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    LoadScreen #load-title { text-style: bold; margin-bottom: 1; }
    LoadScreen .row { height: auto; margin-bottom: 1; }
    LoadScreen .row Label { width: 10; color: $text-muted; }
    LoadScreen .row Input { width: 1fr; }
    LoadScreen #load-progress { margin-bottom: 1; }
    LoadScreen #load-status { color: $text-muted; }
    LoadScreen #load-log { height: auto; max-height: 10; color: $text-muted; margin-bottom: 1; }
    LoadScreen #load-buttons { height: auto; align-horizontal: right; }
    """

    def __init__(self, job: LoadJob | None = None):
        super().__init__()
        self.job = job

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Load articles", id="load-title")
            with Horizontal(classes="row"):
                yield Label("From")
                yield Input(placeholder="file, folder or http(s):// URL — several separated by spaces",
                            compact=True, id="load-paths")
            with Horizontal(classes="row"):
                yield Label("Outlet")
                yield Input(placeholder="optional: the source of every article", compact=True, id="load-source")
            yield ProgressBar(total=None, show_eta=False, id="load-progress")
            yield Static("", id="load-status", markup=False)
            yield Static("", id="load-log", markup=False)
            with Horizontal(id="load-buttons"):
                yield Button("Load", variant="primary", id="load-go")
                yield Button("Close", id="load-close")

    def on_mount(self) -> None:
        self.query_one("#load-paths", Input).focus()
        self.set_interval(0.25, self.show_job)
        self.show_job()

    @property
    def running(self) -> bool:
        return self.job is not None and not self.job.finished

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "load-go":
            self.start_load()
        elif event.button.id == "load-close":
            self.dismiss()

    def on_input_submitted(self) -> None:
        self.start_load()

    def start_load(self) -> None:
        if self.running:
            self.notify("A load is still running; wait for it to finish.", severity="warning")
            return
        try:
            items = shlex.split(self.query_one("#load-paths", Input).value)
        except ValueError as error:
            self.notify(f"Cannot read the paths: {error}.", severity="warning", markup=False)
            return
        if not items:
            self.notify("Give a file, a folder or a URL to load.", severity="warning")
            return
        source = self.query_one("#load-source", Input).value.strip() or None
        self.job = _jobs[self.app] = LoadJob(items, source)
        self.app.run_worker(lambda: run_load(self.app, self.job), thread=True, exclusive=True, group="load",
                            name="load articles", exit_on_error=False)
        self.show_job()

    def show_job(self) -> None:
        job = self.job
        if job is None:
            self.query_one("#load-status", Static).update("Text, Markdown and HTML files, folders, web pages, "
                                                          "JSON/CSV feeds.")
            return
        with job.lock:
            done, total, status, lines = job.done, job.total, job.status, list(job.lines)
            summary, error = job.summary, job.error
        bar = self.query_one("#load-progress", ProgressBar)
        bar.update(total=max(total, 1) if job.finished or total else None, progress=done if total else 0)
        if job.finished:
            bar.update(total=max(total, 1), progress=max(total, 1))
            status = f"Stopped: {error}" if error else f"Done: {summary}"
        self.query_one("#load-status", Static).update(status)
        self.query_one("#load-log", Static).update("\n".join(lines))
        self.query_one("#load-go", Button).disabled = not job.finished
        self.query_one("#load-close", Button).label = "Close" if job.finished else "Hide"
