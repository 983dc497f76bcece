"""The ``claimdesk`` command line. With no command it opens the review app."""

from __future__ import annotations

import errno
import sys

import click

from store import StoreError
from store.errors import DATABASE_ERRORS, explain
from store.location import SqliteLocation
from store.paths import database_location
from tui.cli import archive, conflicts, copy, embedding, export, importing, load, nlp, review, team
from tui.cli.context import Context
from tui.settings import settings_or_defaults

_OUTPUT_ERRORS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


class ClaimdeskGroup(click.Group):
    """Turns a database problem met in the middle of a command (a damaged page, a lock held too long) into the
    usual one-line error instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except StoreError as error:
            raise click.ClickException(_shown(ctx, str(error))) from error
        except DATABASE_ERRORS as error:
            raise click.ClickException(_shown(ctx, str(explain(error, ctx.obj.label if ctx.obj else "the database")))
                                       ) from error
        except OverflowError as error:
            raise click.ClickException("that number is too large to name anything in the database.") from error
        except OSError as error:
            if error.errno not in _OUTPUT_ERRORS:
                raise
            raise click.ClickException(f"cannot write the output: {error.strerror or error}.") from error


def _shown(ctx: click.Context, message: str) -> str:
    return ctx.obj.shown(message) if isinstance(ctx.obj, Context) else message


@click.group(cls=ClaimdeskGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_location", metavar="FILE|URL",
              help="Database: a SQLite file or a postgresql:// URL (default: $CLAIMDESK_DB, else the config file's "
              "db, else claimdesk.db in your data directory).")
@click.option("--reviewer", help="Your name, stored with every decision (default: $CLAIMDESK_REVIEWER, "
              "the config file, or your login name).")
@click.version_option(package_name="claimdesk")
@click.pass_context
def main(ctx: click.Context, db_location: str | None, reviewer: str | None) -> None:
    """claimdesk: review the factual claims in news articles, match them against earlier verdicts, export."""
    settings, problem = settings_or_defaults()
    try:
        location = database_location(db_location, settings.db)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    if isinstance(location, SqliteLocation) and location.path.is_dir():
        raise click.ClickException(f"{location.path} is a folder; give --db a database file.")
    ctx.obj = Context(location, reviewer)
    if problem and ctx.invoked_subcommand is not None:  # the app shows it on screen
        click.echo(f"Warning: {problem}", err=True)
    if ctx.invoked_subcommand is None:
        _open_app(ctx.obj)


def _open_app(context: Context) -> None:
    from tui.app import ClaimdeskApp  # lazy: Textual and the screens load only when the app opens

    store = context.open_store(create=True)
    store.close()
    ClaimdeskApp(db_path=context.location.target, reviewer=context.reviewer).run()


for _module in (load, archive, review, team, conflicts, export, importing, embedding, copy, nlp):
    for _command in _module.COMMANDS:
        main.add_command(_command)
