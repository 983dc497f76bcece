"""A consistent copy of a claimdesk database, taken while the app (or anything else) keeps writing to it.

SQLite's online backup API copies every page in one step inside one read transaction, so the copy is the
database as of one moment: with the write-ahead log, writers carry on meanwhile; the copy holds every decision
committed before that moment and none half-written. The copy is written next to the target, checked
(``PRAGMA quick_check``), switched to a self-contained single file (journal_mode DELETE), then renamed into
place, so a failed backup never leaves a broken file under the target's name. A symbolic link is followed (its
target gets the copy), a replaced file keeps its mode, and a device, FIFO or socket is refused.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from store.errors import StoreError
from store.files import check_target, is_special, place
from store.location import is_server_url
from store.sqlite.connection import BUSY_TIMEOUT_MS, upgrade_file


@dataclass(frozen=True)
class BackupResult:
    target: Path
    articles: int
    claims: int
    bytes: int


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        return a.exists() and b.exists() and a.samefile(b)
    return False


def _check_paths(source: Path, target: Path, overwrite: bool) -> None:
    if not source.is_file():
        raise StoreError(f"there is no database at {source}.")
    if _same_file(source, target) or source.resolve() == target.resolve():
        raise StoreError(f"{target} is the database itself; give another file to back up to.")
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give a file name to back up to.")
    if is_special(target):
        raise StoreError(f"{target} is not a regular file (a device, a pipe or a socket); give a file name to "
                         "back up to.")
    if target.exists() and not overwrite:
        raise StoreError(f"{target} already exists; pass --force to replace it.")


def backup(source: str | Path, target: str | Path, overwrite: bool = False) -> BackupResult:
    source, named = Path(source), Path(target)
    target = check_target(named)  # a symbolic link is followed: its target gets the copy
    _check_paths(source, target, overwrite)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        articles, claims = _copy(source, partial)
        place(partial, target)
    except sqlite3.Error as error:
        raise StoreError(f"cannot back up {source}: {error}.") from error
    except OSError as error:
        raise StoreError(f"cannot write {target}: {error.strerror or error}.") from error
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(target, articles, claims, target.stat().st_size)


def _copy(source: Path, partial: Path) -> tuple[int, int]:
    src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        _check_is_claimdesk(src, source)
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)  # pages=-1: the whole database in one step, one snapshot
            dst.execute("PRAGMA journal_mode = DELETE")
            if (verdict := dst.execute("PRAGMA quick_check").fetchone()[0]) != "ok":
                raise StoreError(f"the copy of {source} failed its check ({verdict}); nothing was written.")
            return tuple(dst.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "claims"))
        finally:
            dst.close()
    finally:
        src.close()


def _check_is_claimdesk(conn: sqlite3.Connection, path: Path) -> None:
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path} is not a SQLite database.") from error
    if not {"articles", "claims", "_sqlite_migrations"} <= tables:
        raise StoreError(f"{path} is not a claimdesk database.")


def upgrade_database(path: str | Path) -> tuple[list[str], Path | None]:
    """Bring an earlier claimdesk's database up to date after a backup next to it (`claimdesk upgrade`); returns
    the migrations applied (none when it was up to date) and the backup written. A PostgreSQL archive is upgraded
    in one transaction under its write lock (no file to back up: the server's own tools, or `claimdesk copy`, do
    that)."""
    if is_server_url(path):
        from store import postgres  # psycopg loads only for a server archive

        return postgres.upgrade(str(path)), None
    return upgrade_file(path)
