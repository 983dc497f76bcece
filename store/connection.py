"""Opening a claimdesk database: pragmas, checks, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from store.errors import StoreError
from store.schema import MIGRATION_SET, known_migrations, migrations

BUSY_TIMEOUT_MS = 30_000


def connect(path: str | Path) -> Database:
    """Open (creating if needed) a claimdesk database and bring its schema up to date."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        db = Database(conn, execute_plugins=False)
        _configure(db, path)
        _check_is_ours(db, path)
        migrations.apply(db)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(f"cannot open {path}: {error}.") from error
    except StoreError:
        conn.close()
        raise
    return db


def _configure(db: Database, path: Path) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise StoreError(f"{path} is not a SQLite database.") from error
        raise
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")


def _check_is_ours(db: Database, path: Path) -> None:
    tables = set(db.table_names())
    if not tables:
        return
    if "_sqlite_migrations" not in tables or "claims" not in tables:
        raise StoreError(f"{path} is a SQLite database but not a claimdesk one; it was left untouched.")
    applied = {
        row[0]
        for row in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        ).fetchall()
    }
    unknown = applied - set(known_migrations())
    if unknown:
        raise StoreError(
            f"{path} was written by a newer claimdesk (schema {sorted(unknown)[-1]}); upgrade claimdesk to open it."
        )
