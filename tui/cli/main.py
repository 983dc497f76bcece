"""The ``claimdesk`` command line. With no command it opens the review app.

Each command's module is imported only when that command runs (tui.cli.lazy_group): COMMANDS says where each
lives and the first sentence of its help, which `claimdesk --help` lists.
"""

from __future__ import annotations

import errno
import sys

import click

from store import StoreError
from store.errors import DATABASE_ERRORS, explain
from store.location import SqliteLocation
from store.paths import database_location
from tui.cli.context import Context
from tui.cli.lazy_group import LazyCommand, LazyGroup
from tui.cli.output import closed_pipe
from tui.settings import settings_or_defaults

_OUTPUT_ERRORS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}

COMMANDS = {
    "load": LazyCommand("tui.cli.load:load", "Load articles: .txt/.md/.html files, folders, http(s) URLs, "
                        ".json/.jsonl/.csv feeds, or - for stdin."),
    "articles": LazyCommand("tui.cli.archive:articles", "List the articles to review (those loaded) with how many of "
                            "their claims are decided; the earlier fact-checks imported for reference are counted, "
                            "and listed with --earlier or --all."),
    "claims": LazyCommand("tui.cli.archive:claims", "List the highlighted claims (and any already decided) of "
                          "the articles to review with their score, rank in the article, speaker and status; --all "
                          "lists every claim."),
    "mark": LazyCommand("tui.cli.review:mark", "Record a verdict (pending, verified, disputed, unverified) for a "
                        "claim."),
    "match": LazyCommand("tui.cli.review:match", 'Find earlier claims like TEXT (or, with -, like each line of '
                         'stdin), best score first: "same" is the same claim, "related" possibly related.'),
    "assign": LazyCommand("tui.cli.team:assign", "Assign claims to the reviewer NAME: those of --article, --claim, "
                          "or every claim passing the filter options (--status, --type, --speaker, --min-score; "
                          "within the --article ones when given)."),
    "signoff": LazyCommand("tui.cli.team:signoff", "Second review of a verdict awaiting sign-off (second_review = "
                           "true in the config file): confirm it, or reopen it with a --note saying why (the claim is "
                           "pending again)."),
    "stats": LazyCommand("tui.cli.team:stats", "Statistics per reviewer: verdicts given (in all and per day), "
                         "second reviews given, and agreement between first and second review (how many of a "
                         "reviewer's verdicts a second reviewer confirmed)."),
    "conflicts": LazyCommand("tui.cli.conflicts:conflicts", "List claims that contradict each other, within an "
                             "article or across articles: both claim ids, both texts, both speakers, and what "
                             "differs (the later claim's side first)."),
    "export": LazyCommand("tui.cli.export:export", "Export one record per claim (verdicts, notes, reviewers, score, "
                          "rank) as CSV, JSON Lines or ClaimReview."),
    "backup": LazyCommand("tui.cli.export:backup", "Write a consistent copy of the database to FILE, even while the "
                          "app is open and writing."),
    "upgrade": LazyCommand("tui.cli.export:upgrade", "Bring a database an earlier claimdesk made up to this "
                           "version's schema, after writing a backup next to it (a SQLite file; a PostgreSQL "
                           "archive is upgraded in one transaction)."),
    "import": LazyCommand("tui.cli.importing:import_", "Import verdicts: claimdesk's own CSV/JSON Lines exports "
                          "(merged into the same claims), or earlier fact-checks to match against: ClaimReview "
                          "JSON-LD (an object, a list, JSON Lines), Google Fact Check Tools records, or CSV with "
                          "claim, rating or status, url, speaker, date, source, title."),
    "embed": LazyCommand("tui.cli.embedding:embed", "Embed every claim that has no sentence vector yet, for semantic "
                         "matching (loads and imports embed their own claims; this catches up on an archive made "
                         "before, or an import too large to embed at once)."),
    "copy": LazyCommand("tui.cli.copy:copy", "Copy a whole archive FROM one store TO another: articles, claims, "
                        "verdicts and their history, links, conflicts, earlier fact-checks."),
    "extract": LazyCommand("tui.cli.nlp:extract", "Show the claims found in an article file (or - for stdin): "
                           "score, rank in the article, highlighted."),
    "train-detector": LazyCommand("tui.cli.nlp:train_detector", "Train the check-worthiness model on ClaimBuster "
                                  "(see the README)."),
}


class ClaimdeskGroup(LazyGroup):
    """Turns a database problem met in the middle of a command (a damaged page, a lock held too long) into the
    usual one-line error instead of a traceback; a closed pipe (``| head``) ends the command quietly."""

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
        except BrokenPipeError:
            closed_pipe()
        except OverflowError as error:
            raise click.ClickException("that number is too large to name anything in the database.") from error
        except OSError as error:
            if error.errno not in _OUTPUT_ERRORS:
                raise
            raise click.ClickException(f"cannot write the output: {error.strerror or error}.") from error


def _shown(ctx: click.Context, message: str) -> str:
    return ctx.obj.shown(message) if isinstance(ctx.obj, Context) else message


@click.group(cls=ClaimdeskGroup, lazy_commands=COMMANDS, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
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

