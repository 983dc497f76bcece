"""Databases as earlier claimdesk versions left them, made with the project's own migrations.

``make_old_database(path, stop_before)`` applies the migrations up to (not including) ``stop_before`` exactly as
that version's code did (WAL mode, sqlite-utils Migrations), then fills it through the columns of the first
schema only, so the same data fits every version. ``EARLIER`` names one version per migration after the first.
Run ``python -m tests.store.old_schema DIR`` to write one file per earlier version into DIR for a look by hand.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from store.sqlite.schema import known_migrations, migrations

EARLIER = known_migrations()[1:]  # stop before each of these: one database per earlier schema version

ARTICLES = [
    (1, "Flood displaces thousands", "Harbour Wire",
     "PORT ELLIS, May 2 (Harbour Wire) - The flood forced 6,000 people from their homes, officials said. "
     "The dam will cost 4.2 billion crowns."),
    (2, "Governor revises flood count", "Northline News",
     "CALDER, May 9 (Northline News) - The flood forced 60,000 people from their homes, the governor said. "
     "Markets were quiet [bold]today[/]."),
]


@dataclass(frozen=True)
class OldClaim:
    id: int
    article_id: int
    text: str
    start: int
    end: int
    status: str
    note: str | None
    reviewer: str | None


def _claims() -> list[OldClaim]:
    specs = [(1, 1, "The flood forced 6,000 people from their homes", "verified", "Ministry list", "ana"),
             (2, 1, "The dam will cost 4.2 billion crowns.", "pending", None, None),
             (3, 2, "The flood forced 60,000 people from their homes", "disputed", "Count off by 10x", "ben")]
    texts = {a[0]: a[3] for a in ARTICLES}
    claims = []
    for claim_id, article_id, text, status, note, reviewer in specs:
        start = texts[article_id].index(text)
        claims.append(OldClaim(claim_id, article_id, text, start, start + len(text), status, note, reviewer))
    return claims


CLAIMS = _claims()
LINKS = [(3, 1, 91.5, "related")]
HISTORY_STEPS = {1: [("pending", "verified")], 3: [("pending", "verified"), ("verified", "disputed")]}
WHEN = "2026-05-01T08:00:00Z"


def make_old_database(path: Path, stop_before: str | None, with_data: bool = True) -> Path:
    """A database at the schema just before ``stop_before`` (None: the current schema), holding the data above."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    db = Database(conn)
    db.execute("PRAGMA journal_mode = WAL")
    migrations.apply(db, stop_before=stop_before)
    if with_data:
        with db.atomic():
            _fill(db)
    conn.close()
    return path


def _fill(db: Database) -> None:
    for article_id, title, source, text in ARTICLES:
        db.execute("INSERT INTO articles (id, title, source, text, content_hash, loaded_at) VALUES (?, ?, ?, ?, ?, ?)",
                   [article_id, title, source, text, f"hash-{article_id}", WHEN])
    for c in CLAIMS:
        db.execute('INSERT INTO claims (id, article_id, start, "end", text, score, type, status, note, reviewer,'
                   " reviewed_at, created_at) VALUES (?, ?, ?, ?, ?, 0.8, 'quantity', ?, ?, ?, ?, ?)",
                   [c.id, c.article_id, c.start, c.end, c.text, c.status, c.note, c.reviewer,
                    WHEN if c.reviewer else None, WHEN])
    for link in LINKS:
        db.execute("INSERT INTO claim_links (claim_id, earlier_id, score, kind) VALUES (?, ?, ?, ?)", link)
    for claim_id, steps in HISTORY_STEPS.items():
        for before, after in steps:
            db.execute("INSERT INTO claim_history (claim_id, at, reviewer, from_status, to_status, note)"
                       " VALUES (?, ?, 'ana', ?, ?, NULL)", [claim_id, WHEN, before, after])


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for stop_before in EARLIER:
        made = make_old_database(out / f"claimdesk-before-{stop_before}.db", stop_before)
        print(made)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
