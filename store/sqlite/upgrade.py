"""Upgrading a database made by an earlier claimdesk: a backup next to it first, then the migrations, in place.

The backup is a consistent copy made with SQLite's backup API (through a second, read-only connection: WAL
readers are not blocked) while this connection holds the write lock, so no one changes the file in between. It
is named ``<name>.bak-<schema>-<UTC time>`` (``<schema>`` is the last migration the old file had, e.g.
``claimdesk.db.bak-m002_desk-20260510T090000Z``); it is written as ``….partial`` and renamed when complete. It
is made only when there are migrations to apply and the database holds articles. If it cannot be written,
nothing is migrated and the database is left as it was.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from store.errors import StoreError
from store.sqlite.schema import MIGRATION_SET, migrations


def upgrade(db: Database, path: Path) -> Path | None:
    """Apply pending migrations in one write transaction; returns the backup written, if any."""
    if not migrations.pending(db):
        return None
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        backup = None
        if migrations.pending(db) and _has_articles(db):
            backup = write_backup(path, schema_version(db))
        migrations.apply(db)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return backup


def schema_version(db: Database) -> str:
    """The last migration applied to the database ("none" for a database without any)."""
    if not db["_sqlite_migrations"].exists():
        return "none"
    rows = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id DESC LIMIT 1", [MIGRATION_SET]
    ).fetchall()
    return rows[0][0] if rows else "none"


def backup_path(path: Path, schema: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.bak-{schema}-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.bak-{schema}-{stamp}-{number}")
    return target


def write_backup(path: Path, schema: str) -> Path:
    """Copy the whole database next to it; StoreError (and nothing written) if that fails."""
    target = backup_path(path, schema)
    partial = target.with_name(target.name + ".partial")
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
            source.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise StoreError(
            f"cannot write a backup of {path} before upgrading it ({error}); it was left as it was."
        ) from error
    return target


def _has_articles(db: Database) -> bool:
    return db["articles"].exists() and db.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0] == 1
