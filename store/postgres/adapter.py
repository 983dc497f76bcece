"""A PostgreSQL connection that the store's modules use as they use SQLite's (through sqlite-utils).

The store speaks to ``self.db``: ``execute(sql, params)`` returning a cursor (``fetchall``, ``fetchone``,
``fetchmany``, ``lastrowid``, ``rowcount``), ``db.conn`` with ``execute``, ``executemany``, ``cursor()`` and
``in_transaction``, ``atomic()`` for a savepoint. `PgDatabase` gives the same over psycopg 3, the SQL rewritten by
store.postgres.translate. Its rules:

- autocommit outside a transaction, as SQLite's ``isolation_level=None``;
- ``BEGIN IMMEDIATE`` (every write transaction of the store) starts a transaction holding the archive's write
  lock (an advisory lock): writers take turns exactly as on SQLite, so a read-then-write in the one write path
  sees no one else's change in between, and no transaction fails for a serialization conflict;
- an insert that gives ``id`` values itself moves the table's sequence past them;
- `PgDatabase.copy_rows` stores many rows of one table with one ``COPY … FROM STDIN``: a statement, where
  ``executemany`` is one per row, each firing the table's statement trigger (archive_version's bump, an UPDATE of
  one row: 5,000 of them in a transaction of an import cost more than the inserts themselves);
- a NUL character in a text (which PostgreSQL cannot store) is stored as U+FFFD, the replacement character
  (store.postgres.translate, with rows addressable by column name);
- errors come back as the store's: a duplicate as ``sqlite3.IntegrityError`` (what the store catches), a lost or
  refused connection as ``ServerError`` (one sentence, no password), anything else as ``StoreError``.

Its connections come from store.postgres.connections, which keeps idle ones for reuse within a process.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator, Sequence

import psycopg
from psycopg import pq

from store.errors import DatabaseBusyError, StoreError
from store.location import redact
from store.postgres.connections import ServerError, acquire, first_line, release
from store.postgres.translate import ID_TABLES, inserted_table, named_rows, storable_params, translate

WRITE_LOCK = 0x636C_6D64  # the archive's write lock (pg_advisory_xact_lock): one writer at a time, as SQLite
_EXPLICIT_ID = re.compile(r'^\s*INSERT\s+INTO\s+\w+\s*\(\s*"?id"?\s*,', re.IGNORECASE)
_IN_TRANSACTION = (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR, pq.TransactionStatus.ACTIVE)
BUSY_TIMEOUT_MS = 30_000  # how long a write waits for another's, as on SQLite (store.sqlite.connection)
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


class PgCursor:
    """A cursor as sqlite3's, over psycopg's."""

    def __init__(self, db: PgDatabase, named: bool = False):
        self._db = db
        self.row_factory = sqlite3.Row if named else None
        with db.errors():
            self._cursor = db.reconnected().cursor()
        self.lastrowid: int | None = None

    def execute(self, sql: str, params: Sequence | dict = ()) -> PgCursor:
        if self.row_factory is not None:
            self._cursor.row_factory = named_rows
        with self._db.errors(), self._db.writing(sql):
            self._cursor.execute(translate(sql), storable_params(params))
            table = inserted_table(sql)
            if table in ID_TABLES and self._cursor.description is not None:
                found = self._cursor.fetchone()
                self.lastrowid = found[0] if found else None
                if _EXPLICIT_ID.match(sql):
                    self._db.follow_ids(table)
        return self

    def executemany(self, sql: str, rows) -> PgCursor:
        rows = [storable_params(row) for row in rows]
        if not rows:
            return self
        with self._db.errors(), self._db.writing(sql):
            self._cursor.executemany(translate(sql, returning=False), rows)
            table = inserted_table(sql)
            if table in ID_TABLES and _EXPLICIT_ID.match(sql):
                self._db.follow_ids(table)
        return self

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self):
        return self._cursor.description

    def fetchall(self) -> list:
        if self._cursor.description is None or self.lastrowid is not None:
            return []
        with self._db.errors():
            return self._cursor.fetchall()

    def fetchone(self):
        if self._cursor.description is None:
            return None
        with self._db.errors():
            return self._cursor.fetchone()

    def fetchmany(self, size: int) -> list:
        if self._cursor.description is None:
            return []
        with self._db.errors():
            return self._cursor.fetchmany(size)

    def __iter__(self) -> Iterator:
        return iter(self.fetchall())

    def close(self) -> None:
        self._cursor.close()


class PgConnection:
    """``db.conn``: statements, transactions and cursors, as a sqlite3 connection in autocommit mode."""

    def __init__(self, db: PgDatabase):
        self._db = db

    @property
    def in_transaction(self) -> bool:
        return self._db.raw.info.transaction_status in _IN_TRANSACTION

    def execute(self, sql: str, params: Sequence | dict = ()) -> PgCursor:
        word = sql.strip().upper()
        if word in ("BEGIN", "BEGIN IMMEDIATE"):
            return self._db.begin(write=word.endswith("IMMEDIATE"))
        return PgCursor(self._db).execute(sql, params)

    def executemany(self, sql: str, rows) -> PgCursor:
        return PgCursor(self._db).executemany(sql, rows)

    def cursor(self) -> PgCursor:
        return PgCursor(self._db)

    def close(self) -> None:
        self._db.close()


class PgDatabase:
    """What the store's modules know as ``self.db``, over one psycopg connection."""

    def __init__(self, url: str, raw: psycopg.Connection):
        self.url = url
        self.where = redact(url)
        self.raw = raw
        self.conn = PgConnection(self)
        self._savepoints = 0
        self._lock_timeout = BUSY_TIMEOUT_MS
        _session(raw, BUSY_TIMEOUT_MS)

    def execute(self, sql: str, params: Sequence | dict = ()) -> PgCursor:
        return self.conn.execute(sql, params)

    def reconnected(self) -> psycopg.Connection:
        """The connection, opened again if the server dropped it (a restart, a network cut) and no transaction was
        under way: the write that met the cut was reported as not saved; the next one goes through."""
        if self.raw.closed or self.raw.broken:
            with contextlib.suppress(psycopg.Error):
                self.raw.close()
            self.raw = acquire(self.url)
            _session(self.raw, self._lock_timeout)
        return self.raw

    def wait_at_most(self, ms: int) -> None:
        self._lock_timeout = int(ms)
        with self.errors():
            self.reconnected().execute(f"SET lock_timeout = {int(ms)}")

    def begin(self, write: bool = True) -> PgCursor:
        cursor = PgCursor(self)
        with self.errors():
            cursor._cursor.execute("BEGIN")
            if write:
                cursor._cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        return cursor

    @contextlib.contextmanager
    def writing(self, sql: str) -> Iterator[None]:
        """A write outside any transaction runs in its own, under the write lock (as every SQLite write does)."""
        if self.conn.in_transaction or not _WRITE.match(sql):
            yield
            return
        self.raw.execute("BEGIN")
        try:
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            yield
            self.raw.execute("COMMIT")
        except BaseException:
            if not self.raw.broken:
                with contextlib.suppress(psycopg.Error):
                    self.raw.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """A savepoint inside the caller's transaction (sqlite-utils' ``atomic`` when nested)."""
        self._savepoints += 1
        name = f"claimdesk_{self._savepoints}"
        with self.errors():
            self.raw.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            with self.errors():
                self.raw.execute(f"ROLLBACK TO SAVEPOINT {name}")
            raise
        else:
            with self.errors():
                self.raw.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._savepoints -= 1

    def copy_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        """Insert ``rows`` (values in the order of ``columns``) into ``table`` with one COPY: the same rows as an
        INSERT each (column defaults, row triggers, constraints), in the caller's transaction (else one of its
        own under the write lock); a row refused leaves none of them stored."""
        if not rows:
            return
        names = ", ".join(f'"{column}"' for column in columns)
        with self.errors():
            raw = self.reconnected()
            with self.writing("INSERT"):
                with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(storable_params(row))
                if "id" in columns and table in ID_TABLES:
                    self.follow_ids(table)

    def follow_ids(self, table: str) -> None:
        """Move ``table``'s id sequence past the ids a caller gave itself (an import, a copy)."""
        self.raw.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"GREATEST((SELECT MAX(id) FROM {table}), 1))")

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """psycopg's errors as the store's."""
        try:
            yield
        except psycopg.IntegrityError as error:
            raise sqlite3.IntegrityError(first_line(error, self.url)) from error
        except psycopg.errors.LockNotAvailable as error:
            raise DatabaseBusyError(f"{self.where} is busy with another reviewer's write (it kept it for too long);"
                                    " nothing was changed, try again.") from error
        except (psycopg.OperationalError, psycopg.InterfaceError) as error:
            if self.raw.closed or self.raw.broken:
                raise ServerError(f"lost the connection to the PostgreSQL archive {self.where} "
                                  f"({first_line(error, self.url)}); what was being saved was not saved.") from error
            raise StoreError(f"the PostgreSQL archive {self.where} refused this: "
                             f"{first_line(error, self.url)}.") from error
        except psycopg.Error as error:
            raise StoreError(f"the PostgreSQL archive {self.where} refused this: "
                             f"{first_line(error, self.url)}.") from error

    def close(self) -> None:
        release(self.url, self.raw)


def _session(raw: psycopg.Connection, lock_timeout_ms: int) -> None:
    """A connection's settings: how long a write waits for another's, and no JIT compilation (the store's queries
    are short; compiling the article list's plan cost 0.3 s of its 0.45 s at 10^4 articles)."""
    raw.execute(f"SET lock_timeout = {int(lock_timeout_ms)}")
    raw.execute("SET jit = off")
