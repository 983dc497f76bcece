"""The command line, through click's CliRunner, on real extraction and matching."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from tui.cli.main import main

EARLY = """Flood displaces thousands in Port Ellis

PORT ELLIS, May 2 (Harbour Wire) - The flood forced 6,000 people from their homes in the river district, \
the interior ministry said on Tuesday. The new dam will cost 4.2 billion crowns, according to the finance ministry.

It was a grey morning.
"""
LATE = """Governor revises flood figures

CALDER, May 9 (Northline News) - The flood forced 60,000 people from their homes in the river district, \
Governor Mara Lind told reporters on Friday. According to the finance ministry, the new dam will cost \
4.2 billion crowns.
"""


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("CLAIMDESK_REVIEWER", "env-reviewer")
    return CliRunner()


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "01-early.txt").write_text(EARLY, encoding="utf-8")
    (folder / "02-late.md").write_text(LATE, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return folder


def run(runner, *args, input=None):
    result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def claims_of(runner, db, *extra):
    out = run(runner, "--db", db, "claims", "--format", "jsonl", *extra).output
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def loaded(runner, articles, backend_db):
    db = backend_db
    result = run(runner, "--db", db, "load", str(articles))
    assert result.exit_code == 0, result.output
    return db


def test_load_reads_a_folder_and_reports_each_article(runner, articles, tmp_path):
    result = run(runner, "--db", str(tmp_path / "t.db"), "load", str(articles))
    assert result.exit_code == 0
    assert result.output.count("loaded   #") == 2
    assert "Flood displaces thousands" in result.output


def test_loading_the_same_article_twice_does_not_duplicate_it(runner, loaded, articles):
    before = claims_of(runner, loaded)
    result = run(runner, "--db", loaded, "load", str(articles / "01-early.txt"))
    assert result.exit_code == 0 and "already loaded" in result.output
    assert claims_of(runner, loaded) == before


def test_claims_have_offsets_into_the_stored_article(runner, loaded):
    from store import Store

    records = claims_of(runner, loaded)
    assert records, "no claims were found"
    with Store(loaded) as store:
        for r in records:
            assert store.article(r["article_id"]).text[r["start"] : r["end"]] == r["text"]
            assert 0 <= r["score"] <= 1 and r["status"] == "pending"
    for key in ("id", "article_id", "text", "start", "end", "score", "type", "speaker", "status", "note",
                "reviewer", "reviewed_at"):
        assert key in records[0]


def test_the_dateline_is_not_part_of_any_claim(runner, loaded):
    assert not any("Harbour Wire" in r["text"] or "PORT ELLIS" in r["text"] for r in claims_of(runner, loaded))


def test_a_later_contradicting_claim_is_matched_to_the_earlier_one(runner, loaded):
    from store import Store

    records = claims_of(runner, loaded)
    late = next(r for r in records if "60,000" in r["text"])
    early = next(r for r in records if "6,000 people" in r["text"])
    with Store(loaded) as store:
        assert early["id"] in store.linked_ids(late["id"])


def test_mark_records_status_note_and_reviewer(runner, loaded):
    claim = claims_of(runner, loaded)[0]
    result = run(runner, "--db", loaded, "mark", str(claim["id"]), "disputed", "--note", "Figure was 600")
    assert result.exit_code == 0
    (after,) = [r for r in claims_of(runner, loaded, "--status", "disputed")]
    assert (after["id"], after["note"], after["reviewer"]) == (claim["id"], "Figure was 600", "env-reviewer")
    assert after["reviewed_at"]


def test_mark_with_an_unknown_status_is_a_usage_error(runner, loaded):
    result = runner.invoke(main, ["--db", loaded, "mark", "1", "true"])
    assert result.exit_code == 2 and "true" in result.output


def test_mark_of_a_missing_claim_is_one_clear_error(runner, loaded):
    result = runner.invoke(main, ["--db", loaded, "mark", "9999", "verified"])
    assert result.exit_code == 1
    assert "no claim 9999" in result.output and "Traceback" not in result.output


def test_commands_on_a_missing_database_do_not_create_it(runner, tmp_path):
    db = tmp_path / "nothing-here.db"
    result = runner.invoke(main, ["--db", str(db), "mark", "1", "verified"])
    assert result.exit_code == 1 and "no database" in result.output
    assert not db.exists()


def test_export_writes_csv_with_a_header_and_one_row_per_claim(runner, loaded, tmp_path):
    claim = claims_of(runner, loaded)[0]
    run(runner, "--db", loaded, "mark", str(claim["id"]), "verified", "--reviewer", "ana")
    out = tmp_path / "out.csv"
    result = run(runner, "--db", loaded, "export", "--output", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == len(claims_of(runner, loaded))
    first = next(r for r in rows if r["claim_id"] == str(claim["id"]))
    assert (first["status"], first["reviewer"], first["article_title"]) == ("verified", "ana",
                                                                          "Flood displaces thousands in Port Ellis")


def test_export_to_stdout_can_filter_by_status(runner, loaded):
    claim = claims_of(runner, loaded)[0]
    run(runner, "--db", loaded, "mark", str(claim["id"]), "unverified")
    result = runner.invoke(main, ["--db", loaded, "export", "--status", "unverified"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["claim_id"] for r in rows] == [str(claim["id"])]


def test_match_finds_earlier_claims_for_a_query(runner, loaded):
    query = "6,000 people fled the flood in the river district"
    result = run(runner, "--db", loaded, "match", "--format", "jsonl", query)
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert hits and "6,000 people" in hits[0]["text"]
    for key in ("query", "claim_id", "text", "score", "status", "article_id", "article_title"):
        assert key in hits[0]


def test_match_from_stdin_numbers_each_query_by_line(runner, loaded):
    queries = "the dam will cost 4.2 billion crowns\n\n60,000 people were forced from their homes by the flood\n"
    result = run(runner, "--db", loaded, "match", "--format", "jsonl", "-", input=queries)
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert {h["query"] for h in hits} == {1, 3}


def test_extract_per_line_scores_every_line(runner):
    lines = "Unemployment fell to 5.1% in March, the statistics office said.\nWhat a lovely day!\n"
    result = run(runner, "extract", "--per-line", "--format", "jsonl", "-", input=lines)
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["line"] for r in records] == [1, 2]
    assert records[0]["is_claim"] and not records[1]["is_claim"]
    assert set(records[0]) >= {"line", "text", "score", "rank", "highlighted", "is_claim", "type", "speaker"}
    assert [(r["rank"], r["highlighted"]) for r in records] == [(1, True), (2, False)]


def test_extract_per_line_passes_over_blank_lines_and_keeps_line_numbers(runner):
    lines = "\nUnemployment fell to 5.1% in March, the statistics office said.\n \t\n\nWhat a lovely day!\n\n"
    result = run(runner, "extract", "--per-line", "--format", "jsonl", "-", input=lines)
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["line"], r["rank"]) for r in records] == [(2, 1), (5, 2)]


def test_extract_prints_each_claims_score_rank_and_highlight(runner, articles):
    result = run(runner, "extract", "--format", "jsonl", str(articles / "02-late.md"))
    records = [json.loads(line) for line in result.output.splitlines()]
    assert sorted(r["rank"] for r in records) == list(range(1, len(records) + 1))
    best = min(records, key=lambda r: r["rank"])
    assert best["highlighted"] and best["score"] == max(r["score"] for r in records)
    table = run(runner, "extract", str(articles / "02-late.md")).output
    assert "rank" in table.splitlines()[0] and "highlighted" in table.splitlines()[0]


def test_extract_an_article_file_needs_no_database(runner, articles, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_DB", str(tmp_path / "never.db"))
    result = run(runner, "extract", "--format", "jsonl", str(articles / "02-late.md"))
    assert result.exit_code == 0 and "60,000" in result.output
    assert not (tmp_path / "never.db").exists()


def test_the_database_comes_from_the_environment_when_no_flag_is_given(runner, articles, tmp_path):
    run(runner, "load", str(articles / "01-early.txt"))
    assert (tmp_path / "env.db").exists()


def test_a_missing_file_fails_with_one_line_and_loads_the_rest(runner, articles, tmp_path):
    db = str(tmp_path / "t.db")
    result = runner.invoke(main, ["--db", db, "load", str(articles / "01-early.txt"), str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.output and "Traceback" not in result.output
    assert len(claims_of(runner, db)) > 0


@pytest.mark.parametrize("query", ["", "   \t "])
def test_match_refuses_an_empty_query_in_one_sentence(runner, loaded, query):
    result = runner.invoke(main, ["--db", loaded, "match", query])
    assert result.exit_code != 0
    assert "the query is empty" in result.stderr
    assert "Traceback" not in result.output


def test_match_without_hits_says_so_in_a_table_and_prints_nothing_as_jsonl(runner, loaded):
    query = "Penguins paraded through the opera house in Vienna"
    table = run(runner, "--db", loaded, "match", query)
    assert table.exit_code == 0
    assert table.output.strip() == "no earlier claim matches."
    jsonl = run(runner, "--db", loaded, "match", "--format", "jsonl", query)
    assert (jsonl.exit_code, jsonl.output) == (0, "")


def test_match_of_several_lines_names_the_lines_no_earlier_claim_matches(runner, loaded):
    lines = ("Penguins paraded through the opera house in Vienna\n"
             "the dam will cost 4.2 billion crowns\n"
             "A violinist juggled oranges on the summit of a glacier\n")
    result = run(runner, "--db", loaded, "match", "-", input=lines)
    assert result.exit_code == 0
    assert {line.split()[0] for line in result.stdout.splitlines()[1:]} == {"2"}
    assert result.stderr.strip() == "no earlier claim matches lines 1, 3 (2 of 3 queries)."


def test_match_of_lines_counts_lines_as_numbered_and_names_them_when_none_matches(runner, loaded):
    lines = "the dam will cost 4.2 billion crowns\n\nA violinist juggled oranges on a glacier\n"
    result = run(runner, "--db", loaded, "match", "-", input=lines)
    assert result.stderr.strip() == "no earlier claim matches line 3 (1 of 2 queries)."  # line 2 is blank
    nothing = run(runner, "--db", loaded, "match", "-", input="Penguins paraded through the opera\n\nA violinist\n")
    assert nothing.exit_code == 0 and nothing.stdout.strip() == "no earlier claim matches."
    assert nothing.stderr.strip() == "no earlier claim matches lines 1, 3 (2 of 2 queries)."
    empty = runner.invoke(main, ["--db", loaded, "match", "-"], input="\n  \n")
    assert empty.exit_code != 0 and "no query on stdin" in empty.stderr


def test_match_all_candidates_lists_what_the_floor_hides_as_hidden(runner, loaded):
    query = "Penguins paraded through the river district of Vienna"
    shown = run(runner, "--db", loaded, "match", "--format", "jsonl", "--limit", "10", query)
    everything = run(runner, "--db", loaded, "match", "--format", "jsonl", "--limit", "10", "--all-candidates", query)
    shown_hits = [json.loads(line) for line in shown.output.splitlines()]
    all_hits = [json.loads(line) for line in everything.output.splitlines()]
    hidden = [h for h in all_hits if h["kind"] == "hidden"]
    assert hidden and len(all_hits) > len(shown_hits)
    assert [h for h in all_hits if h["kind"] != "hidden"] == shown_hits
    assert max(h["score"] for h in hidden) < min([h["score"] for h in shown_hits] or [100.0])


def test_match_rows_go_down_in_score(runner, loaded):
    result = run(runner, "--db", loaded, "match", "--format", "jsonl", "--limit", "10",
                 "The new dam will cost 4.2 billion crowns")
    hits = [json.loads(line) for line in result.output.splitlines()]
    keys = [(h["kind"] != "same", -h["score"]) for h in hits]
    assert len(keys) >= 2 and keys == sorted(keys)


def test_load_counts_matched_claims_as_the_article_list_does(runner, articles, tmp_path):
    db = str(tmp_path / "counts.db")
    result = run(runner, "--db", db, "load", str(articles))
    late = next(line for line in result.output.splitlines() if "Governor revises" in line)
    listed = json.loads(run(runner, "--db", db, "articles", "--format", "jsonl").output.splitlines()[-1])
    assert f"{listed['matched']} matched)" in late


def test_import_makes_the_archive_it_is_pointed_at(runner, backend_db, tmp_path):
    """`import` into a new archive: a SQLite file not there yet, or an empty PostgreSQL database."""
    checks = tmp_path / "checks.csv"
    checks.write_text("claim,rating,source\nThe dam will cost 4.2 billion crowns,False,Harbour Checks\n",
                      encoding="utf-8")
    result = run(runner, "--db", backend_db, "import", str(checks))
    assert result.exit_code == 0, result.output
    assert "1 earlier fact-check added" in result.output
    assert "4.2 billion" in run(runner, "--db", backend_db, "match", "the dam will cost 4.2 billion crowns").output
