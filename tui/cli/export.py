"""The export, backup and upgrade commands: verdicts out as CSV, JSON Lines or ClaimReview; a consistent copy of
the database; an earlier claimdesk's database brought up to date (after a backup)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from store import STATUSES, StoreError
from store.exchange.claimreview import LeftOut
from store.exchange.export import ExportFilter, ExportOptions, check_when
from store.exchange.formats import EXPORT_FORMATS, export_to_path, write_export
from store.sqlite.backup import backup as backup_database
from store.sqlite.backup import upgrade_database
from tui.cli.context import Context, pass_context
from tui.cli.output import counted, write_out
from tui.settings import load_settings


def filter_options(command):
    """--status, --article, --source, --reviewer, --since, --until."""
    options = [
        click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status."),
        click.option("--article", "articles", type=int, multiple=True, help="Only this article id (repeatable)."),
        click.option("--source", help="Only articles from this source (any case)."),
        click.option("--reviewer", help="Only claims last decided by this reviewer (any case)."),
        click.option("--since", help="Only claims decided on or after this date (YYYY-MM-DD or ISO time)."),
        click.option("--until", help="Only claims decided on or before this date (a date includes the whole day)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True,
              help="csv: one row per claim; jsonl: every field and the history; claimreview: schema.org JSON-LD.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default, or -: stdout).")
@filter_options
@click.option("--all", "all_claims", is_flag=True, help="Also the claims not highlighted by default (the dimmer ones "
              "in the app); without it: the highlighted claims and every claim already decided.")
@click.option("--raw", is_flag=True, help="Do not neutralise cells a spreadsheet would run as formulas.")
@click.option("--excel", is_flag=True, help="Start the CSV with the byte-order mark Excel needs to read UTF-8.")
@click.option("--with-articles", is_flag=True, help="Carry each article's text (csv, jsonl), so `claimdesk import` "
              "can rebuild the desk's articles and verdicts from this one file.")
@click.option("--organisation", help="ClaimReview author (default: organisation in the config file).")
@click.option("--review-url", help="ClaimReview url template, e.g. https://example.org/checks/{claim_id} "
              "(default: review_url in the config file, else the article URL with #claimdesk-claim-<id>).")
@pass_context
def export(context: Context, fmt: str, output: Path | None, all_claims: bool, raw: bool, excel: bool,
           with_articles: bool, organisation: str | None, review_url: str | None, **filters) -> None:
    """Export one record per claim (verdicts, notes, reviewers, score, rank) as CSV, JSON Lines or ClaimReview:
    the desk's own claims, never the imported earlier fact-checks (other desks' verdicts; claimdesk copy moves them)."""
    options = _options(fmt, raw, excel, organisation, review_url, with_articles)
    output = None if output == Path("-") else output
    try:
        selection = make_export_filter(**filters)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    if not (all_claims or with_articles):  # a rebuild from one file (--with-articles) needs every claim
        selection = replace(selection, highlighted_only=True)
    left_out = LeftOut()  # imported earlier checks (never exported); ClaimReview: verdicts awaiting or reopened
    with context.open_store() as store:
        try:
            if output is None:
                count = write_out(lambda out: write_export(store, out, selection, options, left_out), sys.stdout)
            else:
                count = export_to_path(store, output, selection, options, left_out)
        except StoreError as error:
            raise click.ClickException(str(error)) from error
    noun = counted(count, "review") if fmt == "claimreview" else counted(count, "claim")
    click.echo(f"exported {noun}" + (f" to {output}" if output else ""), err=True)
    for sentence in left_out.sentences():
        click.echo(sentence, err=True)


def make_export_filter(status: str | None = None, articles: tuple[int, ...] = (), source: str | None = None,
                       reviewer: str | None = None, since: str | None = None,
                       until: str | None = None) -> ExportFilter:
    """The filter the options describe; StoreError (one sentence) for a date that does not exist."""
    return ExportFilter(status, tuple(articles), source, reviewer, check_when(since), check_when(until))


def _options(fmt: str, raw: bool, excel: bool, organisation: str | None, review_url: str | None,
             with_articles: bool = False) -> ExportOptions:
    if fmt == "claimreview" and not (organisation and review_url):
        try:
            settings = load_settings()
        except ValueError as error:
            raise click.ClickException(str(error)) from error
        organisation = organisation or settings.organisation
        review_url = review_url or settings.review_url
    if with_articles and fmt == "claimreview":
        raise click.ClickException("ClaimReview cannot carry the articles: use --with-articles with csv or jsonl.")
    return ExportOptions(fmt, raw, excel, organisation, review_url, with_articles)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@pass_context
def backup(context: Context, file: Path, force: bool) -> None:
    """Write a consistent copy of the database to FILE, even while the app is open and writing."""
    if not context.db_path.exists():
        raise click.ClickException(f"there is no database at {context.db_path}.")
    try:
        result = backup_database(context.db_path, file, overwrite=force)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"backed up {counted(result.articles, 'article')} and {counted(result.claims, 'claim')} to "
               f"{result.target} ({result.bytes / 1_000_000:.1f} MB)")


@click.command()
@pass_context
def upgrade(context: Context) -> None:
    """Bring a database an earlier claimdesk made up to this version's schema, after writing a backup next to it
    (a SQLite file; a PostgreSQL archive is upgraded in one transaction). Commands that only read refuse such a
    database; the app and commands that write upgrade it too."""
    if not context.exists():
        raise click.ClickException(f"there is no database at {context.label}.")
    try:
        applied, backup_file = upgrade_database(context.location.target)
    except StoreError as error:
        raise click.ClickException(context.shown(str(error))) from error
    if not applied:
        click.echo(f"{context.label} is up to date; nothing was changed.")
        return
    kept = f"; the database as it was is in {backup_file}" if backup_file else ""
    click.echo(f"upgraded {context.label} ({counted(len(applied), 'step')}: {', '.join(applied)}){kept}")
