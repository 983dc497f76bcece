"""The tests' PostgreSQL server (tests/postgres_server.py, .ci/postgres.sh): it answers, each test's database is its
own, and under CI=true a PostgreSQL test that cannot run fails rather than passing unnoticed as a skip."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import psycopg
import pytest

from tests.postgres_server import Unavailable, check, fresh_database, with_database


def test_the_server_answers(pg_url):
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
        assert conn.execute("SHOW server_encoding").fetchone() == ("UTF8",)


def test_a_fresh_database_starts_empty_and_is_its_own(pg_db_url, pg_url):
    assert pg_db_url != pg_url
    with psycopg.connect(pg_db_url) as conn:
        tables = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        assert tables.fetchone() == (0,)
        conn.execute("CREATE TABLE mine (n integer)")
        conn.execute("INSERT INTO mine VALUES (7)")
    with psycopg.connect(pg_url) as conn:
        found = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'mine'").fetchone()
    assert found == (0,)


def test_a_second_fresh_database_does_not_see_the_first(pg_db_url):
    with psycopg.connect(pg_db_url) as conn:
        conn.execute("CREATE TABLE mine (n integer)")  # the name the test above used: no clash
        assert conn.execute("SELECT count(*) FROM mine").fetchone() == (0,)


def test_the_fresh_database_is_dropped_after_the_test(pg_url):
    with fresh_database(pg_url) as url:
        name = url.rsplit("/", 1)[1]
        check(url)
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name]).fetchone() == (0,)


def test_an_unreachable_server_is_unavailable_with_the_url_but_not_its_password():
    with pytest.raises(Unavailable) as reason:
        check("postgresql://ana:s3cret-word@127.0.0.1:1/nothing")
    assert "127.0.0.1" in str(reason.value) and "s3cret-word" not in str(reason.value)


def test_with_database_keeps_everything_but_the_name():
    assert (with_database("postgresql://u@h:5433/a?sslmode=disable", "b")
            == "postgresql://u@h:5433/b?sslmode=disable")


_NEEDS_SERVER = textwrap.dedent('''
    import pytest

    @pytest.mark.postgres
    def test_needs_a_server():
        pytest.skip("PostgreSQL not available: none here")

    def test_plain():
        pytest.skip("not a PostgreSQL reason")
''')


@pytest.mark.parametrize(("ci", "outcome"), [("true", "1 failed, 1 skipped"), ("", "2 skipped")])
def test_under_ci_a_skipped_postgres_test_fails(tmp_path, ci, outcome):
    (tmp_path / "test_pg.py").write_text(_NEEDS_SERVER, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
         "-c", "/dev/null", "-p", "tests.conftest", str(tmp_path / "test_pg.py")],
        capture_output=True, text=True, env={**_env(), "CI": ci}, check=False, timeout=120,
    )
    assert outcome in run.stdout, run.stdout + run.stderr
    if ci:
        assert "CI=true and a PostgreSQL test was skipped: PostgreSQL not available: none here" in run.stdout


def _env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "CI"}


def test_backend_db_names_a_new_sqlite_file_or_a_fresh_postgresql_database(backend_db, tmp_path):
    if backend_db.startswith("postgresql://"):
        with psycopg.connect(backend_db) as conn:
            assert conn.execute("SELECT current_database()").fetchone()[0].startswith("claimdesk_t_")
    else:
        assert backend_db == str(tmp_path / "archive.db") and not os.path.exists(backend_db)
