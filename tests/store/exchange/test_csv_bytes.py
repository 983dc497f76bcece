"""SQLite's fast CSV export (store.exchange.csv_bytes) writes byte for byte what the exact way writes (csv.writer
over the rows as Python values, formulas neutralised unless raw) for any text, number and NULL an archive holds,
whatever the stream; a batch it cannot write exactly goes the exact way; PostgreSQL exports the same archive to the
same bytes."""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import NewClaim, Store, content_hash
from store.exchange import csv_sqlite
from store.exchange.export import (
    COLUMNS,
    COLUMNS_SQL,
    REBUILD_COLUMNS,
    SIGNOFF_COLUMNS,
    SIGNOFF_SQL,
    ExportFilter,
    neutralise,
    rebuild_sql,
    select_rows,
    write_csv,
)
from store.exchange.json_values import links_json

CLOCK = "2026-03-04T05:06:07Z"
AWKWARD = ',"\r\n\t=+-@\'\x00\x1e\x1f ;aé€日😀'
text = st.text(st.sampled_from(AWKWARD) | st.characters(blacklist_categories=("Cs",)), max_size=10)
formula = st.builds(str.__add__, st.sampled_from("=+-@\t\r"), text)
cell = text | formula
maybe = st.none() | cell
scores = st.floats(allow_nan=False, width=64) | st.sampled_from([0.0, -0.0, -1e-9, 1e-5, 0.1 + 0.2, 1e20, 0.12345])
claim_rows = st.fixed_dictionaries({
    "title": cell, "source": maybe, "url": maybe, "published": maybe, "claim": cell, "type": cell, "speaker": maybe,
    "score": scores, "rank": st.none() | st.integers(-2, 10**6), "highlighted": st.booleans(),
    "status": st.sampled_from(["pending", "verified", "disputed", "unverified"]), "reviewer": maybe, "note": maybe,
    "evidence": maybe, "link": st.booleans(), "signoff": st.booleans(),
})
numbers = itertools.count()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "fast.db", clock=lambda: CLOCK) as s:
        yield s


def add(store, row: dict, number: int | None = None) -> int:
    """An article with one claim as ``row`` describes it (its text told apart by ``number``); returns its id."""
    body = f"{row['claim']} (article {next(numbers) if number is None else number})"
    with store.transaction():
        article_id = store.insert_article(row["title"], body, content_hash(body), row["source"], row["url"],
                                          row["published"])
        claim = NewClaim(row["claim"], 0, len(row["claim"]), row["score"], row["type"], row["speaker"],
                         rank=row["rank"], highlighted=row["highlighted"])
        claim_id = store.insert_claims(article_id, [claim])[0]
    if row["status"] != "pending":
        store.decide(claim_id, row["status"], row["reviewer"], note=row["note"], evidence=row["evidence"],
                     signoff=row["signoff"])
        if row["signoff"] and claim_id % 2:  # the others still await their second review
            store.sign_off(claim_id, "the second reviewer", confirm=True)
    if row["link"] and claim_id > 1:
        store.insert_link(claim_id, claim_id - 1, 80.0, "related")
    return article_id


def exact(store, filters: ExportFilter, raw: bool, with_articles: bool, second_review: bool) -> bytes:
    """What the export wrote before the fast path: csv.writer over the rows as Python values."""
    header = COLUMNS + (REBUILD_COLUMNS if with_articles else ()) + (SIGNOFF_COLUMNS if second_review else ())
    links = len(COLUMNS) + REBUILD_COLUMNS.index("links")
    columns = COLUMNS_SQL + (f", {', '.join(rebuild_sql(store))}" if with_articles else "") + (
        f", {SIGNOFF_SQL}" if second_review else "")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in select_rows(store, filters, columns):
        if with_articles and not isinstance(row[links], str):  # PostgreSQL's links as SQLite writes them
            row = (*row[:links], links_json(row[links]), *row[links + 1:])
        writer.writerow(row if raw else [neutralise(value) for value in row])
    return out.getvalue().encode()


def fast(store, filters: ExportFilter, raw: bool, with_articles: bool, second_review: bool, stream: str) -> bytes:
    """The export through write_csv, to a UTF-8 file (bytes written under it) or to a text-only stream."""
    options = {"filters": filters, "raw": raw, "with_articles": with_articles, "second_review": second_review}
    if stream == "text":
        out = io.StringIO()
        write_csv(store, out, **options)
        return out.getvalue().encode()
    data = io.BytesIO()
    out = io.TextIOWrapper(data, encoding="utf-8", newline="")
    write_csv(store, out, **options)
    out.flush()
    return data.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(claim_rows, min_size=1, max_size=6), raw=st.booleans(), with_articles=st.booleans(),
       second_review=st.booleans(), stream=st.sampled_from(["file", "text"]))
def test_any_archive_exports_the_same_bytes_as_csv_writer_writes(store, rows, raw, with_articles, second_review,
                                                                 stream):
    filters = ExportFilter(article_ids=tuple(add(store, row) for row in rows))
    assert (fast(store, filters, raw, with_articles, second_review, stream)
            == exact(store, filters, raw, with_articles, second_review))


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_rows_the_fast_layout_cannot_hold_go_the_exact_way(store, monkeypatch, batch):
    monkeypatch.setattr(csv_sqlite, "BATCH", batch)
    base = {"source": "Wire", "url": None, "published": None, "type": "other", "speaker": None, "score": 0.5,
            "rank": 1, "highlighted": True, "status": "pending", "reviewer": None, "note": None, "evidence": None,
            "link": False, "signoff": False}
    ids = [add(store, {**base, "title": f"T{n}", "claim": f"Claim {n}, with a comma"}) for n in range(7)]
    weird = {2: "rank = 2.5", 3: "rank = 'first'", 4: "highlighted = 7", 5: "rank = -1"}
    for claim_id, change in weird.items():
        store.db.execute(f"UPDATE claims SET {change} WHERE id = ?", [claim_id])
    store.db.execute("UPDATE articles SET title = ? WHERE id = ?", ["a record\x1eseparator", ids[6]])
    filters = ExportFilter(article_ids=tuple(ids))
    for raw in (False, True):
        expected = exact(store, filters, raw, False, False)
        assert b"2.5" in expected and b"first" in expected and b"\x1e" in expected
        assert fast(store, filters, raw, False, False, "file") == expected
        assert fast(store, filters, raw, False, False, "text") == expected


@pytest.mark.parametrize("score", [0.0, -0.0, -1e-9, 1e-5, 0.1 + 0.2, 1e20, 123456.78915, 1e-300, float("inf")])
def test_every_checkworthiness_is_written_as_python_writes_the_float(store, score):
    row = {"title": "T", "source": None, "url": None, "published": None, "claim": "A claim", "type": "other",
           "speaker": None, "score": score, "rank": None, "highlighted": False, "status": "verified",
           "reviewer": "ana", "note": None, "evidence": None, "link": False, "signoff": False}
    filters = ExportFilter(article_ids=(add(store, row), add(store, row)))
    assert fast(store, filters, False, False, False, "file") == exact(store, filters, False, False, False)


def test_postgresql_exports_an_archive_to_the_same_bytes_as_sqlite(new_archive):
    rows = [{"title": f'"Title {n}", =cell', "source": "Wire, Inc." if n % 2 else None, "url": f"https://x.example/{n}",
             "published": "2026-01-02", "claim": f"-Claim {n}, said \"she\"\r\nthen", "type": "quantity",
             "speaker": None, "score": n / 7, "rank": n or None, "highlighted": n % 3 != 0,
             "status": ["pending", "verified", "disputed"][n % 3], "reviewer": "ana", "note": f"@note {n}",
             "evidence": None, "link": n % 2 == 0, "signoff": n == 4} for n in range(6)]
    exported = []
    for kind in ("sqlite", "postgres"):
        with Store(new_archive(kind), clock=lambda: CLOCK) as store:
            for number, row in enumerate(rows):
                add(store, row, number)
            exported.append([fast(store, ExportFilter(), raw, with_articles, True, "file")
                             for raw, with_articles in ((False, False), (True, True))])
    assert exported[0] == exported[1]
