"""Second review through export and import: who confirmed or reopened each verdict, and which verdicts await a
second reviewer, come back with claimdesk's own CSV and JSON Lines (store.exchange.merge's rule); a file without
the sign-off columns merges as before."""

from __future__ import annotations

import itertools
import json

import pytest

from store import NewClaim, Store, content_hash
from store.exchange.export import SIGNOFF_COLUMNS, ExportOptions
from store.exchange.formats import export_to_path
from store.exchange.merge import merge_export
from store.exchange.read_exports import detect_export, read_export

TEXT = ("The dam cost 4 billion. The flood moved 6,000 people. Rents fell 2% in May. "
        "The mayor was elected in 2019.")
CLAIMS = ["The dam cost 4 billion.", "The flood moved 6,000 people.", "Rents fell 2% in May.",
          "The mayor was elected in 2019."]


def ticking(day: str = "2026-05-10"):
    ticks = itertools.count()
    return lambda: f"{day}T09:00:{next(ticks):02d}Z"


def build(location, clock=None) -> Store:
    store = Store(location, clock=clock or ticking())
    with store.transaction():
        article_id = store.insert_article("Flood", TEXT, content_hash(TEXT), "Wire", "https://a.example/flood")
        store.insert_claims(article_id, [NewClaim(t, TEXT.index(t), TEXT.index(t) + len(t)) for t in CLAIMS])
    return store


def review_four(store) -> None:
    """Claim 1 confirmed by bob, 2 reopened by cy (with her note), 3 awaiting a second reviewer, 4 decided without
    second review."""
    store.decide(1, "verified", "ana", "Ministry figures", signoff=True)
    store.decide(2, "disputed", "ana", "Census says 5,200", signoff=True)
    store.decide(3, "verified", "bob", signoff=True)
    store.decide(4, "unverified", "ana")
    store.sign_off(1, "bob", confirm=True)
    store.sign_off(2, "cy", confirm=False, note="ask the agency again")


@pytest.fixture
def source(tmp_path):
    """Claim 1 confirmed by bob, 2 reopened by cy (with her note), 3 awaiting a second reviewer, 4 decided without
    second review."""
    store = build(tmp_path / "source.db")
    review_four(store)
    yield store
    store.close()


def export(store, path, fmt, **options):
    export_to_path(store, path, options=ExportOptions(fmt, with_articles=True, **options))
    return path


def merge(store, path):
    return merge_export(store, read_export(path, detect_export(path)))


def signoffs(store) -> dict[str, tuple]:
    rows = store.execute("SELECT text, signoff, second_reviewer, second_reviewed_at FROM claims ORDER BY start")
    return {text: tuple(rest) for text, *rest in rows}


def agreement(store) -> list[tuple]:
    return store.execute("SELECT c.text, s.first_reviewer, s.first_status, s.first_at, s.second_reviewer, s.outcome,"
                         " s.at FROM claim_signoffs s JOIN claims c ON c.id = s.claim_id ORDER BY c.start, s.at")


def agreement_figures(store) -> dict[str, tuple]:
    return {s.reviewer: (s.confirmed, s.reopened, s.confirmed_others, s.reopened_others, s.second_reviews)
            for s in store.reviewer_stats()}


def _signoff_keys(line: str) -> tuple:
    record = json.loads(line)
    return record["claim"], *(record[key] for key in SIGNOFF_COLUMNS)


def counts(store) -> tuple[int, int]:
    return (store.execute("SELECT COUNT(*) FROM claim_history")[0][0],
            store.execute("SELECT COUNT(*) FROM claim_signoffs")[0][0])


def test_a_json_lines_round_trip_keeps_every_sign_off_and_the_agreement_figures(source, tmp_path, backend_db):
    path = export(source, tmp_path / "all.jsonl", "jsonl")
    with Store(backend_db) as target:
        report = merge(target, path)
        assert report.articles_added == 1 and report.signoffs == 3
        assert "3 sign-offs brought in" in report.summary()
        assert signoffs(target) == signoffs(source)
        assert signoffs(target)["Rents fell 2% in May."] == ("awaiting", None, None)
        assert agreement(target) == agreement(source) and len(agreement(target)) == 2
        assert agreement_figures(target) == agreement_figures(source)
        assert "reopen" in [h.action for h in target.history(2)]
        assert target.desk_claim(2).status == "pending" and target.desk_claim(2).note == "ask the agency again"
        assert [c.text for c in target.awaiting_signoff()] == ["Rents fell 2% in May."]
        again = export(target, tmp_path / "again.jsonl", "jsonl").read_text()
        assert list(map(_signoff_keys, again.splitlines())) == list(map(_signoff_keys, path.read_text().splitlines()))


def test_a_csv_round_trip_keeps_every_sign_off_and_the_confirmations(source, tmp_path, backend_db):
    path = export(source, tmp_path / "all.csv", "csv")
    with Store(backend_db) as target:
        assert merge(target, path).signoffs == 3
        assert signoffs(target) == signoffs(source)
        confirmed = [row for row in agreement(source) if row[5] == "confirmed"]
        assert agreement(target) == confirmed  # a CSV does not say which verdict cy reopened: no row is invented
        figures, before = agreement_figures(target), agreement_figures(source)
        assert figures["bob"] == before["bob"] and figures["ana"] == (1, 0, 0, 0, 0)  # ana's verdict bob confirmed
        reopen = target.history(2)[-1]
        assert (reopen.action, reopen.reviewer, reopen.at, reopen.from_status, reopen.to_status) == (
            "reopen", "cy", source.signoff(2).second_reviewed_at, None, "pending")
        assert [(h.action, h.reviewer) for h in target.history(1)] == [("import", "ana"), ("confirm", "bob")]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_importing_twice_changes_nothing(source, tmp_path, fmt):
    path = export(source, tmp_path / f"all.{fmt}", fmt)
    with Store(tmp_path / "target.db") as target:
        merge(target, path)
        before = (signoffs(target), agreement(target), counts(target))
        report = merge(target, path)
        assert (report.signoffs, report.history, report.updated) == (0, 0, 0)
        assert "sign-off" not in report.summary()
        assert (signoffs(target), agreement(target), counts(target)) == before


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_losing_decision_does_not_bring_its_sign_off(source, tmp_path, fmt):
    path = export(source, tmp_path / f"all.{fmt}", fmt)
    with build(tmp_path / "target.db", clock=ticking("2026-06-01")) as target:
        target.decide(1, "disputed", "dee", "newer here")
        target.decide(2, "verified", "dee", signoff=True)
        report = merge(target, path)
        assert report.kept == 2
        assert signoffs(target)[CLAIMS[0]] == (None, None, None)
        assert signoffs(target)[CLAIMS[1]] == ("awaiting", None, None)
        assert signoffs(target)[CLAIMS[2]] == ("awaiting", None, None)  # a winning decision brings its sign-off
        assert agreement(target) == []
        assert (target.desk_claim(1).status, target.desk_claim(2).status) == ("disputed", "verified")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_colleague_s_later_second_review_of_the_same_verdict_is_taken(source, tmp_path, fmt):
    with build(tmp_path / "desk.db") as desk:
        merge(desk, export(source, tmp_path / f"first.{fmt}", fmt))
        assert desk.signoff(3).state == "awaiting"
        source.sign_off(3, "ana", confirm=True)  # the colleague's desk confirms bob's verdict afterwards
        report = merge(desk, export(source, tmp_path / f"later.{fmt}", fmt))
        assert (report.unchanged, report.signoffs) == (4, 1)
        assert signoffs(desk) == signoffs(source)
        assert agreement(desk)[-1][1:] == agreement(source)[-1][1:]


def test_a_second_review_of_an_earlier_verdict_does_not_apply(source, tmp_path):
    path = export(source, tmp_path / "all.jsonl", "jsonl")
    with build(tmp_path / "target.db", clock=ticking("2026-06-01")) as target:
        target.decide(1, "verified", "ana", "Ministry figures", signoff=True)  # the same verdict, given again later
        assert merge(target, path).signoffs == 2
        assert target.signoff(1).state == "awaiting"
        assert CLAIMS[0] not in {row[0] for row in agreement(target)}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_without_the_sign_off_columns_merges_as_before(source, tmp_path, fmt):
    full = export(source, tmp_path / f"full.{fmt}", fmt)
    plain = export(source, tmp_path / f"plain.{fmt}", fmt, second_review=False)
    assert "second_reviewer" not in plain.read_text()
    decisions = "SELECT text, status, note, reviewer, reviewed_at, evidence FROM claims ORDER BY start"
    with Store(tmp_path / "with.db") as with_columns, Store(tmp_path / "without.db") as without:
        merge(with_columns, full)
        report = merge(without, plain)
        assert report.signoffs == 0 and "sign-off" not in report.summary()
        assert set(signoffs(without).values()) == {(None, None, None)}
        assert agreement(without) == [] and not without.uses_second_review()
        assert without.execute(decisions) == with_columns.execute(decisions)
        history = "SELECT claim_id, at, reviewer, to_status, action FROM claim_history ORDER BY id"
        kept = [row for row in with_columns.execute(history) if fmt == "jsonl" or row[4] not in ("confirm", "reopen")]
        assert without.execute(history) == kept


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_teammates_later_reopen_of_a_verdict_awaiting_here_is_taken(tmp_path, fmt):
    source, target = build(tmp_path / "source.db"), build(tmp_path / "target.db")
    with source, target:
        source.decide(1, "disputed", "alice", "figure wrong", signoff=True)
        merge(target, export(source, tmp_path / f"first.{fmt}", fmt))
        assert target.signoff(1).state == "awaiting"
        source.sign_off(1, "bob", confirm=False, note="the source says 6,000 is right")
        report = merge(target, export(source, tmp_path / f"second.{fmt}", fmt))
        assert (report.updated, report.kept) == (1, 0)
        assert signoffs(target)[CLAIMS[0]] == signoffs(source)[CLAIMS[0]]
        mine, theirs = target.desk_claim(1), source.desk_claim(1)
        assert (mine.status, mine.note) == (theirs.status, theirs.note) == ("pending", "the source says 6,000 is right")
        if fmt == "jsonl":  # a CSV does not say which verdict was reopened (see the module's docstring)
            assert agreement(target) == agreement(source)
