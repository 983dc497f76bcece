"""The PostgreSQL backend's own promises: a connection the server drops loses nothing decided (the write that met
the cut is reported as not saved, the next one goes through), no password reaches a message, another program's
database is refused, and the migrations carry SQLite's names."""

from __future__ import annotations

import re

import psycopg
import pytest

from store import NewClaim, Store, StoreError, content_hash
from store.sqlite.schema import known_migrations

pytestmark = pytest.mark.postgres


def one_claim(store: Store) -> int:
    text = "The port handled 4,000 tonnes of grain in March, the harbour office said."
    with store.transaction():
        article_id = store.insert_article("Port figures", text, content_hash(text), "Harbour Wire")
        (claim_id,) = store.insert_claims(article_id, [NewClaim(text[:50], 0, 50)])
    return claim_id


def cut_connections(url: str) -> None:
    """What a server restart does to the connections of everyone else."""
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      " WHERE datname = current_database() AND pid <> pg_backend_pid()")


def test_a_dropped_connection_is_reported_not_saved_and_the_next_write_goes_through(pg_db_url):
    with Store(pg_db_url) as store:
        claim_id = one_claim(store)
        store.decide(claim_id, "verified", "ana", "harbour office figures")
        cut_connections(pg_db_url)
        with pytest.raises(StoreError, match="lost the connection .* was not saved") as refused:
            store.decide(claim_id, "disputed", "ana", "second thoughts")
        assert "\n" not in str(refused.value)
        store.decide(claim_id, "unverified", "ana", "asked the office again")
    with Store(pg_db_url) as other:
        assert other.claim(claim_id).status == "unverified"
        assert [h.to_status for h in other.history(claim_id)] == ["verified", "unverified"]


def test_a_password_in_the_url_never_reaches_a_message(pg_url):
    user = re.search(r"://([^:@/]*)@", pg_url)
    wrong = pg_url.replace(f"://{user.group(1)}@", f"://{user.group(1)}:s3cret-pw@", 1) if user else pg_url
    wrong = wrong.split("?")[0].rsplit("/", 1)[0] + "/no_such_claimdesk_db"
    assert "s3cret-pw" in wrong
    with pytest.raises(StoreError) as refused:
        Store(wrong)
    assert "s3cret-pw" not in str(refused.value) and "no_such_claimdesk_db" in str(refused.value)


def test_another_programs_database_is_refused_and_left_as_it_was(pg_db_url):
    with psycopg.connect(pg_db_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC)")
    with pytest.raises(StoreError, match="not a claimdesk archive; it was left untouched"):
        Store(pg_db_url)
    with psycopg.connect(pg_db_url) as conn:
        tables = {row[0] for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
    assert tables == {"invoices"}


def test_the_migrations_carry_the_same_names_as_on_sqlite(pg_db_url):
    with Store(pg_db_url):
        pass
    with psycopg.connect(pg_db_url) as conn:
        applied = [row[0] for row in conn.execute("SELECT name FROM claimdesk_migrations ORDER BY name")]
    assert applied == sorted(known_migrations())


def test_an_earlier_schema_is_refused_by_a_read_and_brought_up_to_date_by_upgrade(pg_db_url, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from store.postgres.schema import MIGRATIONS, MIGRATIONS_TABLE
    from tui.cli.main import main

    with psycopg.connect(pg_db_url, autocommit=True) as conn:  # an archive an earlier claimdesk (m008) made
        conn.execute(MIGRATIONS_TABLE)
        for name in list(MIGRATIONS)[:8]:
            for statement in MIGRATIONS[name]:
                conn.execute(statement)
            conn.execute("INSERT INTO claimdesk_migrations VALUES ('claimdesk', %s, 'then')", [name])
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(tmp_path / "none.toml"))
    runner = CliRunner()
    read = runner.invoke(main, ["--db", pg_db_url, "claims"])
    assert read.exit_code == 1 and "run `claimdesk upgrade`" in read.output
    upgraded = runner.invoke(main, ["--db", pg_db_url, "upgrade"])
    assert upgraded.exit_code == 0 and "2 steps: m009_team, m010_vectors" in upgraded.output
    assert runner.invoke(main, ["--db", pg_db_url, "claims"]).exit_code == 0
    assert "up to date" in runner.invoke(main, ["--db", pg_db_url, "upgrade"]).output
