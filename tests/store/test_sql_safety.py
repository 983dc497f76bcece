"""What a user types (searches, filters, notes, names) reaches SQLite only as parameters, never as SQL text.

Every statement the store runs is recorded (SQL text and parameters separately); inputs full of quotes, `%`,
`--`, semicolons and FTS5 syntax must never appear in the SQL text, must not raise, and must be stored back
exactly when they are data (a note, a reviewer's name, a title).
"""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from store import NewClaim, Store, content_hash
from store.models import ArticleQuery, ClaimFilter
from tui.cli.main import main

HOSTILE = [
    "zq1' OR '1'='1",
    "zq2%_%",
    "zq3 -- comment",
    'zq4" NEAR(flood dam) OR title:x',
    "zq5* AND NOT ^port",
    "zq6'; DROP TABLE claims; --",
    'zq7"; DELETE FROM claim_history; --',
    "zq8 ) OR (1=1",
]
IDS = [f"input{n}" for n in range(1, len(HOSTILE) + 1)]


class Recorder:
    """A sqlite3 connection that notes every statement's SQL text before running it."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self.sql: list[str] = []

    def execute(self, sql: str, *params):
        self.sql.append(sql)
        return self._conn.execute(sql, *params)

    def executemany(self, sql: str, *params):
        self.sql.append(sql)
        return self._conn.executemany(sql, *params)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", clock=lambda: "2026-05-10T09:00:00Z") as s:
        text = "The flood forced 6,000 people from their homes, the mayor said. The dam cost 4 billion."
        with s.transaction():
            article_id = s.insert_article("Flood", text, content_hash(text), "Harbour Wire")
            s.insert_claims(article_id, [NewClaim(text[:63], 0, 63, 0.9, "quantity", "the mayor")])
        recorder = Recorder(s.db.conn)
        s.db.conn = recorder
        yield s
        s.db.conn = recorder._conn


def assert_never_in_sql(store: Store) -> None:
    leaked = [sql for sql in store.db.conn.sql if "zq" in sql]
    assert leaked == []


def tables(store: Store) -> set[str]:
    return {r[0] for r in store.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


@pytest.mark.parametrize("typed", HOSTILE, ids=IDS)
def test_searches_take_any_input_as_words(store, typed):
    assert store.search_claims(typed) == []
    assert store.search_articles(typed) == []
    assert [r.id for r in store.search_claims(typed.replace(typed[:3], "flood"))] in ([], [1])
    assert_never_in_sql(store)


@pytest.mark.parametrize("typed", HOSTILE, ids=IDS)
def test_filters_take_any_input_as_values(store, typed):
    assert store.filter_claims(ClaimFilter(speaker=typed)) == []
    assert store.filter_claims(ClaimFilter(type=typed)) == []
    assert store.article_summaries(ArticleQuery(source=typed)) == []
    assert store.article_summaries(ArticleQuery(since=typed, sort=typed)) == []
    assert_never_in_sql(store)


@pytest.mark.parametrize("typed", HOSTILE, ids=IDS)
def test_notes_and_names_are_stored_exactly(store, typed):
    before = tables(store)
    _, claim = store.decide(1, "disputed", typed, typed)
    assert (claim.reviewer, claim.note) == (typed, typed)
    (entry,) = store.history(1)
    assert (entry.reviewer, entry.note) == (typed, typed)
    with store.transaction():
        article_id = store.insert_article(typed, typed + " text", content_hash(typed + " text"), typed)
    assert store.article(article_id).title == typed
    assert tables(store) == before
    assert_never_in_sql(store)


def test_the_command_line_stores_hostile_names_and_notes_as_typed(tmp_path):
    db = tmp_path / "cli.db"
    text = "The flood forced 6,000 people from their homes, the mayor said."
    with Store(db) as s, s.transaction():
        article_id = s.insert_article("Flood", text, content_hash(text))
        s.insert_claims(article_id, [NewClaim(text, 0, len(text))])
    runner = CliRunner()
    for typed in HOSTILE:
        result = runner.invoke(main, ["--db", str(db), "--reviewer", typed, "mark", "1", "verified", "--note", typed,
                                       "--force"])
        assert result.exit_code == 0, result.output
    with Store(db) as s:
        assert [(h.reviewer, h.note) for h in s.history(1)] == [(t, t) for t in HOSTILE]
        assert {"articles", "claims", "claim_history", "claim_links"} <= tables(s)
