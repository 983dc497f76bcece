"""Issue 15 item 7: a command that only reads never changes a database an earlier claimdesk made; it says to run
`claimdesk upgrade`, which upgrades after a backup, as the app and commands that write still do."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner
from old_schema import EARLIER, make_old_database

from store import Store, StoreError
from store.sqlite.schema import known_migrations
from tui.cli.main import main

READS = [["articles"], ["claims"], ["export"], ["match", "flood"], ["articles", "--earlier"]]


def state(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("CLAIMDESK_REVIEWER", "tester")
    return CliRunner()


@pytest.mark.parametrize("command", READS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("stop_before", [EARLIER[0], EARLIER[-1]])
def test_a_read_refuses_an_earlier_database_in_one_sentence_and_leaves_it_alone(runner, tmp_path, command,
                                                                                 stop_before):
    folder = tmp_path / "db"
    folder.mkdir()
    path = make_old_database(folder / "claimdesk.db", stop_before)
    before = state(folder)
    result = runner.invoke(main, ["--db", str(path), *command])
    assert result.exit_code != 0 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "claimdesk upgrade" in lines[0], result.output
    assert state(folder) == before


def test_upgrade_writes_a_backup_then_reads_work(runner, tmp_path):
    path = make_old_database(tmp_path / "claimdesk.db", EARLIER[-1])
    result = runner.invoke(main, ["--db", str(path), "upgrade"])
    assert result.exit_code == 0 and "upgraded" in result.output
    assert len([p for p in tmp_path.iterdir() if ".bak-" in p.name]) == 1
    assert runner.invoke(main, ["--db", str(path), "articles"]).exit_code == 0
    assert "up to date" in runner.invoke(main, ["--db", str(path), "upgrade"]).output


def test_a_write_still_upgrades(runner, tmp_path):
    path = make_old_database(tmp_path / "claimdesk.db", EARLIER[-1])
    assert runner.invoke(main, ["--db", str(path), "mark", "2", "verified"]).exit_code == 0
    with Store(path, upgrade=False) as store:
        assert store.claim(2).status == "verified"
    assert [p for p in tmp_path.iterdir() if ".bak-" in p.name]


def test_the_store_opened_for_reading_refuses_an_earlier_schema(tmp_path):
    path = make_old_database(tmp_path / "claimdesk.db", EARLIER[-1])
    with pytest.raises(StoreError, match="claimdesk upgrade"):
        Store(path, upgrade=False)
    with Store(path) as store:
        assert store.execute("SELECT COUNT(*) FROM _sqlite_migrations")[0][0] == len(known_migrations())
