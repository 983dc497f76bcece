"""CSV export: header, one row per claim, readable back, safe in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest

from store import NewClaim, Store, content_hash
from store.exchange.export import COLUMNS, neutralise, write_csv


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", clock=lambda: "2026-01-02T03:04:05Z") as s:
        yield s


def add(store, text, title="T", url=None):
    with store.transaction():
        article_id = store.insert_article(title, text, content_hash(text), "Wire", url)
        return store.insert_claims(article_id, [NewClaim(text, 0, len(text), 0.5, "other", "Ana")])[0]


def read(store, **kw):
    out = io.StringIO()
    count = write_csv(store, out, **kw)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    return count, rows


def test_the_export_has_the_documented_columns_and_one_row_per_claim(store):
    first = add(store, "Prices rose 4% in May, officials said.", "Prices", "https://example.org/a")
    add(store, "Unemployment fell to 5.1%.", "Jobs")
    store.decide(first, "verified", "ana", 'checked, "ok", with a, comma\nand a newline')
    count, rows = read(store)
    assert count == 2 and len(rows) == 2
    for name in ("claim_id", "article_title", "article_url", "claim", "speaker", "status", "note", "reviewer",
                 "reviewed_at"):
        assert name in rows[0]
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["status"] == "verified" and rows[0]["reviewer"] == "ana"
    assert rows[0]["note"] == 'checked, "ok", with a, comma\nand a newline'
    assert rows[0]["article_url"] == "https://example.org/a"
    assert rows[1]["status"] == "pending" and rows[1]["reviewed_at"] == ""


def test_the_export_can_be_limited_to_one_status(store):
    first = add(store, "Prices rose 4% in May.")
    add(store, "Unemployment fell to 5.1%.")
    store.decide(first, "disputed", "ana")
    count, rows = read(store, status="disputed")
    assert count == 1 and rows[0]["claim_id"] == str(first)


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_cells_a_spreadsheet_would_run_are_neutralised(store, cell):
    add(store, cell)
    _, rows = read(store)
    assert rows[0]["claim"] == "'" + cell
    _, raw_rows = read(store, raw=True)
    assert raw_rows[0]["claim"] == cell


def test_ordinary_values_are_not_touched():
    assert neutralise("Prices rose") == "Prices rose"
    assert neutralise(-3) == -3


def test_matched_ids_come_best_first_for_linked_claims_and_empty_for_the_others(store):
    earlier = [add(store, f"Earlier claim number {n} about prices.") for n in range(3)]
    linked = add(store, "Prices rose again, officials said.")
    alone = add(store, "Nothing links to this one.")
    for earlier_id, score in zip(earlier, (70.0, 95.0, 70.0), strict=True):
        store.insert_link(linked, earlier_id, score, "related")
    _, rows = read(store)
    matched = {int(r["claim_id"]): r["matched_claim_ids"] for r in rows}
    assert matched[linked] == f"{earlier[1]} {earlier[0]} {earlier[2]}"  # best score first, then by id
    assert matched[alone] == "" and all(matched[e] == "" for e in earlier)
    view = {row[0]: row[1] or "" for row in store.execute("SELECT claim_id, matched_claim_ids FROM verdicts")}
    assert matched == view
