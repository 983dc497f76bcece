"""Upgrading a database from each earlier claimdesk schema: in place, after a backup next to it, data intact."""

from __future__ import annotations

import hashlib
import sqlite3
import threading

import pytest
from old_schema import ARTICLES, CLAIMS, EARLIER, HISTORY_STEPS, LINKS, make_old_database

from store import Store, StoreError
from store.sqlite import upgrade as upgrade_module
from store.sqlite.schema import known_migrations


def applied(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def backups(folder) -> list:
    return sorted(p for p in folder.iterdir() if ".bak-" in p.name)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_old_data_intact(store: Store) -> None:
    assert [(a.id, a.title, a.source) for a in store.articles()] == [(a[0], a[1], a[2]) for a in ARTICLES]
    for article_id, _, _, text in ARTICLES:
        assert store.article(article_id).text == text
    for old in CLAIMS:
        claim = store.claim(old.id)
        assert (claim.text, claim.start, claim.end, claim.status, claim.note, claim.reviewer) == (
            old.text, old.start, old.end, old.status, old.note, old.reviewer)
        assert store.article(old.article_id).text[claim.start : claim.end] == claim.text
        steps = [(h.from_status, h.to_status) for h in store.history(old.id)]
        assert steps == HISTORY_STEPS.get(old.id, [])
    for claim_id, earlier_id, score, kind in LINKS:
        (link,) = store.links(claim_id)
        assert (link.earlier_id, link.score, link.kind) == (earlier_id, score, kind)


@pytest.mark.parametrize("stop_before", EARLIER, ids=[f"before-{name}" for name in EARLIER])
def test_an_earlier_database_is_upgraded_in_place_after_a_backup(tmp_path, stop_before):
    path = make_old_database(tmp_path / "claimdesk.db", stop_before)
    old_version = applied(path)
    with Store(path) as store:
        assert_old_data_intact(store)
        _, claim = store.decide(2, "unverified", "carla", "after the upgrade")
        assert claim.status == "unverified"
    assert applied(path) == known_migrations()
    (backup,) = backups(tmp_path)
    assert backup.name.startswith(f"claimdesk.db.bak-{old_version[-1]}-")
    assert applied(backup) == old_version
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT id, status FROM claims ORDER BY id").fetchall() == [(c.id, c.status) for c in CLAIMS]
    conn.close()


@pytest.mark.parametrize("stop_before", EARLIER, ids=[f"before-{name}" for name in EARLIER])
def test_an_upgraded_database_finds_its_old_claims_by_full_text(tmp_path, stop_before):
    path = make_old_database(tmp_path / "claimdesk.db", stop_before)
    with Store(path) as store:
        found = store.execute("SELECT rowid FROM claims_fts WHERE claims_fts MATCH '\"crowns\"'")
        assert [r[0] for r in found] == [2]


def test_a_current_database_is_opened_without_a_backup(tmp_path):
    path = make_old_database(tmp_path / "claimdesk.db", None)
    Store(path).close()
    assert backups(tmp_path) == []


def test_an_earlier_database_without_articles_is_upgraded_without_a_backup(tmp_path):
    path = make_old_database(tmp_path / "claimdesk.db", EARLIER[0], with_data=False)
    Store(path).close()
    assert applied(path) == known_migrations()
    assert backups(tmp_path) == []


def test_when_the_backup_cannot_be_written_nothing_is_migrated(tmp_path, monkeypatch):
    path = make_old_database(tmp_path / "claimdesk.db", EARLIER[0])
    before = digest(path)
    monkeypatch.setattr(upgrade_module, "backup_path", lambda p, schema: tmp_path / "gone" / "x.bak")
    with pytest.raises(StoreError, match="cannot write a backup .* left as it was"):
        Store(path)
    assert digest(path) == before
    assert applied(path) == known_migrations()[: known_migrations().index(EARLIER[0])]
    assert backups(tmp_path) == []


def test_two_programs_opening_an_old_database_at_once_upgrade_it_once(tmp_path):
    path = make_old_database(tmp_path / "claimdesk.db", EARLIER[0])
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def open_it() -> None:
        start.wait()
        try:
            Store(path).close()
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert applied(path) == known_migrations()
    assert len(backups(tmp_path)) == 1
    with Store(path) as store:
        assert_old_data_intact(store)


def test_claims_stored_before_ranking_stay_highlighted_and_are_ranked_by_score_within_their_article(tmp_path):
    path = make_old_database(tmp_path / "claimdesk.db", "m008_ranking")
    conn = sqlite3.connect(path)
    conn.executemany("UPDATE claims SET score = ? WHERE id = ?", [(0.4, 1), (0.9, 2), (0.7, 3)])
    conn.commit()
    conn.close()
    with Store(path) as store:
        ranked = {c.id: (c.rank, c.highlighted) for c in store.claims()}
    assert ranked == {1: (2, True), 2: (1, True), 3: (1, True)}
