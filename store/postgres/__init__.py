"""The PostgreSQL backend: a team's shared archive on a server, the same store as SQLite's embedded file.

`connect(url)` opens (and, for a new or empty database, creates) a claimdesk archive at a ``postgresql://`` URL:
the same checks as for a SQLite file (another program's database, one from a newer claimdesk, an older schema for
a command that only reads) with the same one-sentence refusals, then the migrations of store.postgres.schema under
the archive's write lock, so two reviewers starting at once never migrate twice. The URL goes to libpq as given
(``PGPASSWORD``, ``~/.pgpass`` and ``PGSERVICE`` work); messages show it without its password.
"""

from __future__ import annotations

from store.errors import StoreError
from store.postgres.adapter import WRITE_LOCK, PgDatabase
from store.postgres.connections import ServerError, acquire, close_idle, release
from store.postgres.schema import MIGRATIONS, applied
from store.sqlite.schema import MIGRATION_SET, known_migrations

__all__ = ["PgDatabase", "ServerError", "close_idle", "connect", "upgrade"]

def connect(url: str, create: bool = True, upgrade_schema: bool = True) -> PgDatabase:
    """A claimdesk archive on PostgreSQL, its schema up to date; StoreError (nothing changed) if it cannot be used."""
    raw = acquire(url)
    try:
        db = PgDatabase(url, raw)
        with db.errors():
            _migrate(db, create, upgrade_schema)
        return db
    except BaseException:
        release(url, raw)
        raise


def upgrade(url: str) -> list[str]:
    """Bring the claimdesk archive at ``url`` up to this version's schema; the migrations applied (none when it was
    up to date). StoreError (nothing changed) when there is no archive there, or it cannot be used."""
    raw = acquire(url)
    try:
        db = PgDatabase(url, raw)
        with db.errors():
            tables = _tables(db)
            if "claimdesk_migrations" not in tables:
                raise StoreError(f"{db.where} holds no claimdesk archive; nothing was done.")
            pending = _pending(db, applied(raw))
            if pending:
                _apply(db)
        return pending
    finally:
        release(url, raw)


def _tables(db: PgDatabase) -> set[str]:
    return {row[0] for row in db.raw.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}


def _migrate(db: PgDatabase, create: bool, upgrade_schema: bool) -> None:
    tables = _tables(db)
    if tables and "claimdesk_migrations" not in tables:
        raise StoreError(f"{db.where} is a PostgreSQL database but not a claimdesk archive; it was left untouched.")
    if not tables and not create:
        raise StoreError(f"{db.where} holds no claimdesk archive yet; it was left untouched "
                         "(load articles first: claimdesk load PATH, or claimdesk copy FILE URL).")
    done = applied(db.raw, create=False) if tables else set()
    pending = _pending(db, done)
    if not pending:
        return
    if done and not upgrade_schema:
        raise StoreError(f"{db.where} was made by an earlier claimdesk and a command that only reads never changes "
                         "it: run `claimdesk upgrade`; it was left untouched.")
    _apply(db)


def _pending(db: PgDatabase, done: set[str]) -> list[str]:
    known = known_migrations()
    unknown = done - set(known)
    if unknown:
        raise StoreError(f"{db.where} was written by a newer claimdesk (schema {sorted(unknown)[-1]}); upgrade "
                         "claimdesk to open it (it was left untouched).")
    missing = [name for name in known if name not in MIGRATIONS]
    if missing:
        raise StoreError(f"this claimdesk cannot keep a PostgreSQL archive at schema {missing[0]} yet; "
                         f"{db.where} was left untouched.")
    return [name for name in known if name not in done]


def _apply(db: PgDatabase) -> None:
    """The pending migrations, in one transaction holding the write lock (read again under it)."""
    raw = db.raw
    raw.execute("BEGIN")
    try:
        raw.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        done = applied(raw)
        for name, statements in MIGRATIONS.items():
            if name in done:
                continue
            for statement in statements:
                raw.execute(statement)
            raw.execute("INSERT INTO claimdesk_migrations (migration_set, name, applied_at) "
                        "VALUES (%s, %s, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'))",
                        [MIGRATION_SET, name])
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise

