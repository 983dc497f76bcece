"""Exports and second review: an archive that never used it exports exactly as before (no new column or key);
one that did carries signoff, second_reviewer and second_reviewed_at after every other column and key, with
the first reviewer's name and time where they always were."""

from __future__ import annotations

import csv
import io
import itertools
import json

import pytest

from store import NewClaim, Store, content_hash
from store.exchange.export import COLUMNS, REBUILD_COLUMNS, SIGNOFF_COLUMNS, ExportOptions, write_csv
from store.exchange.formats import write_export
from store.exchange.jsonl import write_jsonl

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
