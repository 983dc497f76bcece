"""Opening a claimdesk database: look at the file read-only first, then pragmas and migrations.

Nothing is written to a file until it is known to be a claimdesk database this version can use (or a new or
empty file, when ``create`` allows one): a file that is not SQLite, another program's database, a damaged
(``PRAGMA quick_check``, once per file and process, unless claimdesk found it whole and nothing changed it
since: store.sqlite.checked), read-only or locked file, or a database from a newer
claimdesk is refused with a one-line message and left byte for byte as it was. A folder that does not exist is
never created here: a database in it is refused.

Concurrency: every connection is in WAL mode (readers never wait for the writer) with a busy timeout of
BUSY_TIMEOUT_MS, and every write transaction starts with BEGIN IMMEDIATE (store.Store.transaction), so a second
writer waits its turn instead of failing with "database is locked".

The file's header is read by Python only while no connection of this process has the file open (_IN_USE):
closing any other handle on a database file drops every POSIX lock the process holds on it, SQLite's own
included, and another program closing its connection would then take itself for the last one and delete the WAL
that still holds this process's verdicts (https://www.sqlite.org/howtocorrupt.html, 2.2).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections import Counter
from pathlib import Path

from sqlite_utils import Database

from store.errors import StoreError, explain
from store.sqlite.checked import vouch, vouched
from store.sqlite.schema import MIGRATION_SET, known_migrations
from store.sqlite.upgrade import upgrade
from store.text_match import register

BUSY_TIMEOUT_MS = 30_000
SQLITE_MAGIC = b"SQLite format 3\x00"


_CHECKED: set[tuple[str, int]] = set()  # (file, inode) whose pages this process has checked
_IN_USE: Counter[tuple[str, int]] = Counter()  # (file, inode) -> connections of this process open on it
_IN_USE_LOCK = threading.Lock()


def _key(path: Path) -> tuple[str, int]:
    return str(path.resolve()), _inode(path)


def in_use(path: Path) -> bool:
    """Whether a connection of this process has the database file open."""
    with _IN_USE_LOCK:
        return _IN_USE[_key(path)] > 0


def connect(path: str | Path, create: bool = True, upgrade_schema: bool = True) -> Database:
    """Open a claimdesk database and bring its schema up to date; with ``create``, a missing or empty file
    becomes a new database (its folder must exist). Without ``upgrade_schema`` (a command that only reads) a
    database of an earlier schema is refused, not changed. StoreError (file untouched) when it cannot be used."""
    path = Path(path)
    timeout_ms = BUSY_TIMEOUT_MS
    if _has_content(path):
        pending = inspect(path, timeout_ms)
        if pending and not upgrade_schema:
            raise StoreError(older_schema(path, pending))
    elif not create:
        what = "an empty file, not a claimdesk database" if path.exists() else "not there"
        raise StoreError(f"{path} is {what}; it was left untouched (load articles first: claimdesk load PATH).")
    elif not path.parent.is_dir():
        raise StoreError(f"cannot create {path}: the folder {path.parent} does not exist (nothing was created).")
    db, _ = _open_upgraded(path, timeout_ms)
    with _IN_USE_LOCK:
        _IN_USE[_key(path)] += 1
    return db


def _open_upgraded(path: Path, timeout_ms: int) -> tuple[Database, Path | None]:
    """A configured connection to ``path`` with its pending migrations applied (after a backup, when it holds
    articles), and that backup; StoreError (connection closed, file untouched) if SQLite refuses."""
    try:
        conn = sqlite3.connect(str(path), timeout=timeout_ms / 1000, isolation_level=None)
    except sqlite3.Error as error:
        raise explain(error, path) from error
    try:
        db = Database(conn, execute_plugins=False)
        _configure(db, timeout_ms)
        return db, upgrade(db, path)
    except sqlite3.Error as error:
        conn.close()
        raise explain(error, path) from error
    except BaseException:
        conn.close()
        raise


def close(db: Database, path: Path) -> None:
    """Close the connection; a file this process found whole is recorded as such in its new state
    (store.sqlite.checked), so the next command need not read every page again."""
    db.close()
    key = _key(path)
    with _IN_USE_LOCK:
        _IN_USE[key] -= 1
        if _IN_USE[key] <= 0:
            del _IN_USE[key]
    if key in _CHECKED:
        vouch(path)


def _inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except OSError:
        return -1


def older_schema(path: Path, pending: list[str]) -> str:
    """The sentence refusing a read of a database an earlier claimdesk made."""
    known = known_migrations()
    made_by = known[known.index(pending[0]) - 1] if known.index(pending[0]) else "none"
    return (f"{path} was made by an earlier claimdesk (schema {made_by}) and a command that only reads never "
            "changes it: run `claimdesk upgrade` (it writes a backup first); it was left untouched.")


def upgrade_file(path: str | Path) -> tuple[list[str], Path | None]:
    """Bring a claimdesk database's schema up to date (a backup next to it first, when it holds articles);
    returns the migrations applied and the backup written. StoreError (file untouched) if it cannot be used."""
    path = Path(path)
    if not _has_content(path):
        raise StoreError(f"{path} is not a claimdesk database (it is missing or empty); nothing was done.")
    pending = inspect(path, BUSY_TIMEOUT_MS)
    if not pending:
        return [], None
    db, backup = _open_upgraded(path, BUSY_TIMEOUT_MS)
    db.close()
    return pending, backup


def _configure(db: Database, timeout_ms: int) -> None:
    db.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    register(db.conn)


def _has_content(path: Path) -> bool:
    """Whether ``path`` is an existing, non-empty file that claimdesk may open; StoreError if it may not."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if not path.exists() or path.stat().st_size == 0:
        _check_writable(path.parent if not path.exists() else path, path)
        return False
    if in_use(path):
        return True  # checked when this process opened it; reading it again here would drop SQLite's locks
    with path.open("rb") as file:
        header = file.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"{path} is not a SQLite database; it was left untouched.")
    _check_length(path, header)
    _check_writable(path, path)
    _check_writable(path.parent, path)
    return True


def _check_length(path: Path, header: bytes) -> None:
    """A file shorter than its header says (a cut-off copy or download) is damaged; SQLite would only notice
    when a query reaches the missing pages."""
    if len(header) < 100 or _wal_size(path) > 0:
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages, counter, valid_for = (int.from_bytes(header[i : i + 4], "big") for i in (28, 24, 92))
    if counter == valid_for and path.stat().st_size < page_size * pages:
        raise explain(sqlite3.DatabaseError(f"database disk image is malformed: the file is cut short at "
                                            f"{path.stat().st_size} of {page_size * pages} bytes"), path)


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _wal_size(path: Path) -> int:
    wal = _sidecar(path, "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _check_writable(target: Path, path: Path) -> None:
    """Refuse a read-only database file, or a read-only folder (WAL mode keeps two files next to the database)."""
    if not target.exists():
        return
    mode = target.stat().st_mode
    if os.access(target, os.W_OK) and mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return
    where = "it" if target == path else f"its folder {target}"
    raise StoreError(
        f"{path} cannot be opened: {where} is read-only, and claimdesk writes every decision at once; "
        "it was left untouched (make it writable, or work on a copy)."
    )


def inspect(path: Path, timeout_ms: int = BUSY_TIMEOUT_MS) -> list[str]:
    """Check, read-only, that ``path`` is a claimdesk database this version can open; returns the migrations it
    lacks. StoreError (file untouched) if it is another program's, from a newer claimdesk, damaged or locked."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not _wal_size(path) and not _sidecar(path, "-shm").exists() and not _sidecar(path, "-journal").exists():
        uri += "&immutable=1"  # no one has it open: read without making -wal/-shm files that would stay behind
    conn = sqlite3.connect(uri, uri=True, timeout=timeout_ms / 1000, isolation_level=None)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return known_migrations()
        pending = _pending(conn, tables, path)
        key = (str(path.resolve()), path.stat().st_ino)
        if pending or (key not in _CHECKED and not vouched(path)):
            _quick_check(conn, path)
        _CHECKED.add(key)
        return pending
    except sqlite3.Error as error:
        raise explain(error, path) from error
    finally:
        conn.close()


def _pending(conn: sqlite3.Connection, tables: set[str], path: Path) -> list[str]:
    if "_sqlite_migrations" not in tables or "claims" not in tables:
        raise StoreError(f"{path} is a SQLite database but not a claimdesk one; it was left untouched.")
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])
    applied = {row[0] for row in rows}
    known = known_migrations()
    unknown = applied - set(known)
    if unknown:
        raise StoreError(
            f"{path} was written by a newer claimdesk (schema {sorted(unknown)[-1]}); upgrade claimdesk to open it "
            "(the file was left untouched)."
        )
    return [name for name in known if name not in applied]


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Make sure every page reads back: before an upgrade rewrites the schema, and before any command (a read
    or a write) first uses the file in this process."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise explain(sqlite3.DatabaseError(f"database disk image is malformed: {problems[0]}"), path)
