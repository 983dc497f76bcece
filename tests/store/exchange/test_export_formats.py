"""Export filters, the Excel BOM, the verdicts view, JSON Lines with history, the partial-file guarantee."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import NewClaim, Store, StoreError, content_hash
from store.exchange.export import (
    COLUMNS,
    ExportFilter,
    ExportOptions,
    neutralise,
    unneutralise,
    write_csv,
)
from store.exchange.formats import export_to_path
from store.exchange.jsonl import write_jsonl


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", clock=lambda: s.now) as s:
        s.now = "2026-05-01T10:00:00Z"
        yield s


def add(store, texts, title="T", source="Wire", url=None):
    body = " ".join(texts)
    with store.transaction():
        article_id = store.insert_article(title, body, content_hash(body), source, url)
        claims, start = [], 0
        for text in texts:
            claims.append(NewClaim(text, start, start + len(text), 0.5, "quantity", "Ana"))
            start += len(text) + 1
        return article_id, store.insert_claims(article_id, claims)


@pytest.fixture
def desk(store):
    """Two articles from two sources; three decisions by two reviewers on three days."""
    a1, (c1, c2) = add(store, ["Prices rose 4% in May.", "Rents fell 2%."], "Prices", "Harbour Wire")
    a2, (c3,) = add(store, ["Unemployment fell to 5.1%."], "Jobs", "Northline News")
    for day, (claim, status, reviewer) in enumerate([(c1, "verified", "ana"), (c2, "disputed", "Bo"),
                                                      (c3, "verified", "bo")], start=3):
        store.now = f"2026-05-{day:02d}T10:00:00Z"
        store.decide(claim, status, reviewer)
    return {"articles": (a1, a2), "claims": (c1, c2, c3)}


def ids(store, **kw):
    out = io.StringIO()
    write_csv(store, out, filters=ExportFilter(**kw))
    return [int(r["claim_id"]) for r in csv.DictReader(io.StringIO(out.getvalue()))]


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        pytest.param({}, [0, 1, 2], id="everything"),
        pytest.param({"status": "verified"}, [0, 2], id="status"),
        pytest.param({"source": "northline news"}, [2], id="source-any-case"),
        pytest.param({"reviewer": "BO"}, [1, 2], id="reviewer-any-case"),
        pytest.param({"since": "2026-05-04"}, [1, 2], id="since-a-day"),
        pytest.param({"until": "2026-05-04"}, [0, 1], id="until-includes-the-day"),
        pytest.param({"since": "2026-05-04T00:00:00Z", "until": "2026-05-04T23:00:00Z"}, [1], id="a-window"),
        pytest.param({"reviewer": "bo", "status": "verified"}, [2], id="combined"),
    ],
)
def test_filters_select_the_claims_a_desk_asks_for(store, desk, kw, expected):
    assert ids(store, **kw) == [desk["claims"][i] for i in expected]


def test_the_article_filter_takes_several_ids(store, desk):
    a1, a2 = desk["articles"]
    assert ids(store, article_ids=(a2,)) == [desk["claims"][2]]
    assert ids(store, article_ids=(a1, a2)) == list(desk["claims"])


def test_a_date_that_is_not_a_date_is_one_clear_error(store, desk):
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        ids(store, since="last tuesday")


def test_excel_gets_a_byte_order_mark_and_every_other_reader_does_not(store, desk):
    plain, excel = io.StringIO(), io.StringIO()
    write_csv(store, plain)
    write_csv(store, excel, excel=True)
    assert not plain.getvalue().startswith("\ufeff")
    assert excel.getvalue() == "\ufeff" + plain.getvalue()


def test_the_csv_has_the_exchange_columns_and_crlf_rows(store, desk):
    out = io.StringIO()
    write_csv(store, out)
    header = out.getvalue().split("\r\n", 1)[0].split(",")
    assert header == list(COLUMNS)
    for name in ("article_id", "article_source", "published", "claim_type", "checkworthiness", "evidence",
                 "matched_claim_ids"):
        assert name in header


def test_the_verdicts_view_gives_the_same_rows_as_the_csv_export(store, desk):
    with store.transaction():
        store.insert_link(desk["claims"][2], desk["claims"][0], 80.0, "related")
    out = io.StringIO()
    write_csv(store, out, raw=True)
    exported = [tuple(r.values()) for r in csv.DictReader(io.StringIO(out.getvalue()))]
    view = store.execute("SELECT * FROM verdicts")
    assert [d[0] for d in store.db.execute("SELECT * FROM verdicts").description] == list(COLUMNS)
    as_text = [tuple("" if v is None else str(v) for v in row) for row in view]
    assert sorted(as_text) == sorted(exported)


def test_jsonl_carries_every_field_and_the_full_history(store, desk):
    c1 = desk["claims"][0]
    store.decide(c1, "disputed", "cy", "changed my mind")
    out = io.StringIO()
    assert write_jsonl(store, out) == 3
    record = json.loads(out.getvalue().splitlines()[0])
    assert set(COLUMNS) <= record.keys()
    assert {"start", "end", "cue", "flagged", "created_at", "links", "history", "article_origin"} <= record.keys()
    assert [(h["reviewer"], h["to_status"]) for h in record["history"]] == [("ana", "verified"), ("cy", "disputed")]
    assert record["note"] == "changed my mind" and record["status"] == "disputed"


def test_a_failed_export_leaves_no_file_behind(store, desk, tmp_path):
    target = tmp_path / "out.jsonl"
    with pytest.raises(StoreError, match="organisation"):
        export_to_path(store, target, options=ExportOptions("claimreview"))
    assert list(tmp_path.glob("out.jsonl*")) == []


@given(st.text())
def test_neutralising_then_reading_back_gives_the_cell_back(cell):
    neutral = neutralise(cell)
    assert not str(neutral).startswith(("=", "+", "-", "@", "\t", "\r"))
    if not (cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r")):
        assert unneutralise(neutral) == cell


def test_sqlite_utils_sees_the_verdicts_view_and_searches_claims(store, desk):
    assert "verdicts" in store.db.view_names()
    assert store.db["verdicts"].count == 3
    assert [row["id"] for row in store.db["claims"].search("unemployment")] == [desk["claims"][2]]


@pytest.mark.parametrize("breaker", ["\x85", "\u2028", "\u2029"])
def test_a_note_holding_a_line_separator_keeps_each_record_on_one_line(tmp_path, breaker):
    import io
    import json

    from store.exchange.claimreview import write_claimreviews
    from store.exchange.jsonl import write_jsonl

    text = "The port handled 4 million containers in 2020."
    with Store(tmp_path / "db") as store:
        with store.transaction():
            article_id = store.insert_article("Port", text, content_hash(text), "Wire")
            (claim_id,) = store.insert_claims(article_id, [NewClaim(text, 0, len(text), 0.9, "quantity", None, None)])
        store.decide(claim_id, "verified", "ana", f"first{breaker}second")
        jsonl, reviews = io.StringIO(), io.StringIO()
        write_jsonl(store, jsonl)
        write_claimreviews(store, reviews, None, "Desk")
    (line,) = jsonl.getvalue().splitlines()  # str.splitlines splits on U+0085, U+2028, U+2029 too
    assert json.loads(line)["note"] == f"first{breaker}second"
    assert len(reviews.getvalue().splitlines()) == 1
