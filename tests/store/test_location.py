"""What --db names (store.location): a SQLite file or a PostgreSQL URL kept as given, any other scheme refused, and
a password never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import StoreError
from store.location import PostgresLocation, SqliteLocation, parse_location, redact, scrub
from store.paths import ENV_DB, database_location


@pytest.mark.parametrize("url", ["postgresql://ana:pw@db.example:5433/claims?sslmode=require", "postgres://host/db",
                                 "postgresql:///claims?service=newsroom", "postgresql://", "POSTGRESQL://h/db"])
def test_a_postgresql_url_is_kept_exactly_as_given(url):
    location = parse_location(url)
    assert isinstance(location, PostgresLocation) and location.target == url


@pytest.mark.parametrize("text", ["claims.db", "folder/claims.db", "/abs/claims.db", "weird:name.db", "C:\\x.db"])
def test_anything_else_without_a_scheme_is_a_sqlite_file(text):
    assert parse_location(text) == SqliteLocation(Path(text))


def test_a_home_folder_is_expanded():
    assert parse_location("~/claims.db").target == Path.home() / "claims.db"


@pytest.mark.parametrize("url", ["mysql://root:hunter22@localhost/claims", "sqlite:///claims.db", "http://x/y",
                                 "postgresql+psycopg://u@h/d"])
def test_an_unknown_scheme_is_refused_in_one_sentence_without_the_password(url):
    with pytest.raises(StoreError) as refused:
        parse_location(url)
    message = str(refused.value)
    assert "cannot use a" in message and "hunter22" not in message
    assert message.count(". ") == 0 and message.endswith(".")


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://ana:secret@db.example:5432/claims", "postgresql://ana@db.example:5432/claims"),
    ("postgresql://ana:p%40ss@h/db", "postgresql://ana@h/db"),
    ("postgresql://:secret@h/db", "postgresql://h/db"),
    ("postgresql://ana@h/db", "postgresql://ana@h/db"),
    ("postgresql://ana:x@h1:5432,h2:5433/db?target_session_attrs=read-write",
     "postgresql://ana@h1:5432,h2:5433/db?target_session_attrs=read-write"),
    ("postgresql://h/db?sslmode=require&password=secret&connect_timeout=3",
     "postgresql://h/db?sslmode=require&connect_timeout=3"),
    ("postgresql://h/db?PASSWORD=secret", "postgresql://h/db"),
    ("postgresql:///claims?service=newsroom", "postgresql:///claims?service=newsroom"),
    ("claims.db", "claims.db"),
])
def test_redact_removes_the_password_and_nothing_else(url, shown):
    assert redact(url) == shown


def test_a_location_never_shows_its_password():
    location = parse_location("postgresql://ana:tops3cret@h/db")
    for text in (str(location), repr(location), location.display, f"{location}"):
        assert "tops3cret" not in text and "ana@h/db" in text


def test_scrub_hides_the_password_however_a_message_quotes_the_url():
    url = "postgresql://ana:p%40ss-word@h/db"
    for message in (f"cannot connect to {url}", "password p@ss-word rejected", "bad path postgresql:/ana:p%40ss-word"):
        cleaned = scrub(message, url)
        assert "p@ss-word" not in cleaned and "p%40ss-word" not in cleaned


def test_the_flag_comes_before_the_environment_before_the_config(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_DB, str(tmp_path / "env.db"))
    assert database_location("flag.db", "config.db").target == Path("flag.db")
    assert database_location(None, "config.db").target == tmp_path / "env.db"
    monkeypatch.delenv(ENV_DB)
    assert database_location(None, "postgresql://h/db").target == "postgresql://h/db"
    assert database_location(None, None).target.name == "claimdesk.db"
