"""The ``claimdesk`` command line. With no command it opens the review app."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from store import StoreError
from store.errors import explain
from store.paths import default_db_path
from tui.cli import archive, export, importing, load, nlp, review
from tui.cli.context import Context
from tui.settings import settings_or_defaults


class ClaimdeskGroup(click.Group):
    """Turns a database problem met in the middle of a command (a damaged page, a lock held too long) into the
    usual one-line error instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except sqlite3.Error as error:
            raise click.ClickException(str(explain(error, ctx.obj.db_path if ctx.obj else "the database"))) from error
        except StoreError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=ClaimdeskGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Database file (default: $CLAIMDESK_DB, else claimdesk.db in your data directory).")
@click.option("--reviewer", help="Your name, stored with every decision (default: $CLAIMDESK_REVIEWER, "
              "the config file, or your login name).")
@click.version_option(package_name="claimdesk")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, reviewer: str | None) -> None:
    """claimdesk: review the factual claims in news articles, match them against earlier verdicts, export."""
    ctx.obj = Context(db_path or default_db_path(), reviewer)
    _, problem = settings_or_defaults()
    if problem and ctx.invoked_subcommand is not None:  # the app shows it on screen
        click.echo(f"Warning: {problem}", err=True)
    if ctx.invoked_subcommand is None:
        _open_app(ctx.obj)


def _open_app(context: Context) -> None:
    from tui.app import ClaimdeskApp

    store = context.open_store(create=True)
    store.close()
    ClaimdeskApp(db_path=context.db_path, reviewer=context.reviewer).run()


for _module in (load, archive, review, export, importing, nlp):
    for _command in _module.COMMANDS:
        main.add_command(_command)
