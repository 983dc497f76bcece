"""claimdesk backup: a consistent, self-contained copy, even while another connection keeps deciding."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from store import NewClaim, Store, StoreError, content_hash
from store.sqlite.backup import backup


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "live.db"
    with Store(path) as store:
        for n in range(20):
            text = f"Claim number {n} says {n * 7} people left."
            with store.transaction():
                article_id = store.insert_article(f"A{n}", text, content_hash(text))
                store.insert_claims(article_id, [NewClaim(text, 0, len(text))])
    return path


def consistent(path) -> bool:
    """Every claim's status is the to_status of its last history row: no decision half-written."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT c.status, (SELECT to_status FROM claim_history h WHERE h.claim_id = c.id ORDER BY h.id DESC"
            " LIMIT 1) FROM claims c"
        ).fetchall()
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and all(
            last is None or status == last for status, last in rows)
    finally:
        conn.close()


def test_a_backup_taken_during_a_stream_of_decisions_is_consistent(db_path, tmp_path):
    stop, written = threading.Event(), []

    def writer():
        with Store(db_path) as store:
            statuses = ("verified", "disputed", "unverified")
            while not stop.is_set():
                n = len(written)
                store.decide(n % 20 + 1, statuses[n % 3], "writer")
                written.append(n)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = []
        for i in range(5):
            while len(written) < 20 * (i + 1):
                stop.wait(0.001)
            copies.append(backup(db_path, tmp_path / f"copy{i}.db"))
    finally:
        stop.set()
        thread.join()
    assert all(consistent(c.target) for c in copies)
    with sqlite3.connect(copies[-1].target) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT COUNT(*) FROM claim_history").fetchone()[0] >= 100
    assert not list(tmp_path.glob("*.partial"))


def test_the_copy_opens_as_a_claimdesk_database(db_path, tmp_path):
    result = backup(db_path, tmp_path / "copy.db")
    assert (result.articles, result.claims) == (20, 20)
    with Store(result.target) as copy:
        assert copy.claim_count() == 20


@pytest.mark.parametrize("case", ["exists", "itself", "not-claimdesk"])
def test_a_backup_that_would_lose_something_is_refused(db_path, tmp_path, case):
    target = tmp_path / "copy.db"
    source = db_path
    if case == "exists":
        target.write_text("keep me")
    elif case == "itself":
        target = db_path
    else:
        source = tmp_path / "other.db"
        sqlite3.connect(source).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError):
        backup(source, target)
    if case == "exists":
        assert target.read_text() == "keep me"
