"""export (formats, filters), import (claimdesk exports and earlier fact-checks) and backup, through the CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from store import Store
from tui.cli.main import main

CLAIM_REVIEWS = [
    {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://fc.example/flood",
     "claimReviewed": "The flood forced 6,000 people from their homes",
     "author": {"@type": "Organization", "name": "FactDesk"},
     "reviewRating": {"@type": "Rating", "alternateName": "Pants on Fire"},
     "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ivo Dane"},
                      "datePublished": "2026-04-01"}},
    {"@type": "ClaimReview", "claimReviewed": "Exports rose 3% in March",
     "reviewRating": {"alternateName": "Spinning"}, "url": "https://fc.example/exports"},
]


def run(runner, db_path, *args):
    return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def test_export_jsonl_and_filters_from_the_command_line(runner, db_path):
    result = run(runner, db_path, "export", "--format", "jsonl", "--reviewer", "ANA", "--since", "2026-05-10")
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["status"], record["reviewer"]) == ("verified", "ana") and record["history"]
    assert run(runner, db_path, "export", "--source", "nobody", "--format", "jsonl").stdout == ""


def test_export_for_excel_starts_with_a_byte_order_mark(runner, db_path, tmp_path):
    out = tmp_path / "v.csv"
    assert run(runner, db_path, "export", "--excel", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 4 and "claim_id" in rows[0]


def test_claimreview_takes_the_organisation_from_the_config_file(runner, db_path, tmp_path):
    result = runner.invoke(main, ["--db", str(db_path), "export", "--format", "claimreview"])
    assert result.exit_code == 1 and "--organisation" in result.output and "Traceback" not in result.output
    (tmp_path / "config.toml").write_text('organisation = "Harbour Checks"\n', encoding="utf-8")
    result = run(runner, db_path, "export", "--format", "claimreview")
    (review,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert review["author"]["name"] == "Harbour Checks" and review["reviewRating"]["alternateName"] == "Verified"


def test_a_bad_date_is_one_clear_line(runner, db_path):
    result = runner.invoke(main, ["--db", str(db_path), "export", "--since", "yesterday"])
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_import_brings_an_export_back_into_a_copy_of_the_articles(runner, db_path, tmp_path, fmt):
    twin = tmp_path / "twin.db"
    shutil.copy(db_path, twin)
    with Store(twin) as store:
        store.db.execute("UPDATE claims SET status = 'pending', note = NULL, reviewer = NULL, reviewed_at = NULL")
        store.db.execute("DELETE FROM claim_history")
    out = tmp_path / f"verdicts.{fmt}"
    run(runner, db_path, "export", "--format", fmt, "-o", str(out))
    result = run(runner, twin, "import", str(out))
    assert result.exit_code == 0 and f"claimdesk {'CSV' if fmt == 'csv' else 'JSON Lines'} export" in result.output
    assert "1 updated" in result.output
    with Store(twin) as store, Store(db_path) as original:
        assert store.execute("SELECT * FROM verdicts") == original.execute("SELECT * FROM verdicts")


def test_earlier_fact_checks_are_imported_mapped_and_shown_in_matches(runner, db_path, tmp_path):
    reviews = tmp_path / "factdesk.json"
    reviews.write_text(json.dumps(CLAIM_REVIEWS), encoding="utf-8")
    result = run(runner, db_path, "import", str(reviews), "--map", "spinning=disputed")
    assert result.exit_code == 0 and "2 earlier fact-checks added" in result.output
    hits = [json.loads(line) for line in
            run(runner, db_path, "match", "--format", "jsonl", "6,000 people forced from homes by flood").stdout
            .splitlines()]
    imported = next(h for h in hits if h["article_source"] == "FactDesk")
    assert (imported["status"], imported["note"]) == ("disputed", "Pants on Fire")
    with Store(db_path) as store:
        spin = store.claims(status="disputed")
        assert any(c.text == "Exports rose 3% in March" and c.note == "Spinning" for c in spin)
        assert store.execute("SELECT COUNT(*) FROM claim_links WHERE earlier_id IN (SELECT id FROM claims"
                             " WHERE origin = 'imported')")[0][0] >= 1
    again = run(runner, db_path, "import", str(reviews))
    assert "0 earlier fact-checks added, 2 already there" in again.output


def test_a_fact_check_csv_with_a_rating_map_file(runner, db_path, tmp_path):
    checks = tmp_path / "checks.csv"
    checks.write_text("claim,rating,url,speaker,date\nThe dam will cost 9 billion,Four Pinocchios,https://x,"
                      "Mara Lind,2026-01-02\nRents doubled,Wobbly,,,\n", encoding="utf-8")
    ratings = tmp_path / "ratings.toml"
    ratings.write_text('[ratings]\n"wobbly" = "verified"\n', encoding="utf-8")
    result = run(runner, db_path, "import", "--rating-map", str(ratings), str(checks))
    assert result.exit_code == 0
    with Store(db_path) as store:
        statuses = {c.text: c.status for c in store.claims() if c.origin == "imported"}
    assert statuses == {"The dam will cost 9 billion": "disputed", "Rents doubled": "verified"}


def test_import_reports_a_bad_file_in_one_line_and_goes_on(runner, db_path, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,colour\nx,y\n", encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(CLAIM_REVIEWS[0]), encoding="utf-8")
    result = runner.invoke(main, ["--db", str(db_path), "import", str(bad), str(good), "--map", "x=maybe"])
    assert result.exit_code == 1 and "maybe" in result.output
    result = runner.invoke(main, ["--db", str(db_path), "import", str(bad), str(good)])
    assert result.exit_code == 1 and "bad.csv" in result.output and "1 earlier fact-check added" in result.output
    assert "Traceback" not in result.output


def test_backup_writes_a_copy_and_refuses_to_overwrite(runner, db_path, tmp_path):
    copy = tmp_path / "backup.db"
    result = run(runner, db_path, "backup", str(copy))
    assert result.exit_code == 0 and "4 claims" in result.output
    with Store(copy) as store:
        assert store.claim(1).status == "verified"
    again = runner.invoke(main, ["--db", str(db_path), "backup", str(copy)])
    assert again.exit_code == 1 and "--force" in again.output
    assert run(runner, db_path, "backup", "--force", str(copy)).exit_code == 0


def test_output_dash_means_stdout_not_a_file_named_dash(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from store import NewClaim, Store, content_hash
    from tui.cli.main import main

    text = "The port handled 4 million containers in 2020."
    with Store(tmp_path / "db") as store, store.transaction():
        article_id = store.insert_article("Port", text, content_hash(text), "Wire")
        store.insert_claims(article_id, [NewClaim(text, 0, len(text), 0.9, "quantity", None, None)])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "db"), "export", "-o", "-"])
    assert result.exit_code == 0 and "4 million containers" in result.stdout
    assert not (tmp_path / "-").exists()
