"""`claimdesk export` and `claimdesk claims` give the desk's own claims: imported earlier fact-checks (other
desks' verdicts) are left out, with one sentence on stderr saying how many and why."""

from __future__ import annotations

import json

import pytest

from store import Store
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict
from tui.cli.main import main

CHECKS = [ImportedVerdict(f"Claim number {n} checked by PolitiFact.", "disputed" if n % 2 else "verified",
                          "False" if n % 2 else "True", f"https://fc.example/{n}", None, "2026-04-01", "PolitiFact")
          for n in range(3)]
SAID = ("3 imported earlier fact-checks left out: they are other desks' verdicts (re-import their files, or move a "
        "whole archive with claimdesk copy).")


def run(runner, db_path, *args):
    return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def add_checks(db_path) -> None:
    with Store(db_path) as store:
        add_earlier_checks(store, CHECKS, origin="import:politifact.json")


def desk_claims(db_path) -> set[str]:
    with Store(db_path) as store:
        return {c.text for c in store.claims() if c.origin != "imported"}


@pytest.mark.parametrize("args", [("--format", "csv"), ("--format", "jsonl", "--all"),
                                  ("--format", "claimreview", "--organisation", "Desk"),
                                  ("--format", "jsonl", "--with-articles")])
def test_export_leaves_the_earlier_checks_out_and_says_so_once(runner, db_path, args):
    before = run(runner, db_path, "export", *args)
    assert before.exit_code == 0 and "earlier fact-check" not in before.stderr
    add_checks(db_path)
    after = run(runner, db_path, "export", *args)
    assert after.exit_code == 0 and after.stderr.count(SAID) == 1
    assert after.stdout_bytes == before.stdout_bytes  # the same bytes as the archive without the checks
    assert "PolitiFact" not in after.stdout


def test_claimreview_publishes_only_the_desks_verdicts(runner, db_path, tmp_path):
    add_checks(db_path)
    out = tmp_path / "cr.jsonl"
    result = run(runner, db_path, "export", "--format", "claimreview", "--organisation", "Desk", "-o", str(out))
    assert result.stderr.splitlines() == [f"exported 1 review to {out}", SAID]
    (review,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert review["claimReviewed"] in desk_claims(db_path)


def test_an_archive_without_earlier_checks_prints_no_such_sentence(runner, db_path):
    result = run(runner, db_path, "export", "--format", "jsonl")
    assert result.exit_code == 0 and result.stderr == "exported 4 claims\n"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_with_articles_then_import_into_an_empty_archive_gives_only_the_desks_articles(runner, db_path, tmp_path,
                                                                                         fmt):
    add_checks(db_path)
    out, empty = tmp_path / f"all.{fmt}", tmp_path / "empty.db"
    run(runner, db_path, "export", "--format", fmt, "--with-articles", "-o", str(out))
    assert run(runner, empty, "import", str(out)).exit_code == 0
    listed = run(runner, empty, "articles")
    assert "2 articles to review · 0 earlier checks" in listed.stderr
    assert desk_claims(empty) == desk_claims(db_path)
    assert run(runner, empty, "articles", "--earlier", "--format", "jsonl").stdout == ""


def test_the_claim_list_is_the_desks_and_articles_earlier_lists_the_checks(runner, db_path):
    add_checks(db_path)
    for args, expected in (((), 4), (("--all",), 4), (("--status", "disputed"), 0),
                           (("--decided-by", "PolitiFact"), 0)):
        listed = [json.loads(line)["text"] for line in run(runner, db_path, "claims", "--format", "jsonl", *args)
                  .stdout.splitlines()]
        assert len(listed) == expected and set(listed) <= desk_claims(db_path), args
    earlier = run(runner, db_path, "articles", "--earlier", "--format", "jsonl").stdout
    assert all(check.claim in earlier for check in CHECKS)


def test_the_claims_of_an_earlier_check_are_refused_in_one_sentence_that_says_where_they_are(runner, db_path):
    add_checks(db_path)
    with Store(db_path) as store:
        check_article = store.claim(max(c.id for c in store.claims())).article_id
    result = runner.invoke(main, ["--db", str(db_path), "claims", "--article", str(check_article)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert f"article {check_article} is an imported earlier fact-check" in result.stderr
    assert "claimdesk articles --earlier" in result.stderr
