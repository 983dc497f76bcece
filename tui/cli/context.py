"""What every command shares: where the database is, who is reviewing, and opening the store."""

from __future__ import annotations

from pathlib import Path

import click

from store import Store, StoreError
from store.interface import Archive
from store.location import Location, PostgresLocation, SqliteLocation, scrub
from store.paths import prepare_default_folder
from tui.settings import resolve_reviewer


class Context:
    """What every command shares: where the database is (a SQLite file or a PostgreSQL URL) and who is reviewing."""

    def __init__(self, location: Location | Path, reviewer: str | None):
        self.location = SqliteLocation(location) if isinstance(location, Path) else location
        self.reviewer_flag = reviewer

    @property
    def reviewer(self) -> str:
        return resolve_reviewer(self.reviewer_flag)

    @property
    def label(self) -> str:
        """How messages name the archive (a URL without its password)."""
        return self.location.display

    @property
    def db_path(self) -> Path:
        """The SQLite file, for the commands that work on a file as such (backup)."""
        if isinstance(self.location, SqliteLocation):
            return self.location.path
        raise click.ClickException(f"this command works on a SQLite database file, and {self.label} is a PostgreSQL "
                                   "archive (copy it to a file with `claimdesk copy URL FILE`, or use pg_dump).")

    def shown(self, message: str) -> str:
        """``message`` safe to print: the archive's password removed wherever it appears."""
        return _shown(message, self.location)

    def may_create(self) -> bool:
        """Whether a command that adds data may make the archive here: a SQLite file that is not there yet, or a
        PostgreSQL database (the store makes the archive only in an empty one, and refuses another program's)."""
        return isinstance(self.location, PostgresLocation) or not self.location.path.exists()

    def exists(self) -> bool:
        """Whether there is an archive to open (a PostgreSQL database is asked when it is opened)."""
        return isinstance(self.location, PostgresLocation) or self.location.path.exists()

    def open_store(self, create: bool = False, write: bool = False) -> Archive:
        """Open the database. Only commands that add data may create it, and only commands that write (``write``
        or ``create``) may upgrade an earlier schema: a read never creates or changes a file (a missing or empty
        file, or one an earlier claimdesk made, is refused: `claimdesk upgrade` upgrades it); a database in a
        folder that does not exist is refused. A PostgreSQL URL goes to the store as given (libpq's environment
        and ~/.pgpass apply); every message names it without its password."""
        return open_location(self.location, create=create, write=write)


def open_location(location: Location, create: bool = False, write: bool = False) -> Archive:
    """The store at ``location`` (see Context.open_store); click.ClickException with one sentence if it cannot be."""
    if isinstance(location, SqliteLocation) and not create and not location.path.exists():
        raise click.ClickException(f"there is no database at {location.path}; load articles first "
                                   "(claimdesk load PATH).")
    try:
        if isinstance(location, SqliteLocation) and create:
            prepare_default_folder(location.path)
        return Store.open(location.target, create=create, upgrade=create or write)
    except StoreError as error:
        raise click.ClickException(_shown(str(error), location)) from error
    except OSError as error:
        raise click.ClickException(_shown(f"cannot open {location.display}: {error.strerror or error}.",
                                          location)) from error


def _shown(message: str, location: Location) -> str:
    return scrub(message, location.url) if isinstance(location, PostgresLocation) else message


pass_context = click.make_pass_decorator(Context)
