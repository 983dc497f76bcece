"""Copying an archive table by table (store.copying): every table and column, ids kept, nothing derived copied,
a non-empty target refused, an interrupted copy leaves the target empty."""

from __future__ import annotations

import pytest

from store import Store, StoreError
from store.copying import TABLES, copy_tables, is_empty
from tests.store.full_archive import fill

# What the target makes itself (SQLite's and PostgreSQL's bookkeeping, the change journal).
DERIVED = {"claim_changes", "_sqlite_migrations", "sqlite_sequence", "claimdesk_migrations", "archive_version"}
CLOCK = "2026-05-10T09:00:00Z"


# (source backend, target backend): every way a copy goes between SQLite files and PostgreSQL servers.
ROUTES = [("sqlite", "sqlite"), pytest.param(("sqlite", "postgres"), marks=pytest.mark.postgres),
          pytest.param(("postgres", "sqlite"), marks=pytest.mark.postgres)]


@pytest.fixture(params=ROUTES, ids=lambda route: "-to-".join(route))
def route(request):
    return request.param


@pytest.fixture
def source(route, new_archive):
    with Store(new_archive(route[0]), clock=lambda: CLOCK) as store:
        fill(store)
        yield store


@pytest.fixture
def target(route, new_archive):
    with Store(new_archive(route[1]), clock=lambda: CLOCK) as store:
        yield store


def rows(store: Store, table: str) -> list[tuple]:
    columns, order = next((c, o) for t, c, o in TABLES if t == table)
    quoted = ", ".join(f'"{column}"' for column in columns)
    return store.execute(f"SELECT {quoted} FROM {table} ORDER BY {order}")


def schema_of(store: Store) -> dict[str, list[str]]:
    """Each table the archive keeps (no full-text index tables), with its columns in order."""
    if store.dialect == "sqlite":
        tables = [row[0] for row in store.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if "_fts" not in row[0]]
        return {table: [row[1] for row in store.execute(f"PRAGMA table_info({table})")] for table in tables}
    found: dict[str, list[str]] = {}
    for table, column in store.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t"
            " ON t.table_name = c.table_name AND t.table_schema = c.table_schema WHERE t.table_type = 'BASE TABLE'"
            " AND c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position"):
        found.setdefault(table, []).append(column)
    return found


def test_every_table_and_column_of_the_schema_is_copied_or_derived(target):
    schema = schema_of(target)
    assert set(schema) - DERIVED == {table for table, _, _ in TABLES}
    for table, columns, _ in TABLES:
        assert schema[table] == list(columns), table


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
    source.execute("ALTER TABLE claims ADD COLUMN later_column TEXT")
    with pytest.raises(StoreError, match="does not know every column of the table claims"):
        copy_tables(source, target)
    assert is_empty(target)
