"""Copying an archive table by table (store.copying): every table and column, ids kept, nothing derived copied,
a non-empty target refused, an interrupted copy leaves the target empty."""

from __future__ import annotations

import pytest

from store import Store, StoreError
from store.copying import TABLES, copy_tables, is_empty
from tests.store.full_archive import fill

DERIVED = {"claim_changes", "_sqlite_migrations", "sqlite_sequence"}  # what the target makes itself
CLOCK = "2026-05-10T09:00:00Z"


@pytest.fixture
def source(tmp_path):
    with Store(tmp_path / "source.db", clock=lambda: CLOCK) as store:
        fill(store)
        yield store


@pytest.fixture
def target(tmp_path):
    with Store(tmp_path / "target.db", clock=lambda: CLOCK) as store:
        yield store


def rows(store: Store, table: str) -> list[tuple]:
    columns, order = next((c, o) for t, c, o in TABLES if t == table)
    quoted = ", ".join(f'"{column}"' for column in columns)
    return store.execute(f"SELECT {quoted} FROM {table} ORDER BY {order}")


def test_every_table_and_column_of_the_schema_is_copied_or_derived(target):
    tables = {row[0] for row in target.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if "_fts" not in row[0]}
    assert tables - DERIVED == {table for table, _, _ in TABLES}
    for table, columns, _ in TABLES:
        assert [row[1] for row in target.execute(f"PRAGMA table_info({table})")] == list(columns), table


def test_a_copy_holds_every_row_with_its_ids(source, target):
    report = copy_tables(source, target)
    for table, _, _ in TABLES:
        if table != "archive_meta":
            assert rows(target, table) == rows(source, table), table
            assert report.rows[table] == len(rows(source, table)) > 0
    assert source.history(1) == target.history(1) and target.links(4) == source.links(4)


def test_the_copy_is_an_archive_of_its_own_with_its_own_indexes(source, target):
    copy_tables(source, target)
    assert target.archive_id() and target.archive_id() != source.archive_id()
    assert [r.id for r in target.search_claims("governor")] == [r.id for r in source.search_claims(
        "governor")] != []
    assert target.change_seq() >= target.claim_count()
    with target.transaction():
        new = target.insert_article("Later", "Later text.", "later-hash", "Wire")
    assert new == max(row[0] for row in rows(source, "articles")) + 1


def test_small_batches_copy_the_same(source, tmp_path):
    with Store(tmp_path / "small.db") as small:
        copy_tables(source, small, batch=2)
        for table, _, _ in TABLES:
            if table != "archive_meta":
                assert rows(small, table) == rows(source, table)


def test_a_non_empty_target_is_refused_and_left_as_it_was(source, target):
    copy_tables(source, target)
    before = rows(target, "claims")
    with pytest.raises(StoreError, match="not empty"):
        copy_tables(source, target)
    assert rows(target, "claims") == before


def test_a_copy_stopped_halfway_leaves_the_target_empty(source, target):
    calls = []

    def stop_at_the_third_batch(n):
        calls.append(n)
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copy_tables(source, target, progress=stop_at_the_third_batch, batch=2)
    assert is_empty(target) and rows(target, "articles") == []


def test_a_column_this_version_does_not_know_stops_the_copy_before_it_starts(source, target):
    source.execute("ALTER TABLE claims ADD COLUMN assigned_to TEXT")
    with pytest.raises(StoreError, match="does not know every column of the table claims"):
        copy_tables(source, target)
    assert is_empty(target)
