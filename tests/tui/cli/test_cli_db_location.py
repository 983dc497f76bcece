"""--db, $CLAIMDESK_DB and the config file's db (issue 19): a SQLite file or a PostgreSQL URL; an unknown scheme and
a missing folder are refused in one sentence with nothing created; a password is never printed."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, content_hash
from tui.cli.main import main

TEXT = "PORT ELLIS, May 2 - The dam will cost 4.2 billion crowns, the ministry said."


def one_line(result) -> str:
    assert result.exit_code != 0 and "Traceback" not in result.output
    lines = [line for line in result.output.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "desk.db"
    with Store(path) as store, store.transaction():
        article_id = store.insert_article("Dam", TEXT, content_hash(TEXT), "Wire")
        store.insert_claims(article_id, [NewClaim(TEXT[20:], 20, len(TEXT))])
    return path


@pytest.mark.parametrize("command", [[], ["articles"], ["mark", "1", "verified"], ["backup", "b.db"]])
def test_an_unknown_scheme_is_refused_before_anything_is_made(runner, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    line = one_line(runner.invoke(main, ["--db", "mysql://root:hunter22@localhost/claims", *command]))
    assert "mysql://" in line and "postgresql://" in line and "hunter22" not in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [[], ["articles"]])
def test_a_missing_folder_is_refused_and_not_created(runner, tmp_path, command):
    line = one_line(runner.invoke(main, ["--db", str(tmp_path / "typo" / "desk.db"), *command]))
    assert "typo" in line
    assert not (tmp_path / "typo").exists()


def test_the_config_files_db_is_used_when_neither_flag_nor_environment_says(runner, tmp_path, monkeypatch, archive):
    monkeypatch.delenv("CLAIMDESK_DB", raising=False)
    (tmp_path / "config.toml").write_text(f'db = "{archive}"\n', encoding="utf-8")
    result = runner.invoke(main, ["articles"])
    assert result.exit_code == 0, result.output
    assert "Dam" in result.output


def test_a_db_in_the_config_that_is_not_text_is_a_warning_not_a_crash(runner, tmp_path, archive):
    (tmp_path / "config.toml").write_text("db = 3\n", encoding="utf-8")
    result = runner.invoke(main, ["--db", str(archive), "articles"])
    assert result.exit_code == 0 and "db must be a quoted text" in result.output


def test_a_postgresql_url_is_passed_on_and_its_password_never_printed(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())
    line = one_line(runner.invoke(main, ["--db", "postgresql://ana:s3cr%40t@127.0.0.1:1/desk", "articles"]))
    assert "127.0.0.1" in line and "s3cr" not in line
    assert sorted(tmp_path.iterdir()) == before


def test_a_file_command_on_a_postgresql_archive_says_so(runner, tmp_path):
    line = one_line(runner.invoke(main, ["--db", "postgresql://ana:pw@127.0.0.1:1/desk", "backup",
                                         str(tmp_path / "copy.db")]))
    assert "SQLite database file" in line and "pw@" not in line and "claimdesk copy" in line


def test_upgrade_of_an_unreachable_server_says_so_without_the_password(runner):
    line = one_line(runner.invoke(main, ["--db", "postgresql://ana:pw@127.0.0.1:1/desk", "upgrade"]))
    assert "cannot connect to the PostgreSQL archive postgresql://ana@127.0.0.1:1/desk" in line and "pw" not in line
