"""`claimdesk copy` of the demo archive (fixtures/demo.py) there and back gives the same CSV export byte for byte,
and the same history and links row for row (issue 19; SQLite to SQLite until the PostgreSQL backend is wired)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from store import Store
from tui.cli.main import main

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo.py"
TABLES = {"history": "SELECT * FROM claim_history ORDER BY id", "links": "SELECT * FROM claim_links ORDER BY 1, 2",
          "claims": "SELECT * FROM claims ORDER BY id", "conflicts": "SELECT * FROM claim_conflicts ORDER BY 1, 2"}


def csv_export(runner: CliRunner, db: Path) -> bytes:
    result = runner.invoke(main, ["--db", str(db), "export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def rows(db: Path) -> dict[str, list[tuple]]:
    with Store(db) as store:
        return {name: store.execute(sql) for name, sql in TABLES.items()}


@pytest.mark.slow
def test_the_demo_archive_copied_there_and_back_exports_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(tmp_path / "none.toml"))
    demo, there, back = tmp_path / "demo.db", tmp_path / "there.db", tmp_path / "back.db"
    built = subprocess.run([sys.executable, str(DEMO), "--db", str(demo)], capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    runner = CliRunner()
    for source, target in ((demo, there), (there, back)):
        result = runner.invoke(main, ["copy", str(source), str(target)])
        assert result.exit_code == 0, result.output
    original = csv_export(runner, demo)
    assert original.count(b"\r\n") > 20
    assert csv_export(runner, there) == original and csv_export(runner, back) == original
    assert rows(back) == rows(there) == rows(demo)
    assert all(rows(demo)[name] for name in ("history", "links", "claims"))
