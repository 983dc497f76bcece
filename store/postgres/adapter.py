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
- a NUL character in a text (which PostgreSQL cannot store) is stored as U+FFFD, the replacement character;
- errors come back as the store's: a duplicate as ``sqlite3.IntegrityError`` (what the store catches), a lost or
  refused connection as ``ServerError`` (one sentence, no password), anything else as ``StoreError``.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence

import psycopg
from psycopg import pq

from store.errors import DatabaseBusyError, StoreError
from store.location import redact, scrub
from store.postgres.translate import ID_TABLES, inserted_table, translate

WRITE_LOCK = 0x636C_6D64  # the archive's write lock (pg_advisory_xact_lock): one writer at a time, as SQLite
_EXPLICIT_ID = re.compile(r'^\s*INSERT\s+INTO\s+\w+\s*\(\s*"?id"?\s*,', re.IGNORECASE)
_IDLE_PER_URL = 4
_IN_TRANSACTION = (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR, pq.TransactionStatus.ACTIVE)
_IDLE_IN_ALL = 8
BUSY_TIMEOUT_MS = 30_000  # how long a write waits for another's, as on SQLite (store.sqlite.connection)
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


class ServerError(StoreError):
    """The PostgreSQL server could not be reached, went away, or refused the connection; nothing unsaved is
    shown as saved."""


class Row(tuple):
    """A row addressable by position and by column name, as sqlite3.Row."""

    names: tuple[str, ...] = ()

    def __new__(cls, names: tuple[str, ...], values: Sequence) -> Row:
        row = super().__new__(cls, values)
        row.names = names
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _named_rows(cursor: psycopg.Cursor):
    names = tuple(d.name for d in cursor.description or ())
    return lambda values: Row(names, values)


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
            self._cursor.row_factory = _named_rows
        with self._db.errors(), self._db.writing(sql):
            self._cursor.execute(translate(sql), _params(params))
            table = inserted_table(sql)
            if table in ID_TABLES and self._cursor.description is not None:
                found = self._cursor.fetchone()
                self.lastrowid = found[0] if found else None
                if _EXPLICIT_ID.match(sql):
                    self._db.follow_ids(table)
        return self

    def executemany(self, sql: str, rows) -> PgCursor:
        rows = [_params(row) for row in rows]
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
            raise sqlite3.IntegrityError(_first_line(error, self.url)) from error
        except psycopg.errors.LockNotAvailable as error:
            raise DatabaseBusyError(f"{self.where} is busy with another reviewer's write (it kept it for too long);"
                                    " nothing was changed, try again.") from error
        except (psycopg.OperationalError, psycopg.InterfaceError) as error:
            if self.raw.closed or self.raw.broken:
                raise ServerError(f"lost the connection to the PostgreSQL archive {self.where} "
                                  f"({_first_line(error, self.url)}); what was being saved was not saved.") from error
            raise StoreError(f"the PostgreSQL archive {self.where} refused this: "
                             f"{_first_line(error, self.url)}.") from error
        except psycopg.Error as error:
            raise StoreError(f"the PostgreSQL archive {self.where} refused this: "
                             f"{_first_line(error, self.url)}.") from error

    def close(self) -> None:
        release(self.url, self.raw)


def _session(raw: psycopg.Connection, lock_timeout_ms: int) -> None:
    """A connection's settings: how long a write waits for another's, and no JIT compilation (the store's queries
    are short; compiling the article list's plan cost 0.3 s of its 0.45 s at 10^4 articles)."""
    raw.execute(f"SET lock_timeout = {int(lock_timeout_ms)}")
    raw.execute("SET jit = off")


def _params(params):
    if params is None:
        return ()
    if isinstance(params, dict):
        return {key: _storable(value) for key, value in params.items()}
    return [_storable(value) for value in params]


def _storable(value):
    """PostgreSQL's text cannot hold a NUL character (SQLite's can): it is kept as U+FFFD, visibly replaced."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


def _first_line(error: BaseException, url: str = "") -> str:
    """The driver's message, its first line, with no password of ``url`` in it."""
    text = str(error).strip().splitlines()
    line = text[0] if text else type(error).__name__
    return scrub(line, url) if url else line


# --- connections, kept for reuse within a process (the app's workers open and close a store per task) -----------

_IDLE: dict[str, list[psycopg.Connection]] = {}
_LOCK = threading.Lock()


def acquire(url: str) -> psycopg.Connection:
    """An open connection to ``url`` (an idle one of this process when there is one); ServerError if none."""
    with _LOCK:
        idle = _IDLE.get(url, [])
        kept = list(reversed(idle))
        idle.clear()
    for conn in kept:
        if _alive(conn):
            return conn
        conn.close()
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="claimdesk")
    except psycopg.Error as error:
        where = redact(url)
        raise ServerError(f"cannot connect to the PostgreSQL archive {where}: {_first_line(error, url)}.") from error


def _alive(conn: psycopg.Connection) -> bool:
    """Whether a kept connection still works (the server may have restarted since it was used)."""
    if conn.closed or conn.info.transaction_status != pq.TransactionStatus.IDLE:
        return False
    try:
        conn.execute("SELECT 1")
    except psycopg.Error:
        return False
    return True


def release(url: str, conn: psycopg.Connection) -> None:
    """Give a connection back for reuse (rolled back first), or close it."""
    if conn.closed:
        return
    if conn.info.transaction_status != pq.TransactionStatus.IDLE:
        with contextlib.suppress(psycopg.Error):
            conn.execute("ROLLBACK")
    surplus: list[psycopg.Connection] = []
    with _LOCK:
        idle = _IDLE.setdefault(url, [])
        if len(idle) < _IDLE_PER_URL and not conn.broken:
            idle.append(conn)
            conn = None
        while sum(len(kept) for kept in _IDLE.values()) > _IDLE_IN_ALL:  # the longest-kept archive's go first
            oldest = next(u for u, kept in _IDLE.items() if kept)
            surplus.append(_IDLE[oldest].pop(0))
            if not _IDLE[oldest]:
                del _IDLE[oldest]
    for extra in [conn, *surplus] if conn is not None else surplus:
        extra.close()


def close_idle(url: str | None = None) -> None:
    """Close this process's idle connections (to ``url``, or all): before a database is dropped, at exit."""
    with _LOCK:
        urls = [url] if url else list(_IDLE)
        conns = [c for u in urls for c in _IDLE.pop(u, [])]
    for conn in conns:
        conn.close()
