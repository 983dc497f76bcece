"""Edges of the command line a tester found: truncated and failed imports, reopen without a note, an article that
does not exist, URLs that are not http(s), closed pipes, repeated options, the wording of counts."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.desk.load import LoadResult
from store import NewClaim, Store, content_hash
from tests.tui.cli.test_cli_trust import one_sentence, run
from tui.cli.load import _line

ROOT = Path(__file__).resolve().parents[3]


def reviews(count: int) -> list[str]:
    return [json.dumps({"@type": "ClaimReview", "claimReviewed": f"The dam cost {n} million crowns in 2019",
                        "reviewRating": {"alternateName": "False"}, "author": {"name": "Checkers"},
                        "url": f"https://x.example/{n}"}) for n in range(count)]


def earlier_checks(db_path) -> int:
    with Store(db_path) as store:
        return store.review_counts().earlier_checks


def test_a_json_list_cut_off_keeps_the_records_before_the_cut(runner, db_path, tmp_path):
    path = tmp_path / "cut.json"
    text = "[" + ", ".join(reviews(3)) + "]"
    path.write_text(text[:-40], encoding="utf-8")
    result = run(runner, db_path, "import", "--no-embed", "--no-index", str(path))
    assert result.exit_code == 0, result.output
    assert "2 earlier fact-checks added" in result.output
    assert "1 record skipped:\n    record 3: the file ends inside it (unterminated string)\n" in result.output
    assert earlier_checks(db_path) == 2


def test_reopen_without_a_note_is_refused_in_one_sentence(runner, db_path, monkeypatch):
    with Store(db_path) as store:
        store.decide(2, "verified", "ana", signoff=True)
    monkeypatch.setenv("CLAIMDESK_REVIEWER", "bob")
    line = one_sentence(run(runner, db_path, "signoff", "2", "reopen", "--note", "  "))
    assert line == "Error: not reopened: say why with --note, for the first reviewer."
    assert one_sentence(run(runner, db_path, "signoff", "2", "reopen")) == line
    with Store(db_path) as store:
        assert store.signoff(2).state == "awaiting" and store.claim(2).status == "verified"
    assert run(runner, db_path, "signoff", "2", "reopen", "--note", "check the count").exit_code == 0


def test_an_article_that_does_not_exist_is_named(runner, db_path):
    assert one_sentence(run(runner, db_path, "assign", "carl", "--article", "999")) == "Error: there is no article 999."
    assert one_sentence(run(runner, db_path, "claims", "--article", "999")) == "Error: there is no article 999."
    with Store(db_path) as store:
        assert store.team_claims(assigned_to="carl") == []


def test_assign_says_name_and_nobody_cannot_both_be_given_and_counts_in_words(runner, db_path):
    result = run(runner, db_path, "assign", "carl", "--nobody", "--claim", "1")
    assert result.exit_code == 2 and "give the reviewer's NAME or --nobody, not both." in result.output
    result = run(runner, db_path, "assign", "carl", "--claim", "1")
    assert result.exit_code == 0 and result.output == "1 of 1 claim assigned to carl.\n"


def test_claims_takes_several_articles_and_writes_flags_in_csv_as_export_does(runner, db_path):
    listed = run(runner, db_path, "claims", "--all", "--format", "jsonl", "--article", "2", "--article", "1")
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [1, 2, 3, 4]
    rows = list(csv.DictReader(io.StringIO(run(runner, db_path, "claims", "--all", "--format", "csv").stdout)))
    exported = list(csv.DictReader(io.StringIO(run(runner, db_path, "export", "--all").stdout)))
    assert {row["highlighted"] for row in rows} == {row["highlighted"] for row in exported} == {"1"}


def test_json_lines_escape_bidirectional_controls_and_keep_the_data(runner, db_path):
    text = "PORT ELLIS - The mayor said \u202etxet desrever\u202c today."
    with Store(db_path) as store, store.transaction():
        article_id = store.insert_article("Bidi", text, content_hash(text), "Wire")
        store.insert_claims(article_id, [NewClaim(text[13:], 13, len(text), 0.9, "quote", None)])
    result = run(runner, db_path, "claims", "--article", str(article_id), "--format", "jsonl")
    assert "\u202e" not in result.stdout and "\\u202e" in result.stdout and "\\u202c" in result.stdout
    assert json.loads(result.stdout)["text"] == text[13:]
    csv_out = run(runner, db_path, "claims", "--article", str(article_id), "--format", "csv").stdout
    assert "\u202e" in csv_out  # data for spreadsheets, as it is
    table = run(runner, db_path, "claims", "--article", str(article_id)).stdout
    assert "\u202e" not in table and "txet desrever" in table


def test_an_import_where_every_record_failed_fails(runner, db_path, tmp_path):
    path = tmp_path / "t3.jsonl"
    path.write_text('{"claim": "The sky is green", "rating": "False"}\n{"claim": "Water is dry", "rating": "False"}\n'
                    '{"claim": "bro', encoding="utf-8")
    result = run(runner, db_path, "import", "--no-index", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"failed   {path}: nothing imported: not one earlier fact-check could be read.", "  3 lines skipped:",
        "    line 1: no claimReviewed text, skipped", "    line 2: no claimReviewed text, skipped",
        "    line 3: not JSON (unterminated string), skipped"]
    assert earlier_checks(db_path) == 0


def test_importing_an_empty_file_says_it_is_empty(runner, db_path, tmp_path):
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    assert one_sentence(run(runner, db_path, "import", str(path))) == f"failed   {path}: empty.json is empty."



def test_a_url_that_is_not_http_is_named_as_typed(runner, tmp_path):
    result = run(runner, tmp_path / "new.db", "load", "ftp://example.com/a")
    assert result.exit_code == 1
    assert "failed   cannot load ftp://example.com/a: only http:// and https:// URLs are fetched.\n" in result.stderr


def test_a_loaded_article_line_counts_its_claims_in_words():
    one = LoadResult("a.txt", "loaded", 7, "Dam", claims=1, matched=0)
    assert _line(one) == "loaded   #7 Dam  (1 claim, 0 matched)"
    three = LoadResult("b.txt", "loaded", 8, "Rain", claims=3, matched=1)
    assert _line(three) == "loaded   #8 Rain  (3 claims, 1 matched)"


@pytest.mark.parametrize("command", [["claims", "--all"], ["export"], ["claims", "--format", "csv"]])
def test_a_closed_pipe_ends_a_read_quietly(db_path, command):
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head -1` that has already gone
    try:
        done = subprocess.run([sys.executable, "-c", "from tui.cli.main import main; main()", "--db", str(db_path),
                               *command], stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, "")
