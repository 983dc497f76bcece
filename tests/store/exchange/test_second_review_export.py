"""Exports and second review: an archive that never used it exports exactly as before (no new column or key);
one that did carries signoff, second_reviewer and second_reviewed_at after every other column and key, with
the first reviewer's name and time where they always were. ClaimReview (what a desk publishes) leaves out the
verdicts a second reviewer has not passed, and says how many."""

from __future__ import annotations

import csv
import io
import itertools
import json

import pytest

from store import NewClaim, Store, content_hash
from store.exchange.claimreview import LeftOut, claim_review
from store.exchange.export import COLUMNS, REBUILD_COLUMNS, SIGNOFF_COLUMNS, ExportOptions, write_csv
from store.exchange.formats import write_export
from store.exchange.jsonl import write_jsonl
from store.models import Signoff

TEXT = "The dam cost 4 billion. The flood moved 6,000 people."


@pytest.fixture
def store(tmp_path):
    ticks = itertools.count()
    with Store(tmp_path / "x.db", clock=lambda: f"2026-05-10T09:00:{next(ticks):02d}Z") as store:
        with store.transaction():
            article_id = store.insert_article("Flood", TEXT, content_hash(TEXT), "Wire")
            store.insert_claims(article_id, [NewClaim("The dam cost 4 billion.", 0, 23),
                                             NewClaim("The flood moved 6,000 people.", 24, 53)])
        store.decide(1, "verified", "ana", "=Ministry figures")
        yield store


def exported(store, fmt: str, **options) -> str:
    out = io.StringIO()
    write_export(store, out, options=ExportOptions(fmt=fmt, **options))
    return out.getvalue()


def test_an_archive_without_second_review_exports_as_before(store):
    store.assign([2], "bob", "editor")  # assignment is not exported
    plain_csv, plain_jsonl = io.StringIO(), io.StringIO()
    write_csv(store, plain_csv)
    write_jsonl(store, plain_jsonl)
    assert exported(store, "csv") == plain_csv.getvalue()
    assert exported(store, "jsonl") == plain_jsonl.getvalue()
    assert next(csv.reader(io.StringIO(plain_csv.getvalue()))) == list(COLUMNS)
    assert not store.uses_second_review()


def test_second_review_is_exported_last_with_both_names_and_times(store):
    before = exported(store, "jsonl").splitlines()
    store.decide(2, "disputed", "ana", signoff=True)
    store.sign_off(2, "bob", confirm=True)
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv"))))
    header = next(csv.reader(io.StringIO(exported(store, "csv"))))
    assert header == [*COLUMNS, *SIGNOFF_COLUMNS]
    first, second = rows
    assert first["note"] == "'=Ministry figures" and first["signoff"] == ""
    first_at, second_at = store.desk_claim(2).reviewed_at, store.signoff(2).second_reviewed_at
    assert first_at < second_at
    assert (second["reviewer"], second["reviewed_at"]) == ("ana", first_at)
    assert (second["signoff"], second["second_reviewer"], second["second_reviewed_at"]) == (
        "confirmed", "bob", second_at)
    lines = exported(store, "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    assert list(records[1])[-3:] == list(SIGNOFF_COLUMNS)
    assert (records[1]["second_reviewer"], records[1]["signoff"]) == ("bob", "confirmed")
    assert lines[0].startswith(before[0][:-1]) and records[0]["signoff"] is None


def test_second_review_columns_come_after_the_article_text(store):
    store.decide(2, "disputed", "ana", signoff=True)
    header = next(csv.reader(io.StringIO(exported(store, "csv", with_articles=True))))
    assert header[len(COLUMNS):] == [*REBUILD_COLUMNS, *SIGNOFF_COLUMNS] and REBUILD_COLUMNS[0] == "article_text"
    record = json.loads(exported(store, "jsonl", with_articles=True).splitlines()[1])
    assert list(record)[-4:] == ["article_text", *SIGNOFF_COLUMNS] and record["signoff"] == "awaiting"


def reviews(store, left_out=None) -> list[dict]:
    out = io.StringIO()
    write_export(store, out, options=ExportOptions(fmt="claimreview", organisation="Desk"), left_out=left_out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_claimreview_publishes_only_verdicts_the_second_reviewer_passed(store):
    with store.transaction():
        article_id = store.insert_article("Dam", "A. B. C.", content_hash("A. B. C."), "Wire")
        store.insert_claims(article_id, [NewClaim("A.", 0, 2), NewClaim("B.", 3, 5), NewClaim("C.", 6, 8)])
    store.decide(2, "disputed", "ana", signoff=True)
    store.sign_off(2, "bob", confirm=True)
    store.decide(3, "verified", "ana", signoff=True)  # awaiting sign-off
    store.decide(4, "unverified", "ana", signoff=True)
    store.decide(5, "verified", "ana", signoff=True)
    store.import_signoff(Signoff(5, "reopened", "bob", "2026-05-11T09:00:00Z"))  # from a teammate's export
    left_out = LeftOut()
    published = [review["claimReviewed"] for review in reviews(store, left_out)]
    assert published == ["The dam cost 4 billion.", "The flood moved 6,000 people."]  # no sign-off asked; confirmed
    assert (left_out.awaiting, left_out.reopened) == (2, 1)
    assert left_out.sentence() == ("2 verdicts awaiting sign-off and 1 verdict reopened by the second reviewer left "
                                   "out of the ClaimReview export.")
    csv_rows = list(csv.DictReader(io.StringIO(exported(store, "csv"))))
    assert [row["signoff"] for row in csv_rows] == ["", "confirmed", "awaiting", "awaiting", "reopened"]


def test_claimreview_of_an_archive_without_second_review_is_unchanged(store):
    store.decide(2, "disputed", "bob")
    left_out = LeftOut()
    out = io.StringIO()
    write_export(store, out, options=ExportOptions(fmt="claimreview", organisation="Desk"), left_out=left_out)
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in store.execute("SELECT * FROM verdicts ORDER BY claim_id")]
    assert out.getvalue() == "".join(json.dumps(claim_review(row, "Desk"), ensure_ascii=False) + "\n" for row in rows)
    assert not left_out and left_out.sentence() == ""
