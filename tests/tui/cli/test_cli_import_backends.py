"""`claimdesk import` of the same fact-check file into a SQLite file and into PostgreSQL: `claimdesk export` of
the two gives the same lines (but for the moment of the import), and importing it again adds nothing on both."""

from __future__ import annotations

import re

import pytest

from tui.cli.main import main

CSV = """claim,rating,url,date,source,title,speaker
The dam will cost 4.2 billion crowns,False,https://checks.example/1,2021-05-02,Harbour Checks,Dam costs,Ivo Dane
"A path C:\\new\\table and \\N, as written",True,https://checks.example/2,,Harbour Checks,,
Prices rose 3.1% in May; 'a record',kinda,https://checks.example/3,May 2 2021,Øst Fakta,„Record“ prices,Kari
The dam will cost 4.2 billion crowns,False,https://checks.example/1,2021-05-02,Harbour Checks,Dam costs,Ivo Dane
"Tabs\tand ""quotes"" in a claim",Half true,,,Other Checks,,
"""
MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def exported(runner, db: str) -> list[str]:
    result = runner.invoke(main, ["--db", db, "export", "--format", "jsonl", "--all", "--with-articles"])
    assert result.exit_code == 0, result.output
    return MOMENT.sub("<when>", result.stdout).splitlines()


@pytest.mark.postgres
def test_an_import_exports_the_same_from_sqlite_and_postgresql(runner, new_archive, tmp_path):
    checks = tmp_path / "checks.csv"
    checks.write_text(CSV, encoding="utf-8")
    archives = [new_archive("sqlite"), new_archive("postgres")]
    for db in archives:
        result = runner.invoke(main, ["--db", db, "import", str(checks)])
        assert result.exit_code == 0, result.output
        assert "4 earlier fact-checks added, 1 already there" in result.stdout
        again = runner.invoke(main, ["--db", db, "import", str(checks)])
        assert "0 earlier fact-checks added, 5 already there" in again.stdout
    lite, pg = (exported(runner, db) for db in archives)
    assert len(lite) == 4 and pg == lite
