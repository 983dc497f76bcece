"""The Store: one claimdesk database file, opened once per thread."""

from __future__ import annotations

import contextlib
import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from store.articles import ArticleQueries
from store.claims import ClaimQueries
from store.connection import connect
from store.desk_edits import DeskEdits
from store.errors import explain
from store.match_journal import MatchJournal
from store.queries import DeskQueries
from store.review import Review
from store.stats import DeskStats


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_hash(text: str) -> str:
    """Hash of the article text with whitespace normalised and case folded."""
    normalised = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


class Store(ArticleQueries, ClaimQueries, Review, DeskQueries, DeskEdits, DeskStats, MatchJournal):
    """All reads and writes of claimdesk's data. Not thread-safe: open one per thread."""

    def __init__(self, path: str | Path, clock: Callable[[], str] = utc_now):
        self.path = Path(path)
        self.db = connect(self.path)
        self.clock = clock

    @classmethod
    def open(cls, path: str | Path, clock: Callable[[], str] = utc_now) -> Store:
        return cls(path, clock)

    def close(self) -> None:
        self.db.close()

    def wait_at_most(self, ms: int) -> None:
        """How long a write waits for another program's lock before it is refused (the app keeps this short, so
        a screen never freezes for the default 30 s)."""
        self.db.execute(f"PRAGMA busy_timeout = {int(ms)}")

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
        return self.db.execute(sql, params).fetchall()
