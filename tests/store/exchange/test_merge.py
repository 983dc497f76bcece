"""claimdesk's own exports back into another database: same claims, nothing duplicated, conflicts resolved."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, StoreError, content_hash
from store.exchange.export import ExportOptions
from store.exchange.formats import export_to_path
from store.exchange.merge import merge_export
from store.exchange.read_exports import detect_export, read_export

ARTICLES = [
    ("Flood displaces thousands", "https://a.example/1",
     ["The flood forced 6,000 people from their homes.", "The dam will cost 4.2 billion crowns.",
      "The flood forced 6,000 people from their homes."]),
    ("Budget debate", None, ["=1+1 is what the minister wrote.", "Rents fell 2% in May."]),
]


def build(path, clock="2026-05-10T09:00:00Z") -> Store:
    store = Store(path, clock=lambda: store.now)
    store.now = clock
    for title, url, texts in ARTICLES:
        body = "\n".join(texts)
        with store.transaction():
            article_id = store.insert_article(title, body, content_hash(body), "Wire", url)
            starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
            store.insert_claims(article_id, [NewClaim(t, s, s + len(t), 0.5, "quantity", "Ana")
                                             for t, s in zip(texts, starts, strict=True)])
    return store


def decisions(store):
    return store.execute("SELECT claim, status, note, reviewer, reviewed_at, evidence FROM verdicts"
                         " ORDER BY article_id, claim_id")


def history(store):
    return store.execute("SELECT c.text, h.at, h.reviewer, h.to_status, h.note, h.action FROM claim_history h"
                         " JOIN claims c ON c.id = h.claim_id ORDER BY h.id")


@pytest.fixture
def source(tmp_path):
    store = build(tmp_path / "a.db")
    store.decide(1, "verified", "ana", "Register says 6,012")
    store.now = "2026-05-11T09:00:00Z"
    store.decide(1, "disputed", "bo", "Register was revised")
    store.decide(3, "unverified", "cy")
    store.decide(4, "disputed", "ana", "=HYPERLINK(\"http://x\")")
    store.db.execute("UPDATE claims SET evidence = ? WHERE id = 4", ["-https://evidence.example"])
    yield store
    store.close()


def export(store, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    export_to_path(store, path, options=ExportOptions(fmt))
    return path


@pytest.fixture(params=["csv", "jsonl"])
def exported(request, source, tmp_path):
    return export(source, tmp_path, request.param)


def merge(store, path):
    return merge_export(store, read_export(path, detect_export(path)))


def test_claimdesk_exports_are_recognised_and_other_files_are_not(source, tmp_path):
    assert detect_export(export(source, tmp_path, "csv")) == "claimdesk-csv"
    assert detect_export(export(source, tmp_path, "jsonl")) == "claimdesk-jsonl"
    other = tmp_path / "checks.csv"
    other.write_text("claim,rating,url\nThe sky is green,False,https://x\n", encoding="utf-8")
    assert detect_export(other) is None


def test_verdicts_notes_and_reviewers_return_to_the_same_claims(source, exported, tmp_path):
    with build(tmp_path / "b.db") as target:
        report = merge(target, exported)
        assert decisions(target) == decisions(source)
        assert (report.updated, report.unmatched) == (3, 0)


def test_the_full_history_comes_back_with_json_lines(source, tmp_path):
    path = export(source, tmp_path, "jsonl")
    with build(tmp_path / "b.db") as target:
        merge(target, path)
        status_rows = [row for row in history(target) if row[-1] == "status"]
        assert status_rows == [row for row in history(source)]


def test_importing_twice_duplicates_nothing(source, exported, tmp_path):
    with build(tmp_path / "b.db") as target:
        merge(target, exported)
        before = (decisions(target), history(target), target.claim_count())
        again = merge(target, exported)
        assert (decisions(target), history(target), target.claim_count()) == before
        assert again.unchanged == again.records and again.history == 0


def test_a_newer_decision_here_is_kept_and_the_file_s_goes_into_the_history(source, exported, tmp_path):
    with build(tmp_path / "b.db", clock="2026-06-01T00:00:00Z") as target:
        target.decide(1, "verified", "zed", "Checked again in June")
        report = merge(target, exported)
        assert target.claim(1).status == "verified" and target.claim(1).reviewer == "zed"
        assert report.kept == 1
        assert ("The flood forced 6,000 people from their homes.", "2026-05-11T09:00:00Z", "bo", "disputed",
                "Register was revised") in [row[:5] for row in history(target)]


def test_a_newer_decision_in_the_file_wins_and_the_older_one_stays_in_the_history(source, exported, tmp_path):
    with build(tmp_path / "b.db", clock="2026-05-01T00:00:00Z") as target:
        target.decide(1, "verified", "zed", "early look")
        merge(target, exported)
        assert (target.claim(1).status, target.claim(1).reviewer) == ("disputed", "bo")
        assert ("zed", "verified", "early look") in [row[2:5] for row in history(target)]


def test_cells_neutralised_for_spreadsheets_come_back_as_they_were(source, tmp_path):
    path = export(source, tmp_path, "csv")
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8")
    with build(tmp_path / "b.db") as target:
        merge(target, path)
        assert target.claim(4).note == '=HYPERLINK("http://x")'
        assert target.execute("SELECT evidence FROM claims WHERE id = 4")[0][0] == "-https://evidence.example"


def test_repeated_claim_texts_map_one_to_one(source, exported, tmp_path):
    with build(tmp_path / "b.db") as target:
        merge(target, exported)
        assert [c.status for c in target.claims(article_id=1)] == ["disputed", "pending", "unverified"]


def test_an_article_that_is_not_here_is_counted_not_guessed(source, exported, tmp_path):
    with Store(tmp_path / "b.db") as target:
        with target.transaction():
            target.insert_article("Other", "Something else.", content_hash("Something else."))
        report = merge(target, exported)
        assert report.unmatched == report.records and target.claim_count() == 0


def test_a_claim_missing_here_is_added_when_its_text_is_in_the_article(source, exported, tmp_path):
    with build(tmp_path / "b.db") as target:
        target.db.execute("UPDATE claims SET deleted_at = '2026-05-01' WHERE id = 3")
        report = merge(target, exported)
        assert report.added == 1
        (added,) = [c for c in target.claims(article_id=1) if c.origin == "merged"]
        assert (added.status, added.reviewer) == ("unverified", "cy")


def test_a_file_that_is_not_an_export_is_one_clear_error(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"hello": 1}\n', encoding="utf-8")
    with pytest.raises(StoreError, match="line 1"):
        list(read_export(path, "claimdesk-jsonl"))


def test_an_export_whose_note_holds_a_nul_byte_is_still_imported(tmp_path):
    """A note holding a NUL (found by the round-trip property test) is text, not a binary file."""
    from click.testing import CliRunner

    from tui.cli.main import main

    text = "The port handled 4 million containers in 2020."
    paths = [tmp_path / "first.db", tmp_path / "second.db"]
    for path in paths:
        with Store(path) as store, store.transaction():
            article_id = store.insert_article("Port", text, content_hash(text), "Wire")
            store.insert_claims(article_id, [NewClaim(text, 0, len(text), 0.9, "quantity", None, None)])
    with Store(paths[0]) as store:
        store.decide(1, "verified", "ana", "seen\x00in the ledger")
    out = tmp_path / "verdicts.csv"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(paths[0]), "export", "-o", str(out)]).exit_code == 0
    imported = runner.invoke(main, ["--db", str(paths[1]), "import", str(out)])
    assert imported.exit_code == 0, imported.output
    with Store(paths[1]) as store:
        assert store.claim(1).status == "verified" and "in the ledger" in store.claim(1).note
