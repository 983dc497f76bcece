"""The archive's match index persists between processes: opened from its snapshot, kept in step with every
write (by this process or another), and rebuilt, never trusted, when missing, damaged or not this archive's."""

from __future__ import annotations

import shutil

import pytest

from claims.desk import match_index
from claims.desk.match_index import index_root, open_index
from store import NewClaim, Store, content_hash

TEXTS = [
    "The flood forced 6,000 people from their homes, the interior ministry said.",
    "The dam will cost 4.2 billion crowns, according to the finance ministry.",
    "Unemployment fell to 4.1 percent in March, the lowest in a decade.",
]


def add_article(store: Store, text: str, title: str = "A") -> list[int]:
    with store.transaction():
        article_id = store.insert_article(title, text, content_hash(text), "Wire")
        return store.insert_claims(article_id, [NewClaim(text, 0, len(text), 0.8, "quantity", None, None)])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "archive.db"
    with Store(path) as store:
        for n, text in enumerate(TEXTS):
            add_article(store, text, f"Article {n}")
    return path


def best(index, text: str) -> int | None:
    hits = index.matcher.search(text, limit=1, min_score=0)
    return hits[0].claim_id if hits else None


def never_read_whole(store: Store) -> Store:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the whole archive was read")

    store.claim_texts = refuse
    return store


def test_the_first_open_builds_and_keeps_it_the_next_reads_no_archive(db):
    with Store(db) as store:
        first = open_index(store)
        assert best(first, "the flood forced 6,000 people from their homes") == 1
    assert (index_root() / Store(db).archive_id() / "meta.json").exists()
    with Store(db) as store:
        again = open_index(never_read_whole(store))
        assert best(again, "the dam will cost 4.2 billion crowns") == 2
        assert len(again.matcher) == 3


def test_writes_by_another_program_are_seen_on_the_next_open_and_on_catch_up(db):
    with Store(db) as store:
        open_index(store)
    with Store(db) as other:  # another program: a load, an edit, a deletion
        (new_id,) = add_article(other, "Rice prices doubled in March, according to the statistics office.")
        other.change_span(1, 0, len("The flood forced 6,000 people"), "bo")
        other.delete_claim(3, "bo")
    with Store(db) as store:
        index = open_index(never_read_whole(store))
        assert best(index, "rice prices doubled in March") == new_id
        assert best(index, "unemployment fell to 4.1 percent") != 3
        assert "interior ministry" not in index.matcher._index.text(index.matcher._index.slot_of(1))


def test_an_open_index_catches_up_with_undo_of_a_deletion(db):
    with Store(db) as store:
        index = open_index(store)
        before, _ = store.delete_claim(2, "ana")
        index.catch_up(store)
        assert best(index, "the dam will cost 4.2 billion crowns") != 2
        store.restore(2, before, "ana", "undo")
        assert index.catch_up(store) == 1
        assert best(index, "the dam will cost 4.2 billion crowns") == 2


def test_a_damaged_snapshot_is_rebuilt_not_trusted(db):
    with Store(db) as store:
        open_index(store)
        folder = index_root() / store.archive_id()
    (folder / "postings.npy").write_bytes(b"garbage")
    with Store(db) as store:
        assert best(open_index(store), "unemployment fell to 4.1 percent in March") == 3


def test_an_archive_restored_from_an_older_copy_is_rebuilt(db, tmp_path):
    shutil.copy(db, tmp_path / "older.db")
    with Store(db) as store:
        add_article(store, "The bridge cost $40 million and opened two years late.")
        add_article(store, "The port handled 12 million containers last year.")
        open_index(store)
    shutil.copy(tmp_path / "older.db", db)  # same archive id, older history
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"archive.db{suffix}").unlink(missing_ok=True)
    with Store(db) as store:
        add_article(store, "Wheat exports fell by a third in 2024.")  # journal numbers reused by other claims
        add_article(store, "The ferry carried 900 passengers a day.")
        index = open_index(store)
        assert len(index.matcher) == 5
        assert best(index, "the bridge cost $40 million and opened two years late") not in {4}  # it is gone


def test_a_big_enough_change_writes_a_new_snapshot(db, monkeypatch):
    monkeypatch.setattr(match_index, "REFRESH_AT", 2)
    with Store(db) as store:
        index = open_index(store)
        add_article(store, "The bridge cost $40 million and opened two years late.")
        add_article(store, "The port handled 12 million containers last year.")
        index.matcher.add_many(store.claim_texts())
        assert index.save_if_grown(store, at_least=2)
    with Store(db) as store:
        again = open_index(never_read_whole(store))
        assert again.matcher.changed_since_base == 0 and len(again.matcher) == 5
