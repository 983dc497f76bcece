"""The team workflow on the command line: mark never replaces another reviewer's verdict unless told
(--if-status, --force), assign and --assigned-to, second review (signoff), statistics per reviewer."""

from __future__ import annotations

import json

import pytest

from store import Store
from tui.cli.main import main


@pytest.fixture
def db_path(review_archive):
    """These tests run on a SQLite file and on a PostgreSQL database."""
    return review_archive


def run(runner, db_path, *args):
    return runner.invoke(main, ["--db", str(db_path), *args])


def second_review_on(tmp_path) -> None:
    (tmp_path / "config.toml").write_text("second_review = true\n", encoding="utf-8")


def test_marking_a_claim_bob_decided_is_refused_in_one_sentence(runner, db_path):
    assert run(runner, db_path, "mark", "2", "disputed", "--note", "Intercept says otherwise",
               "--reviewer", "bob").exit_code == 0
    result = run(runner, db_path, "mark", "2", "verified", "--reviewer", "ana")
    assert result.exit_code == 1
    assert "claim 2 is disputed by bob" in result.output and "nothing was changed" in result.output
    assert "--if-status disputed" in result.output and "--force" in result.output
    with Store(db_path) as store:
        claim = store.desk_claim(2)
        assert (claim.status, claim.reviewer, claim.note) == ("disputed", "bob", "Intercept says otherwise")


def test_if_status_replaces_only_while_the_claim_still_has_that_status(runner, db_path):
    run(runner, db_path, "mark", "2", "disputed", "--note", "Intercept says otherwise", "--reviewer", "bob")
    stale = run(runner, db_path, "mark", "2", "verified", "--if-status", "pending", "--reviewer", "ana")
    assert stale.exit_code == 1 and "claim 2 is disputed by bob" in stale.output and "not pending" in stale.output
    done = run(runner, db_path, "mark", "2", "verified", "--if-status", "disputed", "--reviewer", "ana")
    assert done.exit_code == 0, done.output
    with Store(db_path) as store:
        claim = store.desk_claim(2)
        assert (claim.status, claim.reviewer, claim.note) == ("verified", "ana", None)  # Bob's note not kept


def test_force_replaces_and_a_reviewer_may_change_their_own_verdict(runner, db_path):
    assert run(runner, db_path, "mark", "1", "disputed", "--reviewer", "bob").exit_code == 1  # ana's verdict
    assert run(runner, db_path, "mark", "1", "disputed", "--reviewer", "bob", "--force").exit_code == 0
    assert run(runner, db_path, "mark", "1", "unverified", "--reviewer", "bob").exit_code == 0
    assert run(runner, db_path, "mark", "1", "verified", "--force", "--if-status", "pending").exit_code == 2


def test_assign_an_article_and_list_the_claims_assigned(runner, db_path):
    result = run(runner, db_path, "--reviewer", "editor", "assign", "ana", "--article", "2")
    assert result.exit_code == 0 and "2 of 2 claims assigned to ana" in result.output
    listed = run(runner, db_path, "claims", "--assigned-to", "ana", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in listed.output.splitlines()] == [3, 4]
    assert run(runner, db_path, "claims", "--assigned-to", "bob", "--format", "jsonl").output == ""
    with Store(db_path) as store:
        entry = store.history(3)[-1]
        assert (entry.action, entry.reviewer, entry.note) == ("assign", "editor", "assigned to ana")


def test_assign_a_filters_claims_and_unassign(runner, db_path):
    result = run(runner, db_path, "assign", "bob", "--status", "pending")
    assert "3 of 3 claims assigned to bob" in result.output
    assert "1 of 1 claim assigned to nobody" in run(runner, db_path, "assign", "--nobody", "--claim", "4").output
    listed = run(runner, db_path, "claims", "--assigned-to", "bob", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in listed.output.splitlines()] == [2, 3]


def test_assign_without_claims_or_name_is_a_usage_error(runner, db_path):
    assert run(runner, db_path, "assign", "ana").exit_code == 2
    assert run(runner, db_path, "assign", "--article", "1").exit_code == 2
    missing = run(runner, db_path, "assign", "ana", "--claim", "999")
    assert missing.exit_code == 1 and "no claim 999" in missing.output


def test_second_review_on_a_verdict_awaits_another_reviewers_sign_off(runner, db_path, tmp_path):
    second_review_on(tmp_path)
    marked = run(runner, db_path, "mark", "2", "disputed", "--reviewer", "ana")
    assert "awaiting sign-off" in marked.output
    own = run(runner, db_path, "--reviewer", "ana", "signoff", "2", "confirm")
    assert own.exit_code == 1 and "verdict is yours" in own.output
    done = run(runner, db_path, "--reviewer", "bob", "signoff", "2", "confirm")
    assert done.exit_code == 0 and "confirmed by bob" in done.output
    again = run(runner, db_path, "--reviewer", "bob", "signoff", "2", "reopen", "--note", "why")
    assert again.exit_code == 1 and "awaits no sign-off" in again.output


def test_stats_per_reviewer_show_verdicts_and_agreement(runner, db_path, tmp_path):
    second_review_on(tmp_path)
    run(runner, db_path, "mark", "2", "disputed", "--reviewer", "ana")
    run(runner, db_path, "mark", "3", "verified", "--reviewer", "ana")
    run(runner, db_path, "--reviewer", "bob", "signoff", "2", "confirm")
    run(runner, db_path, "--reviewer", "bob", "signoff", "3", "reopen", "--note", "Check the count")
    rows = {r["reviewer"]: r for r in map(json.loads, run(runner, db_path, "stats", "--format", "jsonl")
                                          .output.splitlines())}
    assert rows["ana"]["verdicts"] == 3 and (rows["ana"]["confirmed"], rows["ana"]["reopened"]) == (1, 1)
    assert rows["bob"]["second_reviews"] == 2
    table = run(runner, db_path, "stats", "--reviewer", "ana")
    assert "50% of 2" in table.output and "bob" not in table.output


def test_claimreview_export_leaves_out_verdicts_awaiting_sign_off_and_says_so(runner, db_path, tmp_path):
    (tmp_path / "config.toml").write_text('second_review = true\norganisation = "Harbour Checks"\n', encoding="utf-8")
    plain = run(runner, db_path, "export", "--format", "claimreview")
    assert plain.exit_code == 0 and "left out" not in plain.stderr  # claim 1 was decided without second review
    run(runner, db_path, "mark", "2", "disputed", "--reviewer", "ana")
    run(runner, db_path, "mark", "3", "verified", "--reviewer", "ana")
    run(runner, db_path, "--reviewer", "bob", "signoff", "2", "confirm")
    result = run(runner, db_path, "export", "--format", "claimreview")
    assert result.exit_code == 0
    published = [json.loads(line)["url"].rsplit(":", 1)[-1] for line in result.stdout.splitlines()]
    assert published == ["1", "2"]  # decided without second review, confirmed; not 3, awaiting bob or another
    assert "exported 2 reviews" in result.stderr
    assert "1 verdict awaiting sign-off left out of the ClaimReview export." in result.stderr
    csv_export = run(runner, db_path, "export", "--format", "csv")
    assert "left out" not in csv_export.stderr and csv_export.stdout.count("awaiting") == 1
