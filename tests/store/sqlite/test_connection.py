"""Opening files that are not (or no longer) usable claimdesk databases: a clear message, the file untouched."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import stat

import pytest
from click.testing import CliRunner
from old_schema import EARLIER, make_old_database

from store import NewClaim, Store, StoreError, content_hash
from store.errors import DamagedDatabaseError, DatabaseBusyError
from store.sqlite import connection
from tui.cli.main import main


def snapshot(folder) -> dict[str, str]:
    """Every file in the folder with a hash of its bytes: what 'left exactly as it was' means."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def claimdesk_db(path, articles: int = 30):
    with Store(path) as store:
        for n in range(articles):
            text = f"Report {n}: the council spent {n * 13} million crowns on {n} bridges. " * 20
            with store.transaction():
                article_id = store.insert_article(f"Report {n}", text, content_hash(text))
                store.insert_claims(article_id, [NewClaim(text[:40], 0, 40)])
    return path


def text_file(folder):
    path = folder / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    return path


def other_program(folder, wal: bool = False):
    path = folder / "recipes.db"
    conn = sqlite3.connect(path, isolation_level=None)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.close()
    return path


def newer_claimdesk(folder):
    path = claimdesk_db(folder / "new.db", articles=1)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('claimdesk', 'm999_x', 'x')")
    conn.close()
    return path


def cut_short(folder):
    path = claimdesk_db(folder / "cut.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def page_size(path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big")


def schema_scribbled(folder):
    path = claimdesk_db(folder / "scribbled.db")
    data = bytearray(path.read_bytes())
    data[100 : page_size(path)] = bytes([0xA5]) * (page_size(path) - 100)
    path.write_bytes(bytes(data))
    return path


def old_and_damaged(folder):
    """An earlier schema version with one data page overwritten: it must not be backed up or migrated."""
    path = make_old_database(folder / "old.db", EARLIER[0])
    with sqlite3.connect(path) as conn:
        for n in range(40):
            text = f"Filler article {n} " + "words " * 300
            conn.execute("INSERT INTO articles (title, text, content_hash, loaded_at) VALUES ('f', ?, ?, 'x')",
                         [text, f"h{n}"])
    conn.close()
    data = bytearray(path.read_bytes())
    size = page_size(path)
    page = len(data) // size - 2
    data[page * size : (page + 1) * size] = random.Random(8).randbytes(size)
    path.write_bytes(bytes(data))
    return path


CASES = [
    pytest.param(text_file, "not a SQLite database", id="text-file"),
    pytest.param(other_program, "not a claimdesk one", id="another-programs-database"),
    pytest.param(lambda f: other_program(f, wal=True), "not a claimdesk one", id="another-programs-wal-database"),
    pytest.param(newer_claimdesk, "newer claimdesk", id="newer-claimdesk"),
    pytest.param(cut_short, "is damaged", id="cut-short"),
    pytest.param(schema_scribbled, "is damaged|not a SQLite", id="schema-page-scribbled"),
    pytest.param(old_and_damaged, "is damaged", id="old-version-with-a-damaged-page"),
]


@pytest.mark.parametrize(("make", "message"), CASES)
def test_an_unusable_file_is_refused_and_left_exactly_as_it_was(tmp_path, make, message):
    path = make(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(StoreError, match=message):
        Store(path)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("make", "message"), CASES)
def test_the_command_line_says_why_in_one_line_without_a_traceback(tmp_path, make, message):
    path = make(tmp_path)
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, ["--db", str(path), "articles"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: ")
    assert snapshot(tmp_path) == before


def test_a_damaged_page_found_by_a_later_query_is_reported_not_raised(tmp_path):
    path = claimdesk_db(tmp_path / "pages.db", articles=60)
    data = bytearray(path.read_bytes())
    size = page_size(path)
    page = len(data) // size - 3
    data[page * size : (page + 1) * size] = bytes([0x5A]) * size
    path.write_bytes(bytes(data))
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, ["--db", str(path), "export", "--format", "jsonl"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "is damaged" in result.output
    assert snapshot(tmp_path) == before


@pytest.fixture
def read_only(tmp_path):
    made = []

    def make(path):
        made.append(path)
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | (stat.S_IXUSR if path.is_dir() else 0))
        return path

    yield make
    for path in made:
        path.chmod(stat.S_IRWXU)


def test_a_read_only_database_is_refused_and_left_alone(tmp_path, read_only):
    path = read_only(claimdesk_db(tmp_path / "ro.db", articles=2))
    before = snapshot(tmp_path)
    with pytest.raises(StoreError, match="read-only"):
        Store(path)
    assert snapshot(tmp_path) == before


def test_a_database_in_a_read_only_folder_is_refused_and_left_alone(tmp_path, read_only):
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = claimdesk_db(folder / "c.db", articles=2)
    read_only(folder)
    before = snapshot(folder)
    with pytest.raises(StoreError, match="read-only"):
        Store(path)
    assert snapshot(folder) == before


def test_a_new_database_cannot_be_made_in_a_read_only_folder(tmp_path, read_only):
    folder = read_only(tmp_path)
    with pytest.raises(StoreError, match="read-only"):
        Store(folder / "new.db")
    assert not (folder / "new.db").exists()


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)


def test_a_database_another_program_keeps_locked_is_refused_and_left_alone(tmp_path, short_wait):
    path = claimdesk_db(tmp_path / "locked.db", articles=2)
    locker = sqlite3.connect(path, isolation_level=None)
    locker.execute("PRAGMA locking_mode = EXCLUSIVE")
    locker.execute("BEGIN EXCLUSIVE")
    locker.execute("UPDATE articles SET title = 'changed' WHERE id = 1")
    before = snapshot(tmp_path)
    try:
        with pytest.raises(DatabaseBusyError, match="locked by another program"):
            Store(path)
        assert snapshot(tmp_path) == before
    finally:
        locker.execute("ROLLBACK")
        locker.close()


def test_a_write_that_waits_too_long_is_refused_with_a_message_and_changes_nothing(tmp_path, short_wait):
    path = claimdesk_db(tmp_path / "busy.db", articles=1)
    with Store(path) as holder, Store(path) as waiter:
        (claim,) = waiter.claims()
        with holder.transaction():
            with pytest.raises(DatabaseBusyError, match="nothing was changed"):
                waiter.decide(claim.id, "verified", "ana")
        assert waiter.claim(claim.id).status == "pending"
        assert waiter.history(claim.id) == []


def test_an_empty_file_becomes_a_new_database(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with Store(path) as store:
        assert store.article_count() == 0


def test_a_damaged_error_is_its_own_kind(tmp_path):
    with pytest.raises(DamagedDatabaseError):
        Store(cut_short(tmp_path))
