"""The copy command: move a whole archive between two stores (a SQLite file, a PostgreSQL URL), with a progress bar.

FROM is only read (never created or upgraded); TO is created when it is a new SQLite file in an existing folder (or
an empty PostgreSQL database). A target that already holds an archive is refused unless ``--merge``. A new SQLite
file made for a copy that then fails is removed again. Every message names a PostgreSQL archive without its password.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from claims.desk.copy import check_copy, copy_archive, work_to_do
from store import StoreError
from store.errors import DATABASE_ERRORS
from store.location import Location, PostgresLocation, SqliteLocation, parse_location, scrub
from tui.cli.context import open_location


@click.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--merge", is_flag=True, help="TO may already hold an archive: merge into it with the import rules "
              "(the later decision wins, the other is kept in the history) instead of refusing.")
@click.option("--no-index", is_flag=True, help="Do not build TO's persisted match index now (the next match or "
              "load does it, once).")
def copy(source: str, target: str, merge: bool, no_index: bool) -> None:
    """Copy a whole archive FROM one store TO another: articles, claims, verdicts and their history, links,
    conflicts, earlier fact-checks. Each is a SQLite file or a postgresql:// URL. TO must be new or empty unless
    --merge is given."""
    origin, destination = _location(source, "FROM"), _location(target, "TO")
    if _same_file(origin, destination):
        raise click.ClickException(f"FROM and TO are the same file ({origin.display}); nothing was copied.")
    new_file = isinstance(destination, SqliteLocation) and not destination.path.exists()
    done = False
    try:
        with open_location(origin) as reading, open_location(destination, create=True, write=True) as writing:
            check_copy(reading, writing, merge)
            total = work_to_do(reading, merge)
            label = f"{'merging' if merge else 'copying'} into {destination.display}"
            with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
                outcome = copy_archive(reading, writing, merge=merge, progress=bar.update, index=not no_index)
        done = True
    except (StoreError, *DATABASE_ERRORS) as error:
        raise click.ClickException(_shown(str(error), origin, destination)) from error
    finally:
        if new_file and not done:
            _remove(destination.path)
    click.echo(f"{outcome.summary()} from {origin.display} to {destination.display}.")
    for problem in outcome.problems:
        click.echo(f"  {problem}", err=True)


def _location(text: str, which: str) -> Location:
    try:
        location = parse_location(text)
    except StoreError as error:
        raise click.ClickException(f"{which}: {error}") from error
    if isinstance(location, SqliteLocation) and location.path.is_dir():
        raise click.ClickException(f"{which}: {location.path} is a folder; give a database file.")
    return location


def _same_file(a: Location, b: Location) -> bool:
    if isinstance(a, SqliteLocation) and isinstance(b, SqliteLocation):
        return a.path.resolve() == b.path.resolve()
    return a == b


def _shown(message: str, *locations: Location) -> str:
    for location in locations:
        if isinstance(location, PostgresLocation):
            message = scrub(message, location.url)
    return message


def _remove(path: Path) -> None:
    """A SQLite file this copy created, with its WAL files (the copy failed: no half archive stays behind)."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        with contextlib.suppress(OSError):
            (path.parent / name).unlink()
