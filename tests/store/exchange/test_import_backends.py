"""Earlier fact-checks stored on PostgreSQL (one COPY a table a batch) give the rows SQLite's executemany gives:
the same articles, claims and history row for row, ids and all, over several batches; a row the database refuses,
or a value it cannot take, leaves the batch under way unstored and the batches before it kept, on both."""

from __future__ import annotations

import sqlite3

import pytest

from store import NewClaim, Store, content_hash
from store.copying import TABLES
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict

CLOCK = "2026-05-10T09:00:00Z"
# Text COPY must carry as written: backslashes, its own NULL marker, tabs, newlines, quotes, non-ASCII.
CHECKS = [
    ImportedVerdict("The minister fled to Norland.", "disputed", "Pants on Fire", "https://fc.example/1", "Ivo Dane",
                    "2026-04-01", "FactDesk", title="No, the minister did not flee", subtitle="He was home"),
    ImportedVerdict(r"A path C:\new\table and \N stayed \\ as written", "verified", "True", None, None, None,
                    "FactDesk"),
    ImportedVerdict("Tabs\tand\nnewlines\r\nin a claim", "unverified", "", "https://fc.example/3", "", "", None),
    ImportedVerdict("Ünïcode „quotes“ 'single' \"double\" — and 😀", "disputed", "kinda", "https://fc.example/4",
                    "Kari Nordmann", "2025-12-30", "Øst Fakta", known=False, title="Ünïcode"),
    ImportedVerdict("The minister fled to Norland.", "disputed", "Pants on Fire", "https://fc.example/1", "Ivo Dane",
                    "2026-04-01", "FactDesk"),  # the first one again: stored once
    ImportedVerdict("A NUL\x00inside", "verified", "Correct", "https://fc.example/6", None, None, "FactDesk"),
    ImportedVerdict("Exports rose 3% in March; 100% sure?", "verified", "True", "https://fc.example/7", None,
                    "2026-03-31", "Other Checks", title="Exports", subtitle="%s and %(name)s stay text"),
]
STORED = ("articles", "claims", "claim_history")


def rows(store: Store, table: str) -> list[tuple]:
    columns, order = next((c, o) for t, c, o in TABLES if t == table)
    quoted = ", ".join(f'"{column}"' for column in columns)
    return [tuple(row) for row in store.execute(f"SELECT {quoted} FROM {table} ORDER BY {order}")]


def as_postgres_stores(value):
    """What PostgreSQL's text can hold of a value (a NUL character is kept as U+FFFD, as every write does)."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def loaded_article(store: Store) -> None:
    text = "The minister fled to Norland, officials said."
    with store.transaction():
        article_id = store.insert_article("Minister abroad", text, content_hash(text), "Harbour Wire")
        store.insert_claims(article_id, [NewClaim("The minister fled to Norland", 0, 28, 0.9, "event", None)])


@pytest.fixture
def both(new_archive):
    """A SQLite and a PostgreSQL archive, each with one loaded article, the same checks imported 2 a batch."""
    stores = {}
    for kind in ("sqlite", "postgres"):
        store = Store(new_archive(kind), clock=lambda: CLOCK)
        loaded_article(store)
        store.report = add_earlier_checks(store, CHECKS, origin="import:checks.csv", batch=2)
        stores[kind] = store
    yield stores
    for store in stores.values():
        store.close()


@pytest.mark.postgres
def test_the_same_checks_are_the_same_rows_on_both_backends(both):
    lite, pg = both["sqlite"], both["postgres"]
    assert (pg.report.added, pg.report.duplicates) == (lite.report.added, lite.report.duplicates) == (6, 1)
    assert pg.report.first_id == lite.report.first_id == 2
    for table in STORED:
        expected = [tuple(as_postgres_stores(value) for value in row) for row in rows(lite, table)]
        assert rows(pg, table) == expected, table
    nul = next(row for row in rows(pg, "claims") if row[4].startswith("A NUL"))
    assert nul[4] == "A NUL\ufffdinside"
    assert list(pg.earlier_check_texts(with_subtitle=True)) == [
        tuple(map(as_postgres_stores, row)) for row in lite.earlier_check_texts(with_subtitle=True)]
    assert [r.claim for r in pg.search_earlier_checks("minister")] == ["The minister fled to Norland."]


@pytest.mark.postgres
def test_after_an_import_new_rows_take_the_next_ids_on_both(both):
    for store in both.values():
        text = "A later article about the dam."
        with store.transaction():
            article_id = store.insert_article("Later", text, content_hash(text), "Harbour Wire")
            (claim_id,) = store.insert_claims(article_id, [NewClaim("A later article", 0, 15, 0.5, "other", None)])
        store.decide(claim_id, "verified", "ana")
        assert (article_id, claim_id) == (8, 8)
        assert [h.id for h in store.history(claim_id)] == [7]
    assert add_earlier_checks(both["postgres"], CHECKS, origin="import:again").added == 0


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_value_the_database_cannot_take_keeps_the_batches_before_it(kind, new_archive):
    bad = ImportedVerdict("A lone surrogate \ud800 here", "verified", "True", "https://fc.example/bad", None, None,
                          "FactDesk")
    with Store(new_archive(kind), clock=lambda: CLOCK) as store:
        with pytest.raises(UnicodeEncodeError):
            add_earlier_checks(store, [*CHECKS[:4], bad, CHECKS[6]], origin="import:checks.csv", batch=2)
        assert store.claim_count() == 4 and len(rows(store, "claim_history")) == 4
        again = add_earlier_checks(store, CHECKS, origin="import:checks.csv", batch=2)
        assert (again.added, again.duplicates) == (2, 5) and store.claim_count() == 6


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_row_the_database_refuses_stores_none_of_its_rows(kind, new_archive):
    with Store(new_archive(kind), clock=lambda: CLOCK) as store:
        add_earlier_checks(store, CHECKS[:1], origin="import:a")
        history = [(1, CLOCK, "ana", "disputed", "verified", None, "status", None, None),
                   (99, CLOCK, "ana", "verified", "disputed", None, "status", None, None)]  # there is no claim 99
        columns = ("claim_id", "at", "reviewer", "from_status", "to_status", "note", "action", "evidence",
                   "source_claim_id")
        with pytest.raises(sqlite3.IntegrityError), store.transaction():
            store.insert_rows("claim_history", columns, history)
        assert len(rows(store, "claim_history")) == 1
        assert add_earlier_checks(store, CHECKS[1:2], origin="import:b").added == 1


def test_links_stored_together_are_the_links_stored_one_by_one(backend_db):
    with Store(backend_db, clock=lambda: CLOCK) as store:
        loaded_article(store)
        ids = add_earlier_checks(store, CHECKS[:3], origin="import:a").claim_ids
        store.insert_link(1, ids[0], 50.0, "related")
        with store.transaction():
            store.insert_links([(1, ids[0], 91.5, "same"), (1, ids[1], 70.0, "related"), (1, ids[1], 72.0, "same")])
            store.insert_links([])
            store.set_linked(ids[:2])
        assert [(link.earlier_id, link.score, link.kind) for link in store.links(1)] == [
            (ids[0], 91.5, "same"), (ids[1], 72.0, "same")]
        assert store.imported_checks_to_link(limit=10) == ids[2:]
