"""The load command: read articles (files, folders, web pages, feeds, stdin), extract their claims, store them
with their matches. A progress bar on a terminal, plain lines when piped, a summary at the end."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.text import Text

from claims.desk.load import LoadResult
from claims.desk.load_session import LoadSession
from claims.desk.progress import LoadTally
from claims.extract.nlp import ModelMissingError
from claims.extract.workers import WORKER_FROM, WORKERS_AT_MOST
from claims.read.feeds import FeedFields
from claims.read.inputs import FORMATS, STDIN, ReadOptions
from claims.read.metadata import GivenMetadata, article_title, article_url, published_date
from store import StoreError
from tui.cli.context import Context, pass_context
from tui.cli.output import counted


@click.command()
@click.option("--source", help="The outlet the articles come from (default: the page's site name, the feed's "
              "source field, or the agency in the dateline).")
@click.option("--glob", "glob", metavar="PATTERN", help="In folders, only files matching PATTERN (e.g. '*.html').")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="How to read the inputs (auto: by file suffix; stdin by its first characters).")
@click.option("--text-field", metavar="NAME", help="Feed field holding the article text (default: text, body, "
              "content).")
@click.option("--title-field", metavar="NAME", help="Feed field holding the title (default: title, headline).")
@click.option("--url-field", metavar="NAME", help="Feed field holding the URL (default: url, link).")
@click.option("--date-field", metavar="NAME", help="Feed field holding the date (default: published, date).")
@click.option("--author-field", metavar="NAME", help="Feed field holding the author (default: author, byline).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds to wait for a web page.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help=f"Extra processes for claim extraction, a batch ahead of storing and matching (default: one per "
              f"usable core, at most {WORKERS_AT_MOST}, for {WORKER_FROM} inputs or more when two cores or more "
              f"are usable, else 0).")
@click.option("--url", callback=lambda _c, _p, v: _checked(article_url, v),
              help="The article's web address (one file or stdin only).")
@click.option("--date", "published", metavar="YYYY-MM-DD", callback=lambda _c, _p, v: _checked(published_date, v),
              help="The article's publication date (one file or stdin only).")
@click.option("--title", callback=lambda _c, _p, v: _checked(article_title, v),
              help="The article's title, instead of its first line (one file or stdin only).")
@click.argument("paths", nargs=-1, required=True)
@pass_context
def load(context: Context, source: str | None, glob: str | None, fmt: str, text_field: str | None,
         title_field: str | None, url_field: str | None, date_field: str | None, author_field: str | None,
         timeout: float, workers: int | None, url: str | None, published: str | None, title: str | None,
         paths: tuple[str, ...]) -> None:
    """Load articles: .txt/.md/.html files, folders, http(s) URLs, .json/.jsonl/.csv feeds, or - for stdin.

    Extracts their claims and matches them against the archive; each article is stored whole or not at all.
    See the README ("The command line") for how each kind of input is read and which feed fields are used.
    """
    fields = FeedFields().with_names(text=text_field, title=title_field, url=url_field, date=date_field,
                                     author=author_field)
    given = GivenMetadata(url, published, title)
    if given and (len(paths) != 1 or (paths[0] != STDIN and Path(paths[0]).is_dir())):
        raise click.UsageError("--url, --date and --title describe one article: give one file, URL or - (stdin).")
    options = ReadOptions(source=source, glob=glob, fields=fields, fmt=fmt, timeout=timeout, given=given)
    store = context.open_store(create=True)
    try:
        tally = _run(LoadSession(store, paths, options, stdin=sys.stdin, workers=workers))
    finally:
        store.close()
    _finish(tally)


def _run(session: LoadSession) -> LoadTally:
    """The session's load, shown as it goes; Ctrl-C or SIGTERM rolls back only the article being written."""
    tally = session.tally
    display = _Display(tally, show_bar=len(session.inputs) > 1)
    try:
        with display, _sigterm_interrupts():
            session.run(lambda result, _tally: display.show(result))
    except (ModelMissingError, StoreError) as error:
        raise click.ClickException(str(error)) from error
    except KeyboardInterrupt as interrupt:
        click.echo(f"interrupted: {tally.summary()} Every stored article is complete.", err=True)
        sys.exit(143 if isinstance(interrupt, Terminated) else 130)
    return tally


def _checked(check: Callable[[str], str], value: str | None) -> str | None:
    """An option's value passed through ``check``; its one-sentence ValueError becomes click's usage error."""
    if value is None:
        return None
    try:
        return check(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


class Terminated(KeyboardInterrupt):
    """SIGTERM during a load: handled like Ctrl-C (the article being written rolls back), exit code 143."""


class _sigterm_interrupts:
    """While loading (in the main thread), SIGTERM raises :class:`Terminated` instead of ending the process."""

    def __enter__(self) -> None:
        self._installed = threading.current_thread() is threading.main_thread()
        if self._installed:
            self._previous = signal.signal(signal.SIGTERM, _terminated)

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGTERM, self._previous if self._previous is not None else signal.SIG_DFL)


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def _finish(tally: LoadTally) -> None:
    if tally.done > 20:  # the failures scrolled away: list them again under the summary
        for failure in tally.failures:
            click.echo(f"failed   {failure.reason}", err=True)
    click.echo(tally.summary(), err=True)
    if tally.failures:
        sys.exit(1)


class _Display:
    """One line per article on stdout; progress on stderr: a bar on a terminal, a plain line every 10% if not."""

    def __init__(self, tally: LoadTally, show_bar: bool):
        self.tally = tally
        self.enabled = show_bar
        self.live = show_bar and sys.stderr.isatty()
        self._progress = None
        self._task = None
        self._next_line = 0

    def __enter__(self) -> _Display:
        if self.live:
            self._start_bar()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def show(self, result: LoadResult) -> None:
        if self._progress is not None and sys.stdout.isatty():  # same terminal: print above the bar
            self._progress.console.print(Text(_line(result)), soft_wrap=True)
        else:
            click.echo(_line(result), err=result.status == "failed")
        if result.warning and self._progress is not None:
            self._progress.console.print(Text(f"warning  {result.warning}"), soft_wrap=True)
        elif result.warning:
            click.echo(f"warning  {result.warning}", err=True)
        if self._progress is not None:
            self._progress.update(self._task, completed=self.tally.done, total=self.tally.total,
                                  status=self.tally.status_line())
        elif self.enabled and self.tally.total >= 10 and self.tally.done >= self._next_line:
            click.echo(f"progress {self.tally.status_line()}", err=True)
            self._next_line = self.tally.done + max(1, self.tally.total // 10)

    def _start_bar(self) -> None:
        self._progress = Progress(TextColumn("loading"), BarColumn(), TextColumn("{task.fields[status]}"),
                                  console=Console(stderr=True), transient=True)
        self._task = self._progress.add_task("load", total=self.tally.total, status="starting…")
        self._progress.start()


def _line(result: LoadResult) -> str:
    if result.status == "loaded":
        return (f"loaded   #{result.article_id} {result.title!s:.60}  ({counted(result.claims, 'claim')}, "
                f"{result.matched:,} matched)")
    if result.status == "duplicate":
        where = f" as #{result.article_id}" if result.article_id else " earlier in this load"
        return f"skipped  {result.origin}: {result.reason}{where}"
    return f"failed   {result.reason}"
