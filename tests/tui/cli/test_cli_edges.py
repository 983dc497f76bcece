"""Edges of the command line a tester found: truncated and failed imports, reopen without a note, an article that
does not exist, URLs that are not http(s), closed pipes, repeated options, the wording of counts."""

from __future__ import annotations

import json

from store import Store
from tui.cli.main import main


def run(runner, db_path, *args, **kwargs):
    return runner.invoke(main, ["--db", str(db_path), *args], **kwargs)


def one_sentence(result) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.output.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


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
