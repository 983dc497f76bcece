"""Issue 16's command-line contract: `claims` and `export` list the highlighted claims by default, each with its
score and rank in the article; --all adds the dimmer ones (and says which are highlighted)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from tui.cli.main import main

ARTICLE = """Union leader Orlov is in Mongolia

Pavel Orlov, the leader of the dockworkers' union, is in neighbouring Mongolia, a news report says. \
Orlov crossed the border on March 1, according to a senior regional police official. \
On Friday, Inna Volkova, a spokesperson for Orlov, told the Courier that he is still in the city. \
The union has 42,000 members and lost $3 million in wages last year. \
The port handled 4 million containers in 2020, twice as many as in 2010. \
Exports of grain rose by 12 percent in the first quarter, the ministry said. \
The strike began on February 2 after talks on pay collapsed. \
It is not clear whether Orlov and his union will win the support of the city council. \
Orlov could not be reached for comment.
"""


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "orlov.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(main, ["--db", db, "load", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def jsonl(db: str, *args: str) -> list[dict]:
    return [json.loads(line) for line in run(db, *args, "--format", "jsonl").splitlines()]


def test_claims_lists_the_highlighted_ones_with_score_and_rank_and_all_adds_the_dimmer(db):
    every = jsonl(db, "claims", "--all")
    shown = jsonl(db, "claims")
    assert {c["highlighted"] for c in every} == {True, False}
    assert [c["id"] for c in shown] == [c["id"] for c in every if c["highlighted"]]
    assert sorted(c["rank"] for c in every) == list(range(1, len(every) + 1))
    best = min(every, key=lambda c: c["rank"])
    assert best in shown and best["score"] == max(c["score"] for c in every)
    header = run(db, "claims").splitlines()[0].split()
    assert "score" in header and "rank" in header and "highlighted" not in header
    assert "highlighted" in run(db, "claims", "--all").splitlines()[0].split()


def test_a_decided_dim_claim_is_listed_without_all(db):
    dim = next(c for c in jsonl(db, "claims", "--all") if not c["highlighted"])
    run(db, "mark", str(dim["id"]), "verified")
    assert dim["id"] in {c["id"] for c in jsonl(db, "claims")}


def test_export_carries_rank_and_highlight_and_all_adds_the_dimmer_claims(db):
    default = list(csv.DictReader(io.StringIO(run(db, "export"))))
    everything = list(csv.DictReader(io.StringIO(run(db, "export", "--all"))))
    assert len(default) < len(everything)
    assert {r["highlighted"] for r in default} == {"1"}
    assert sorted(int(r["rank"]) for r in everything) == list(range(1, len(everything) + 1))
