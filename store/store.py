"""The Store: one claimdesk database file, opened once per thread."""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from store.articles import ArticleQueries
from store.assignment_import import AssignmentImports
from store.boilerplate import BoilerplateQueries
from store.claims import ClaimQueries
from store.conflicts import ConflictQueries
from store.earlier import EarlierChecks
from store.errors import explain
from store.location import is_server_url, redact
from store.match_journal import MatchJournal
from store.queries import DeskQueries
from store.review import Review
from store.signoff_import import SignoffImports
from store.sqlite.connection import close, connect
from store.stats import DeskStats
from store.team import TeamQueries
from store.vectors import ClaimVectors


def archive_location(value: str | Path) -> str | Path:
    """Where an archive is, as the store takes it: a server URL kept as text, anything else a file's path."""
    return str(value) if is_server_url(value) else Path(value)


def archive_display(location: str | Path) -> str:
    """How a message names an archive: a file by its path, a server archive by its URL without the password."""
    return redact(str(location)) if is_server_url(location) else str(location)


def archive_name(location: str | Path) -> str:
    """How a screen names an archive: a file by its name, a server archive by its URL without the password."""
    if is_server_url(location):
        return redact(str(location))
    return Path(location).name


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_hash(text: str) -> str:
    """Hash of the article text with whitespace normalised and case folded."""
    normalised = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


class Store(ArticleQueries, ClaimQueries, Review, DeskQueries, DeskStats, MatchJournal, EarlierChecks,
            BoilerplateQueries, ConflictQueries, TeamQueries, ClaimVectors, SignoffImports,
            AssignmentImports):
    """All reads and writes of claimdesk's data. Not thread-safe: open one per thread."""

    def __init__(self, path: str | Path, clock: Callable[[], str] = utc_now, create: bool = True,
                 upgrade: bool = True):
        self.clock = clock
        if is_server_url(path):
            from store import postgres  # psycopg loads only for a server archive: a SQLite desk never pays for it

            self.dialect = "postgresql"
            self.path = redact(str(path))  # what messages name: the URL without its password
            self.db = postgres.connect(str(path), create, upgrade)
            return
        self.dialect = "sqlite"
        self.path = Path(path)
        self.db = connect(self.path, create, upgrade)

    @classmethod
    def open(cls, path: str | Path, clock: Callable[[], str] = utc_now, create: bool = True,
             upgrade: bool = True) -> Store:
        """Open the database at ``path``; with ``create`` False a missing or empty file is refused, not made; with
        ``upgrade`` False (a command that only reads) a database of an earlier schema is refused, not changed."""
        return cls(path, clock, create, upgrade)

    def close(self) -> None:
        if self.dialect == "sqlite":
            close(self.db, self.path)
        else:
            self.db.close()

    def wait_at_most(self, ms: int) -> None:
        """How long a write waits for another program's lock before it is refused (the app keeps this short, so
        a screen never freezes for the default 30 s)."""
        if self.dialect == "sqlite":
            self.db.execute(f"PRAGMA busy_timeout = {int(ms)}")
        else:
            self.db.wait_at_most(ms)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One short write transaction (BEGIN IMMEDIATE, so concurrent writers wait their turn instead of
        failing); nested calls become savepoints."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:  # another writer kept the lock past the busy timeout
            raise explain(error, self.path) from error
        try:
            yield self
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def execute(self, sql: str, params: list | tuple | dict = ()) -> list[tuple]:
        """Rows of ``sql`` as tuples: for the store's own modules and for tests (never called from claims or tui,
        which ask through store.interface.Archive)."""
        return self.db.execute(sql, params).fetchall()

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        """Many rows into ``table`` (values in the order of ``columns``), in the caller's transaction: one INSERT
        run for every row on SQLite, one COPY on PostgreSQL (store.postgres.adapter: a statement, not one a row).
        The same rows either way, ids given by the rows or by the table."""
        if self.dialect == "sqlite":
            names = ", ".join(f'"{column}"' for column in columns)
            marks = ", ".join("?" * len(columns))
            self.db.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        else:
            self.db.copy_rows(table, columns, rows)

    def records(self, sql: str, params: list | tuple | dict = ()) -> list[sqlite3.Row]:
        """Rows of ``sql`` addressable by column name (for `store.models.from_row`)."""
        cursor = self.db.conn.cursor()
        cursor.row_factory = sqlite3.Row
        try:
            return cursor.execute(sql, params).fetchall()
        finally:
            cursor.close()

    def stream(self, sql: str, params: list | tuple | dict = (), batch: int = 1000) -> Iterator[tuple]:
        """Rows of ``sql`` as tuples, fetched ``batch`` at a time (exports of any size in little memory)."""
        cursor = self.db.execute(sql, params)
        while rows := cursor.fetchmany(batch):
            yield from rows

    def data_version(self) -> int:
        """A number that changes whenever another connection commits a change to the database (cheap to poll)."""
        if self.dialect == "sqlite":
            return self.execute("PRAGMA data_version")[0][0]
        return self.execute("SELECT n FROM archive_version WHERE id = 1")[0][0]
