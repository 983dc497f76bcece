"""Control characters in imported files never reach the database raw, and nothing the command line prints to a
terminal carries a raw control character (an escape sequence would be run by the terminal)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys

import pytest

from store import Store
from tui.cli.main import main

ESC = "\x1b[31m"
SHOWN = "␛[31m"
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
EARLIER = {"@type": "ClaimReview", "url": "https://fc.example/red",
           "claimReviewed": f"The dam will cost {ESC}4.2 billion\u009b crowns",
           "author": {"name": f"Fact{ESC}Desk"}, "reviewRating": {"alternateName": f"False{ESC}"},
           "itemReviewed": {"author": {"name": f"Ivo{ESC} Dane"}}}


def run(runner, db_path, *args):
    result = runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def imported_texts(db_path) -> list[str]:
    with Store(db_path) as store:
        rows = store.execute("SELECT c.text, c.speaker, c.note, c.reviewer, a.title, a.source FROM claims c"
                             " JOIN articles a ON a.id = c.article_id WHERE c.origin = 'imported'")
    return [value for row in rows for value in row]


def test_an_imported_claimreview_is_stored_with_its_escapes_shown_not_run(runner, tmp_path, db_path):
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps([EARLIER]), encoding="utf-8")  # JSON writes ESC as \u001b
    run(runner, db_path, "import", "--no-link", str(path))
    texts = imported_texts(db_path)
    assert not any(RAW.search(t) for t in texts)
    assert f"The dam will cost {SHOWN}4.2 billion\ufffd crowns" in texts and f"Fact{SHOWN}Desk" in texts
    assert f"False{SHOWN}" in texts and f"Ivo{SHOWN} Dane" in texts
    exported = run(runner, db_path, "export").stdout  # the desk's own claims: never the imported check
    assert "\x1b" not in exported and "Fact" not in exported
    listed = run(runner, db_path, "articles", "--earlier").stdout
    assert "\x1b" not in listed and f"Fact{SHOWN}Desk" in listed


def test_an_imported_fact_check_csv_with_raw_escape_bytes_is_cleaned(runner, tmp_path, db_path):
    path = tmp_path / "checks.csv"
    path.write_text(f"claim,rating,speaker\n\"Exports rose {ESC}3%\",False,Ana{ESC}\n", encoding="utf-8")
    run(runner, db_path, "import", "--no-link", str(path))
    texts = imported_texts(db_path)
    assert f"Exports rose {SHOWN}3%" in texts and f"Ana{SHOWN}" in texts
    assert not any(RAW.search(t) for t in texts if t)


def test_a_claimdesk_export_with_escapes_in_its_notes_is_imported_cleaned(runner, tmp_path, db_path):
    lines = run(runner, db_path, "export", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    pending = next(r for r in records if r["status"] == "pending")
    pending.update(status="disputed", note=f"see {ESC}below\x07", reviewer=f"ben{ESC}",
                   reviewed_at="2026-06-01T00:00:00Z")
    path = tmp_path / "back.jsonl"
    path.write_text(json.dumps(pending) + "\n", encoding="utf-8")
    run(runner, db_path, "import", str(path))
    with Store(db_path) as store:
        claim = store.desk_claim(pending["claim_id"])
    assert (claim.status, claim.note, claim.reviewer) == ("disputed", f"see {SHOWN}below␇", f"ben{SHOWN}")


def insert_raw_controls(db_path) -> None:
    """An older database (or one written by another tool): text with raw escapes, bypassing the cleaning."""
    with Store(db_path) as store, store.transaction():
        store.db.execute("UPDATE claims SET note = ?, speaker = ? WHERE id = 1",
                         [f"red {ESC}note\u009b2J\x07", f"Ivo{ESC}"])


def terminal_output(db_path, *args: str) -> bytes:
    """What `claimdesk ARGS` writes when its stdout is a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "CLAIMDESK_CONFIG": "/nonexistent/config.toml", "COLUMNS": "200"}
    command = [sys.executable, "-c", "from tui.cli.main import main; main()", "--db", str(db_path), *args]
    process = subprocess.Popen(command, stdout=follower, stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks)


@pytest.mark.parametrize("args", [["export"], ["export", "--format", "jsonl"], ["claims", "--format", "csv"],
                                  ["claims", "--format", "jsonl"], ["claims"]],
                         ids=["export-csv", "export-jsonl", "claims-csv", "claims-jsonl", "claims-table"])
def test_nothing_printed_to_a_terminal_holds_a_raw_control_character(db_path, args):
    insert_raw_controls(db_path)
    shown = terminal_output(db_path, *args).decode("utf-8")
    assert not RAW.search(shown.replace("\r\n", "\n").replace("\n", "")), repr(RAW.findall(shown))
    assert "Ivo" in shown and "4.2 billion" in shown


def test_piped_output_still_carries_the_data_exactly(runner, db_path):
    insert_raw_controls(db_path)
    piped = run(runner, db_path, "claims", "--format", "jsonl").stdout
    notes = [json.loads(line)["note"] for line in piped.splitlines()]
    assert f"red {ESC}note\u009b2J\x07" in notes


def test_a_note_and_reviewer_typed_with_escapes_are_stored_shown_not_raw(runner, db_path):
    run(runner, db_path, "mark", "1", "disputed", "--note", f"figure {ESC}wrong\x07", "--reviewer", f"ana{ESC}",
        "--force")
    with Store(db_path) as store:
        claim = store.desk_claim(1)
        history = store.execute("SELECT note, reviewer FROM claim_history WHERE claim_id = 1")
    assert (claim.note, claim.reviewer) == (f"figure {SHOWN}wrong␇", f"ana{SHOWN}")
    assert (f"figure {SHOWN}wrong␇", f"ana{SHOWN}") in [tuple(row) for row in history]
