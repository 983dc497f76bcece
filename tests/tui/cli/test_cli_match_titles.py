"""Issue 17: `claimdesk import` keeps a fact-check's headline and `claimdesk match` finds the check by it, once,
with or without --all-candidates, on both backends."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tui.cli.main import main

CHECKS = """claim,title,rating,source,url
A photo shows a shark swimming on a flooded highway after the storm.,\
Did a great white swim down Interstate 95 in Florida during Hurricane Irma?,False,FactDesk,https://fc.example/shark
The dam will cost 4.2 billion crowns.,Dam budget: true,True,FactDesk,https://fc.example/dam
"""
HEADLINE = "A great white was seen swimming down Interstate 95 in Florida as Hurricane Irma hit"


def matched(db: str, *options: str) -> list[dict]:
    result = CliRunner().invoke(main, ["--db", db, "match", "--format", "jsonl", *options, HEADLINE],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_match_finds_an_imported_check_by_its_headline_once(backend_db, tmp_path):
    checks = tmp_path / "checks.csv"
    checks.write_text(CHECKS, encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", backend_db, "import", str(checks)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    shown = matched(backend_db)
    assert [hit["text"] for hit in shown] == ["A photo shows a shark swimming on a flooded highway after the storm."]
    assert shown[0]["article_title"].startswith("Did a great white swim")
    everything = matched(backend_db, "--all-candidates", "--limit", "10")
    ids = [hit["claim_id"] for hit in everything]
    assert len(ids) == len(set(ids)) and shown[0]["claim_id"] in ids
