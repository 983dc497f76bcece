"""Issue 15 (trust), the command line: bad files and numbers are one sentence, output paths are written through
and never replaced wrongly, write errors are errors, reads never create or change a database, --db is checked,
damaged files are refused for writes too, imports report what they skipped and rebuild from one file."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from store import NewClaim, Store, content_hash
from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[3]


def run(runner, db_path, *args, **kwargs):
    return runner.invoke(main, ["--db", str(db_path), *args], **kwargs)


def one_sentence(result) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.output.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


def files_in(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir())}


# --- item 4: foreign files and huge numbers ------------------------------------------------------------------
def foreign_files(folder: Path, db_path: Path) -> list[Path]:
    other = folder / "other.db"
    shutil.copy(db_path, other)
    packed = folder / "checks.csv.gz"
    packed.write_bytes(gzip.compress(b"claim,rating\nThe dam cost 4 billion,false\n"))
    program = folder / "ls"
    shutil.copy(shutil.which("ls") or "/bin/ls", program)
    return [other, packed, program]


@pytest.mark.parametrize("which", [0, 1, 2], ids=["claimdesk-database", "gzip", "program"])
def test_importing_a_binary_or_foreign_file_is_one_sentence(runner, db_path, tmp_path, which):
    path = foreign_files(tmp_path, db_path)[which]
    line = one_sentence(run(runner, db_path, "import", str(path)))
    assert path.name in line and "not imported" in line


@pytest.mark.parametrize("ending", ["\r", "\r\n", "mixed"])
def test_a_fact_check_csv_with_cr_or_mixed_line_endings_imports(runner, db_path, tmp_path, ending):
    lines = ["claim,rating", "The dam will cost 4.2 billion crowns,false", "Exports rose 3% in March,true"]
    text = "\r".join(lines[:2]) + "\r\n" + lines[2] + "\n" if ending == "mixed" else ending.join(lines) + ending
    path = tmp_path / "checks.csv"
    path.write_bytes(text.encode("utf-8"))
    result = run(runner, db_path, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "2 earlier fact-checks added" in result.output


def test_a_claimdesk_csv_export_with_cr_line_endings_imports(runner, db_path, tmp_path):
    exported = run(runner, db_path, "export").stdout
    path = tmp_path / "cr.csv"
    path.write_bytes(exported.replace("\r\n", "\r").encode("utf-8"))
    result = run(runner, db_path, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "4 claims read" in result.output and "4 unchanged" in result.output


def test_deeply_nested_json_is_one_sentence(runner, db_path, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    line = one_sentence(run(runner, db_path, "import", str(path)))
    assert "nested too deeply" in line


def test_numbers_too_large_for_the_database_name_nothing(runner, db_path):
    assert "no claim 99999999999999999999" in one_sentence(run(runner, db_path, "mark", "99999999999999999999",
                                                               "verified"))
    assert "no article" in one_sentence(run(runner, db_path, "claims", "--article", "99999999999999999999999"))


# --- item 5: output paths ---------------------------------------------------------------------------------------
def test_export_writes_through_a_symlink_and_keeps_it_a_link(runner, db_path, tmp_path):
    target, link = tmp_path / "real.csv", tmp_path / "link.csv"
    target.write_text("old\n", encoding="utf-8")
    link.symlink_to(target)
    assert run(runner, db_path, "export", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("claim_id,")


def test_export_keeps_an_existing_files_mode(runner, db_path, tmp_path):
    out = tmp_path / "v.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    assert run(runner, db_path, "export", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text(encoding="utf-8").startswith("claim_id,")


def test_export_writes_into_a_fifo_its_reader_gets_every_byte(runner, db_path, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run(runner, db_path, "export", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].decode("utf-8").count("\r\n") == 5


def test_backup_follows_a_symlink_and_refuses_a_fifo(runner, db_path, tmp_path):
    target, link = tmp_path / "real.db", tmp_path / "link.db"
    target.write_bytes(b"")
    link.symlink_to(target)
    assert run(runner, db_path, "backup", "--force", str(link)).exit_code == 0
    assert link.is_symlink() and Store(target).article_count() == 2
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file" in one_sentence(run(runner, db_path, "backup", "--force", str(fifo)))
    assert stat.S_ISFIFO(fifo.stat().st_mode)


# --- item 6: write errors -----------------------------------------------------------------------------------
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_device_fails(db_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", "from tui.cli.main import main; main()", "--db", str(db_path),
                               "export"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode != 0
    assert "cannot write" in done.stderr and "exported" not in done.stderr and "Traceback" not in done.stderr


# --- item 7: a read never creates or changes a database ------------------------------------------------------
@pytest.mark.parametrize("command", [["articles"], ["claims"], ["export"], ["match", "flood"], ["import", "FILE"]])
def test_a_read_on_an_empty_file_refuses_it_and_leaves_it_alone(runner, tmp_path, command):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    checks = tmp_path / "checks.csv"
    checks.write_text("claim,rating\nThe dam cost 4 billion,false\n", encoding="utf-8")
    before = files_in(tmp_path)
    args = [str(checks) if arg == "FILE" else arg for arg in command]
    line = one_sentence(run(runner, empty, *args))
    assert "empty" in line
    assert files_in(tmp_path) == before


# --- item 8: --db ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["articles"], ["import", "FILE"]])
def test_a_database_in_a_folder_that_does_not_exist_is_refused(runner, tmp_path, command):
    checks = tmp_path / "checks.csv"
    checks.write_text("claim,rating\nThe dam cost 4 billion,false\n", encoding="utf-8")
    args = [str(checks) if arg == "FILE" else arg for arg in command]
    one_sentence(run(runner, tmp_path / "nowhere" / "x.db", *args))
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(("url", "said"), [("postgresql://ana:secret@db.example:1/desk", "db.example"),
                                           ("mysql://ana:secret@db.example/desk", "mysql://")])
def test_a_database_url_is_never_taken_for_a_file_and_no_folder_is_made(runner, tmp_path, monkeypatch, url, said):
    monkeypatch.chdir(tmp_path)
    line = one_sentence(runner.invoke(main, ["--db", url, "articles"]))
    assert said in line and "secret" not in line
    assert list(tmp_path.iterdir()) == []


# --- item 9: damaged files are refused for writes too --------------------------------------------------------
def test_mark_refuses_a_damaged_database_as_articles_does(runner, tmp_path):
    path = tmp_path / "pages.db"
    with Store(path) as store:
        for n in range(60):
            text = f"Report {n}: the council spent {n * 13} million crowns on {n} bridges. " * 20
            with store.transaction():
                article_id = store.insert_article(f"Report {n}", text, content_hash(text))
                store.insert_claims(article_id, [NewClaim(text[:40], 0, 40)])
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    page = len(data) // size - 3
    data[page * size : (page + 1) * size] = bytes([0x5A]) * size
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    assert "is damaged" in one_sentence(run(runner, path, "articles"))
    assert "is damaged" in one_sentence(run(runner, path, "mark", "1", "verified"))
    assert path.read_bytes() == before


# --- item 11: an interrupted import of earlier checks finishes on the rerun ---------------------------------
def test_a_rerun_links_the_checks_an_interrupted_import_stored(runner, db_path, tmp_path, monkeypatch):
    checks = tmp_path / "checks.csv"
    checks.write_text("claim,rating\nThe flood forced 6,000 people from their homes,false\n"
                      "The dam will cost 4.2 billion crowns,true\n", encoding="utf-8")
    clean = tmp_path / "clean.db"
    shutil.copy(db_path, clean)
    expected = run(runner, clean, "import", str(checks))
    assert expected.exit_code == 0

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C (or a kill) after the checks were committed, before any link

    monkeypatch.setattr("tui.cli.importing.link_earlier_checks", killed)
    assert run(runner, db_path, "import", str(checks)).exit_code != 0
    monkeypatch.undo()
    rerun = run(runner, db_path, "import", str(checks))
    assert "0 earlier fact-checks added, 2 already there" in rerun.output
    links_expected = expected.output.split("already there, ")[1].split(" link")[0]
    assert f"{links_expected} link" in rerun.output and links_expected != "0"
    with Store(db_path) as store, Store(clean) as reference:
        assert store.execute("SELECT claim_id, earlier_id, score FROM claim_links ORDER BY 1, 2") == \
            reference.execute("SELECT claim_id, earlier_id, score FROM claim_links ORDER BY 1, 2")


# --- item 13: a new verdict never inherits another reviewer's note -------------------------------------------
def test_mark_over_another_reviewers_verdict_drops_their_note(runner, db_path):
    assert run(runner, db_path, "mark", "1", "disputed", "--reviewer", "bob", "--force").exit_code == 0
    with Store(db_path) as store:
        claim = store.desk_claim(1)
        assert (claim.status, claim.reviewer, claim.note) == ("disputed", "bob", None)
        assert [h.note for h in store.history(1)][-2:] == ["Ministry figures confirm 6,000", None]


# --- items 15 and 16: import reports what it skipped, and unknown ratings ------------------------------------
def test_a_broken_jsonl_line_skips_that_line_and_names_it(runner, db_path, tmp_path):
    lines = run(runner, db_path, "export", "--format", "jsonl").stdout.splitlines()
    lines[2] = lines[2][:40]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(runner, db_path, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "3 claims read" in result.output and "line 3: not JSON" in result.output


def test_claimreview_lines_name_their_line_and_count_records_of_the_wrong_type(runner, db_path, tmp_path):
    records = [{"@type": "ClaimReview", "claimReviewed": "The dam will cost 4.2 billion crowns",
                "reviewRating": {"alternateName": "False"}}, {"@type": "Article", "headline": "not a review"}]
    path = tmp_path / "reviews.jsonl"
    path.write_text(json.dumps(records[0]) + "\n{broken\n" + json.dumps(records[1]) + "\n", encoding="utf-8")
    result = run(runner, db_path, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "1 earlier fact-check added" in result.output and "2 lines skipped" in result.output
    assert "line 2: not JSON" in result.output and "line 3: a Article record, not a ClaimReview" in result.output


def test_an_unknown_rating_is_counted_listed_and_kept(runner, db_path, tmp_path):
    path = tmp_path / "checks.csv"
    path.write_text("claim,rating\nThe dam will cost 4.2 billion crowns,kinda\nExports rose 3%,kinda\n"
                    "Rain fell on Calder,false\n", encoding="utf-8")
    result = run(runner, db_path, "import", str(path))
    assert result.exit_code == 0
    assert "2 ratings not known to claimdesk" in result.output and "'kinda' (2)" in result.output
    with Store(db_path) as store:
        kinda = [c for c in store.claims() if c.origin == "imported" and c.note == "kinda"]
        assert len(kinda) == 2 and {c.status for c in kinda} == {"unverified"}


# --- item 17: an export that carries its articles rebuilds the archive ---------------------------------------
def test_importing_claims_whose_articles_are_missing_fails_and_says_so(runner, db_path, tmp_path):
    exported = tmp_path / "v.csv"
    assert run(runner, db_path, "export", "-o", str(exported)).exit_code == 0
    result = run(runner, tmp_path / "empty.db", "import", str(exported))
    assert result.exit_code == 1
    assert "4 claims left out: their articles are not in this database" in result.output
    assert "--with-articles" in result.output


COMPARED = ("article_title", "article_url", "article_source", "published", "claim", "speaker", "status", "note",
            "reviewer", "reviewed_at", "article_hash")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_with_articles_rebuilds_the_archive_in_an_empty_database(runner, db_path, tmp_path, fmt):
    exported = tmp_path / f"v.{fmt}"
    assert run(runner, db_path, "export", "--with-articles", "--format", fmt, "-o", str(exported)).exit_code == 0
    rebuilt = tmp_path / "rebuilt.db"
    result = run(runner, rebuilt, "import", str(exported))
    assert result.exit_code == 0, result.output
    assert "2 articles added" in result.output

    def rows(path):
        text = run(runner, path, "export").stdout
        return [tuple(r[k] for k in COMPARED) for r in csv.DictReader(io.StringIO(text))]

    assert rows(rebuilt) == rows(db_path)
    with Store(rebuilt) as store, Store(db_path) as original:
        assert [store.article(a.id).text for a in store.articles()] == [original.article(a.id).text
                                                                        for a in original.articles()]


def test_claimreview_cannot_carry_articles(runner, db_path):
    assert "--with-articles" in one_sentence(run(runner, db_path, "export", "--format", "claimreview",
                                                 "--organisation", "X", "--with-articles"))


# --- item 20: dates that do not exist ------------------------------------------------------------------------
@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30", "2026-05-10T25:00"])
def test_a_date_that_does_not_exist_is_refused(runner, db_path, option, value):
    line = one_sentence(run(runner, db_path, "export", option, value))
    assert value in line and "YYYY-MM-DD" in line


# --- item 24: grammar -----------------------------------------------------------------------------------------
def test_counts_of_one_are_singular(runner, db_path, tmp_path):
    result = run(runner, db_path, "export", "--article", "1", "--status", "verified")
    assert "exported 1 claim\n" in result.stderr
    with Store(tmp_path / "one.db") as store:
        with store.transaction():
            article_id = store.insert_article("One", "One claim here.", content_hash("One claim here."))
            store.insert_claims(article_id, [NewClaim("One claim here.", 0, 15)])
    result = run(runner, tmp_path / "one.db", "backup", str(tmp_path / "copy.db"))
    assert "backed up 1 article and 1 claim to" in result.output
