"""`claimdesk conflicts`: the claims that disagree, as a table or JSON Lines, for one article or all."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tui.cli.main import main

VELL = """Opposition leader abroad

DELLIN, Sep 23 (Harbour Wire) - Tomas Vell, the leader of the opposition movement, is in neighbouring Marovia, \
a news report says. Vell hired a lobbyist on Wednesday. On Monday, Lena Ost, a spokesperson for Vell, told \
reporters that Vell “is inside Calderia … in an undisclosed location.”
"""
QUIET = """Markets calm

CALDER, May 9 (Northline News) - The stock market closed higher on Friday, the exchange said.
"""


@pytest.fixture
def db(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "1-vell.txt").write_text(VELL, encoding="utf-8")
    (folder / "2-quiet.txt").write_text(QUIET, encoding="utf-8")
    path = str(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["--db", path, "load", str(folder)])
    assert result.exit_code == 0, result.output
    return path


def test_conflicts_lists_both_claims_their_speakers_and_what_differs(db):
    result = CliRunner().invoke(main, ["--db", db, "conflicts", "--format", "jsonl"])
    (record,) = [json.loads(line) for line in result.output.splitlines()]
    assert record["differs"] == "place: Calderia / Marovia"
    assert "inside Calderia" in record["claim_text"] and "in neighbouring Marovia" in record["other_text"]
    assert record["claim_speaker"] == "Lena Ost"
    assert record["claim_id"] != record["other_id"]
    table = CliRunner().invoke(main, ["--db", db, "conflicts", "--article", "1"])
    assert table.exit_code == 0 and "place: Calderia / Marovia" in table.output and "Lena Ost" in table.output


def test_an_article_without_conflicts_and_an_unknown_article(db):
    assert CliRunner().invoke(main, ["--db", db, "conflicts", "--article", "2"]).output == "no conflicting claims.\n"
    jsonl = CliRunner().invoke(main, ["--db", db, "conflicts", "--article", "2", "--format", "jsonl"])
    assert (jsonl.exit_code, jsonl.output) == (0, "")
    missing = CliRunner().invoke(main, ["--db", db, "conflicts", "--article", "99"])
    assert missing.exit_code != 0 and "there is no article 99" in missing.stderr
