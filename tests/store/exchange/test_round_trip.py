"""An archive exported --with-articles (CSV and JSON Lines) and imported into an empty database, or merged by
`claimdesk copy --merge`, is the archive a fact-checker saw: the same claims highlighted and dim, ranks, cues,
types, speakers, datelines, links, assignments, verdicts and history (no duplicate rows); and the import's counts
partition the records."""

from __future__ import annotations

import json

import pytest

from claims.desk.copy import copy_archive
from store import NewClaim, Store, content_hash
from store.exchange.export import ExportOptions
from store.exchange.formats import export_to_path
from store.exchange.jsonl import export_records
from store.exchange.merge import merge_export
from store.exchange.read_exports import detect_export, read_export

BODIES = [
    ("Floods drive thousands from their homes", "PORT ELLIS, March 3 (Harbour Wire) -",
     ["About 6,000 people were evacuated, the ministry said.", "The weather was grey.",
      "The dam will cost 4.2 billion crowns, Ana Lund said.", "The weather was grey."]),
    ("Minister revises the count", "CALDER, March 9 -",
     ["About 60,000 people were evacuated, the governor said.", "Rain is expected.",
      "The dam will cost 4.2 billion crowns, the finance ministry said."]),
]


def build(path) -> Store:
    """Two articles: ranked claims, most dim (as extraction leaves them), a cue and a speaker each, a dateline;
    a link, decisions with a reopen, an assignment."""
    store = Store(path, clock=lambda: store.now)
    store.now = "2026-05-10T09:00:00Z"
    ids = []
    for title, dateline, texts in BODIES:
        body = " ".join(texts)
        starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
        claims = [NewClaim(t, s, s + len(t), round(0.9 - n / 10, 2), "quantity" if "," in t else "other",
                           "the ministry" if "said" in t else None, "said" if "said" in t else None, n + 1, n == 0)
                  for n, (t, s) in enumerate(zip(texts, starts, strict=True))]
        with store.transaction():
            article_id = store.insert_article(title, body, content_hash(body), "Harbour Wire", None, "2026-03-03",
                                              dateline, author="A. Writer")
            ids.append(store.insert_claims(article_id, claims))
    with store.transaction():
        store.insert_link(ids[1][0], ids[0][0], 88.5, "related")
        store.insert_link(ids[1][2], ids[0][2], 97.0, "same")
    store.decide(ids[0][0], "verified", "ana", "Register says 6,012")
    store.now = "2026-05-11T09:00:00Z"
    store.decide(ids[1][0], "disputed", "bo", "Two counts disagree", signoff=True)
    store.sign_off(ids[1][0], "cy", confirm=False, note="check the register")
    store.assign(ids[1], "carl", "ana")
    return store


def seen(store) -> dict:
    """What a fact-checker sees, without the ids the archive gave: claims, links, assignments, articles."""
    texts = {c.id: c.text for c in store.claims()}
    claims = [(c.text, c.start, c.end, c.score, c.type, c.speaker, c.cue, c.rank, c.highlighted, c.origin, c.status,
               c.note, c.reviewer, c.reviewed_at, store.assignee(c.id),
               [(texts[link.earlier_id], link.score, link.kind) for link in store.links(c.id)])
              for c in store.claims()]
    articles = [(a.title, a.source, a.published, a.dateline, a.text)
                for a in (store.article(s.id) for s in store.articles())]
    return {"claims": claims, "articles": articles}


def records(store, history: bool = True) -> list[dict]:
    """The JSON Lines export, ids replaced by the claims' texts (and the history left out for a CSV)."""
    found = list(export_records(store))
    texts = {r["claim_id"]: r["claim"] for r in found}
    skip = {"claim_id", "article_id", "matched_claim_ids", "created_at", "article_loaded_at", "article_origin"}
    out = []
    for record in found:
        kept = {k: v for k, v in record.items() if k not in skip}
        kept["links"] = [(texts[link["earlier_id"]], link["score"], link["kind"]) for link in record["links"]]
        kept["history"] = [{k: v for k, v in h.items() if k != "source_claim_id"} for h in record["history"]]
        if not history:
            kept.pop("history")
        out.append(kept)
    return out


@pytest.fixture
def source(tmp_path):
    store = build(tmp_path / "source.db")
    yield store
    store.close()


def merged(store, path):
    return merge_export(store, read_export(path, detect_export(path)))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_with_articles_rebuilds_the_archive_in_an_empty_database(source, tmp_path, fmt):
    path = tmp_path / f"all.{fmt}"
    export_to_path(source, path, options=ExportOptions(fmt, with_articles=True))
    with Store(tmp_path / "rebuilt.db") as rebuilt:
        report = merged(rebuilt, path)
        assert seen(rebuilt) == seen(source)
        assert records(rebuilt, history=fmt == "jsonl") == records(source, history=fmt == "jsonl")
        assert (report.records, report.added, report.updated, report.unchanged, report.kept) == (7, 7, 0, 0, 0)
        assert (report.links, report.assignments, report.articles_added) == (2, 3, 2)
        again = merged(rebuilt, path)
        assert (again.unchanged, again.history, again.links, again.assignments) == (7, 0, 0, 0)
        assert seen(rebuilt) == seen(source)


def test_json_lines_history_comes_back_once_and_in_order(source, tmp_path):
    path = tmp_path / "all.jsonl"
    export_to_path(source, path, options=ExportOptions("jsonl", with_articles=True))
    with Store(tmp_path / "rebuilt.db") as rebuilt:
        merged(rebuilt, path)
        reopened = next(c for c in rebuilt.claims() if c.text.startswith("About 60,000"))
        assert [(h.action, h.to_status) for h in rebuilt.history(reopened.id)] == [
            ("status", "disputed"), ("reopen", "pending"), ("assign", "pending")]


def test_copy_merge_carries_ranks_cues_links_and_assignments(source, tmp_path):
    """The target already holds the first article; the second (and its link to the first) comes from the source."""
    with Store(tmp_path / "target.db") as target:
        title, dateline, texts = BODIES[0]
        body = " ".join(texts)
        with target.transaction():
            article_id = target.insert_article(title, body, content_hash(body), "Harbour Wire", None, "2026-03-03",
                                               dateline, author="A. Writer")
            target.insert_claims(article_id, [NewClaim(**{k: getattr(c, k) for k in (
                "text", "start", "end", "score", "type", "speaker", "cue", "rank", "highlighted")})
                for c in source.claims(article_id=1)])
        target.decide(1, "verified", "ana", "Register says 6,012", at="2026-05-10T09:00:00Z")
        outcome = copy_archive(source, target, merge=True, index=False)
        assert seen(target) == seen(source)
        assert records(target) == records(source)
        merged_report = outcome.merged
        assert (merged_report.records, merged_report.unchanged, merged_report.added) == (7, 4, 3)
        assert outcome.links == 2 and outcome.assignments == 3 and "2 new links" in outcome.summary()
        again = copy_archive(source, target, merge=True, index=False)
        assert again.merged.unchanged == 7 and again.links == 0 and seen(target) == seen(source)


def test_a_file_of_an_older_claimdesk_imports_as_before(source, tmp_path):
    """A JSON Lines file without the keys this version added (assignment) and without rank and highlighting (as
    before they existed): its claims come back highlighted and unranked, with their verdicts, and the counts add
    up."""
    path = tmp_path / "all.jsonl"
    export_to_path(source, path, options=ExportOptions("jsonl", with_articles=True))
    old = tmp_path / "old.jsonl"
    dropped = ("assigned_to", "assigned_at", "rank", "highlighted", "cue", "article_dateline", "start", "end")
    old.write_text("".join(json.dumps({k: v for k, v in json.loads(line).items() if k not in dropped}) + "\n"
                           for line in path.read_text().splitlines()))
    with Store(tmp_path / "rebuilt.db") as rebuilt:
        report = merged(rebuilt, old)
        claims = rebuilt.claims()
        assert len(claims) == 7 and all(c.highlighted and c.rank is None for c in claims)
        assert [(c.status, c.reviewer) for c in claims] == [(c.status, c.reviewer) for c in source.claims()]
        assert not any(rebuilt.assignee(c.id) for c in claims)
        assert report.records == report.added == 7


def test_the_counts_partition_the_records(source, tmp_path):
    path = tmp_path / "all.jsonl"
    export_to_path(source, path, options=ExportOptions("jsonl", with_articles=True))
    with Store(tmp_path / "target.db") as target:
        first = merged(target, path)
        target.decide(1, "disputed", "zed", at="2026-06-01T00:00:00Z")  # newer here: kept
        lines = path.read_text().splitlines()
        record = json.loads(lines[2])
        record["status"], record["reviewer"], record["reviewed_at"] = "verified", "ed", "2026-06-02T00:00:00Z"
        lines[2] = json.dumps(record)
        lines.append(json.dumps({**json.loads(lines[1]), "claim": "A sentence that is not in the article."}))
        path.write_text("\n".join(lines) + "\n")
        second = merged(target, path)
    for report in (first, second):
        parts = (report.updated, report.unchanged, report.kept, report.added, report.unmatched)
        assert sum(parts) == report.records
    assert (first.added, first.unchanged) == (7, 0)
    assert (second.records, second.updated, second.kept, second.unchanged, second.added, second.unmatched) == (
        8, 1, 1, 5, 0, 1)
    assert "8 claims read: 1 updated, 5 unchanged, 1 kept (newer here), 0 added, 1 unmatched" in second.summary()


def test_numbers_no_database_can_hold_are_left_out_and_the_rest_imports(source, tmp_path):
    """A link scored NaN, a start past 64 bits, a rank of 10**30, an id of 1e400: each value is dropped as
    missing (a link without a usable score is left out), never an error after half the file went in."""
    path = tmp_path / "all.jsonl"
    export_to_path(source, path, options=ExportOptions("jsonl", with_articles=True))
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    linked = [r for r in lines if r.get("links")]
    linked[0]["links"][0]["score"] = "nan"
    linked[1]["links"][0]["earlier_id"] = 1e400
    lines[0] |= {"start": 10**30, "rank": 10**30, "checkworthiness": "nan"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps(r) + "\n" for r in lines))
    with Store(tmp_path / "rebuilt.db") as rebuilt:
        report = merged(rebuilt, bad)
        assert report.records == report.added == 7 and report.links == 0
        assert [(c.text, c.status) for c in rebuilt.claims()] == [(c.text, c.status) for c in source.claims()]
