"""`claimdesk copy` of the demo archive (fixtures/demo.py) there and back gives the same CSV and JSON Lines exports
byte for byte, and the same history and links row for row: SQLite -> SQLite -> SQLite, and SQLite -> PostgreSQL ->
SQLite (issue 19)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from store import Store
from tests.conftest import BACKENDS
from tui.cli.main import main

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo.py"
TABLES = {"history": "SELECT * FROM claim_history ORDER BY id", "links": "SELECT * FROM claim_links ORDER BY 1, 2",
          "claims": "SELECT * FROM claims ORDER BY id", "conflicts": "SELECT * FROM claim_conflicts ORDER BY 1, 2"}


def export(runner: CliRunner, db: Path | str, fmt: str = "csv") -> bytes:
    result = runner.invoke(main, ["--db", str(db), "export", "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def rows(db: Path) -> dict[str, list[tuple]]:
    with Store(db) as store:
        return {name: store.execute(sql) for name, sql in TABLES.items()}


@pytest.mark.slow
@pytest.mark.parametrize("middle", BACKENDS)
def test_the_demo_archive_copied_there_and_back_exports_the_same_bytes(middle, new_archive, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(tmp_path / "none.toml"))
    demo, there, back = tmp_path / "demo.db", new_archive(middle), tmp_path / "back.db"
    built = subprocess.run([sys.executable, str(DEMO), "--db", str(demo)], capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    runner = CliRunner()
    for source, target in ((demo, there), (there, back)):
        result = runner.invoke(main, ["copy", str(source), str(target)])
        assert result.exit_code == 0, result.output
    original = export(runner, demo)
    assert original.count(b"\r\n") > 20
    assert export(runner, there) == original and export(runner, back) == original
    records = export(runner, demo, "jsonl")
    assert export(runner, there, "jsonl") == records and export(runner, back, "jsonl") == records
    assert rows(back) == rows(there) == rows(demo)
    assert all(rows(demo)[name] for name in ("history", "links", "claims"))
