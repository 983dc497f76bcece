"""Issue 18 on the command line: an import of any size streams in with progress, adds nothing the second time,
leaves the match index ready for the next command, and never puts earlier checks in the list of articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

from claims.desk.match_index import index_root
from store import Store
from tui.cli.main import main


def run(runner, db_path, *args, **kwargs):
    return runner.invoke(main, ["--db", str(db_path), *args], **kwargs)


def write_checks(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("claim,title,rating,url,date,source\n")
        for n in range(rows):
            out.write(f"Claim number {n} about the harbour budget,Headline {n},False,https://fc.example/{n},"
                      f"\"stated on October {n % 28 + 1}, 2019 in a speech:\",FactDesk\n")
    return path


def test_a_big_import_reports_progress_and_a_second_import_adds_nothing(runner, db_path, tmp_path):
    checks = write_checks(tmp_path / "arch.csv", 6_000)
    first = run(runner, db_path, "import", "--no-embed", str(checks))  # embedding: tests/tui/cli/test_cli_embed.py
    assert first.exit_code == 0, first.output
    assert "6,000 earlier fact-checks added" in first.output or "6000 earlier fact-checks added" in first.output
    read = [line for line in first.stderr.splitlines() if line.startswith("progress")]
    assert read and all(re.fullmatch(r"progress importing arch\.csv: [1-9]0% read", line) for line in read)
    again = run(runner, db_path, "import", str(checks))
    assert "0 earlier fact-checks added, 6000 already there" in again.output
    with Store(db_path) as store:
        check = store.search_earlier_checks("harbour", limit=1)[0]
        assert (check.source, check.title, check.published) == ("FactDesk", f"Headline {check.claim.split()[2]}",
                                                                check.published)
        assert check.published.startswith("2019-10-")
        assert store.review_counts().earlier_checks == 6_000


def test_after_an_import_the_match_index_is_kept_for_the_next_command(runner, db_path, tmp_path):
    checks = write_checks(tmp_path / "arch.csv", 50)
    assert run(runner, db_path, "import", str(checks)).exit_code == 0
    with Store(db_path) as store:
        folder = index_root() / store.archive_id()
        seq = store.change_seq()
    stamp = json.loads((folder / "meta.json").read_text())
    assert stamp["stamp"]["seq"] == seq  # the snapshot includes every imported check: `match` applies nothing


def test_articles_lists_the_articles_to_review_and_counts_the_earlier_checks(runner, db_path, tmp_path):
    with Store(db_path) as store:
        loaded = [a.title for a in store.articles()]
    assert run(runner, db_path, "import", str(write_checks(tmp_path / "arch.csv", 30))).exit_code == 0
    listed = run(runner, db_path, "articles", "--format", "jsonl")
    assert [json.loads(line)["title"] for line in listed.stdout.splitlines()] == loaded
    table = run(runner, db_path, "articles")
    assert f"{len(loaded)} articles to review · 30 earlier checks" in table.stderr
    earlier = run(runner, db_path, "articles", "--earlier", "--format", "jsonl").stdout.splitlines()
    assert len(earlier) == 30 and json.loads(earlier[0])["title"] == "Headline 0"
    assert len(run(runner, db_path, "articles", "--all", "--format", "jsonl").stdout.splitlines()) == 30 + len(loaded)
