"""The store: schema, decisions with history, links, duplicates, and files that are not ours."""

from __future__ import annotations

import sqlite3

import pytest

from store import NewClaim, NotFoundError, Store, StoreError, content_hash

TEXT = "PORT ELLIS, May 2 (Harbour Wire) - The dam will cost 4.2 billion crowns, the ministry said. It rained."


def add_article(store: Store, text: str = TEXT, title: str = "Dam costs") -> tuple[int, list[int]]:
    with store.transaction():
        article_id = store.insert_article(title, text, content_hash(text), "Harbour Wire")
        start = text.index("The dam")
        end = text.index("said.") + len("said.")
        ids = store.insert_claims(article_id, [NewClaim(text[start:end], start, end, 0.9, "quantity", "the ministry")])
    return article_id, ids


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-01-02T03:04:05Z") as s:
        yield s


def test_a_new_claim_is_pending_and_its_span_is_in_the_article(store):
    article_id, (claim_id,) = add_article(store)
    claim = store.claim(claim_id)
    assert claim.status == "pending"
    assert store.article(article_id).text[claim.start : claim.end] == claim.text


@pytest.mark.parametrize("status", ["verified", "disputed", "unverified", "pending"])
def test_a_decision_is_stored_with_who_and_when_and_kept_in_history(store, status):
    _, (claim_id,) = add_article(store)
    store.decide(claim_id, "verified", "ana", "first look")
    store.decide(claim_id, status, "ben", "second look")
    claim = store.claim(claim_id)
    assert (claim.status, claim.reviewer, claim.reviewed_at, claim.note) == (
        status, "ben", "2026-01-02T03:04:05Z", "second look")
    steps = [(h.from_status, h.to_status, h.reviewer, h.note) for h in store.history(claim_id)]
    assert steps == [("pending", "verified", "ana", "first look"), ("verified", status, "ben", "second look")]


def test_a_decision_survives_reopening_the_file(backend_db):
    with Store(backend_db) as store:
        _, (claim_id,) = add_article(store)
        store.decide(claim_id, "disputed", "ana")
    with Store(backend_db) as store:
        assert store.claim(claim_id).status == "disputed"


def test_an_unknown_status_is_refused_and_nothing_changes(store):
    _, (claim_id,) = add_article(store)
    with pytest.raises(StoreError, match="unknown status"):
        store.decide(claim_id, "true", "ana")
    assert store.claim(claim_id).status == "pending"
    assert store.history(claim_id) == []


def test_marking_a_missing_claim_says_so(store):
    with pytest.raises(NotFoundError, match="no claim 99"):
        store.decide(99, "verified", "ana")


def test_article_summaries_count_decided_claims(store):
    article_id, (claim_id,) = add_article(store)
    store.decide(claim_id, "verified", "ana")
    (summary,) = store.articles()
    assert (summary.id, summary.claims, summary.decided, summary.progress) == (article_id, 1, 1, "1/1")


def test_the_same_text_reworded_in_whitespace_or_case_hashes_alike():
    assert content_hash("A  b\nC") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def test_a_second_article_with_the_same_hash_is_refused(store):
    add_article(store)
    with pytest.raises(sqlite3.IntegrityError):
        add_article(store)
    assert store.article_count() == 1


def test_links_show_the_earlier_claims_verdict_and_article(store):
    first, (earlier,) = add_article(store, title="First")
    store.decide(earlier, "disputed", "ana", "cost was 2.4bn")
    text = "According to the ministry, the dam will cost 4.2 billion crowns."
    with store.transaction():
        second = store.insert_article("Second", text, content_hash(text))
        (later,) = store.insert_claims(second, [NewClaim(text, 0, len(text))])
        store.insert_link(later, earlier, 91.5, "same")
    (link,) = store.links(later)
    assert (link.earlier_id, link.score, link.kind, link.status, link.note, link.article_title) == (
        earlier, 91.5, "same", "disputed", "cost was 2.4bn", "First")


def test_a_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.insert_article("T", "x", content_hash("x"))
        raise RuntimeError("interrupted")
    assert store.article_count() == 0


def test_the_file_is_plain_sqlite_in_wal_mode_with_foreign_keys(tmp_path):
    with Store(tmp_path / "t.db") as store:
        add_article(store)
        assert store.execute("PRAGMA journal_mode")[0][0] == "wal"
        assert store.execute("PRAGMA foreign_keys")[0][0] == 1
    conn = sqlite3.connect(tmp_path / "t.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "claims", "claim_history", "claim_links"} <= tables


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(path)
    assert path.read_bytes() == before


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a claimdesk one"):
        Store(path)
    tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert tables == {"recipes"}


def test_a_database_from_a_newer_claimdesk_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('claimdesk', 'm999', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer claimdesk"):
        Store(path)
