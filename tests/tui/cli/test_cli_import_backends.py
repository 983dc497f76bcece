"""`claimdesk import` of the same fact-check file into a SQLite file and into PostgreSQL, each holding the same
loaded article: the same checks are stored, `claimdesk export` of the two gives the same lines (the loaded claims
and their links to the checks; but for the moment of the import), and importing it again adds nothing on both."""

from __future__ import annotations

import json
import re

import pytest

from store import NewClaim, Store, content_hash
from tui.cli.main import main

CSV = """claim,rating,url,date,source,title,speaker
The dam will cost 4.2 billion crowns,False,https://checks.example/1,2021-05-02,Harbour Checks,Dam costs,Ivo Dane
"A path C:\\new\\table and \\N, as written",True,https://checks.example/2,,Harbour Checks,,
Prices rose 3.1% in May; 'a record',kinda,https://checks.example/3,May 2 2021,Øst Fakta,„Record“ prices,Kari
The dam will cost 4.2 billion crowns,False,https://checks.example/1,2021-05-02,Harbour Checks,Dam costs,Ivo Dane
"Tabs\tand ""quotes"" in a claim",Half true,,,Other Checks,,
"""
ARTICLE = ("PORT ELLIS, May 2 - The dam will cost 4.2 billion crowns, the ministry said. Prices rose 3.1% in May, "
           "a record. The dam will cost 4 billion crowns, said the mayor.")
MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def loaded(db: str) -> None:
    """The article, its three sentences as claims (through the store: no spaCy)."""
    with Store(db, clock=lambda: "2026-05-10T09:00:00Z") as store, store.transaction():
        article_id = store.insert_article("Dam costs", ARTICLE, content_hash(ARTICLE), "Harbour Wire")
        spans = [(ARTICLE.index("The dam"), ARTICLE.index(", the ministry")),
                 (ARTICLE.index("Prices"), ARTICLE.index(", a record")),
                 (ARTICLE.rindex("The dam"), ARTICLE.rindex(", said"))]
        store.insert_claims(article_id, [NewClaim(ARTICLE[a:b], a, b, 0.9, "quantity", None) for a, b in spans])


def exported(runner, db: str) -> list[dict]:
    """The JSON Lines export's records, the moments masked; compared as values (PostgreSQL's export writes a
    link's score of 90.0 as 90, SQLite's as 90.0: so it did before imports used COPY too)."""
    result = runner.invoke(main, ["--db", db, "export", "--format", "jsonl", "--all", "--with-articles"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in MOMENT.sub("<when>", result.stdout).splitlines()]


def checks_of(db: str) -> list[tuple]:
    """The earlier checks as stored, with their articles, the moments masked."""
    with Store(db) as store:
        rows = store.execute("SELECT c.id, c.text, c.status, c.note, c.reviewer, c.speaker, c.origin, a.title,"
                             " a.url, a.source, a.published, a.earlier_check FROM claims c JOIN articles a"
                             " ON a.id = c.article_id WHERE a.earlier_check = 1 ORDER BY c.id")
    return [tuple(row) for row in rows]


@pytest.mark.postgres
def test_an_import_exports_the_same_from_sqlite_and_postgresql(runner, new_archive, tmp_path):
    checks = tmp_path / "checks.csv"
    checks.write_text(CSV, encoding="utf-8")
    archives = [new_archive("sqlite"), new_archive("postgres")]
    for db in archives:
        loaded(db)
        result = runner.invoke(main, ["--db", db, "import", str(checks)])
        assert result.exit_code == 0, result.output
        assert "4 earlier fact-checks added, 1 already there, 3 links to loaded claims" in result.stdout
        again = runner.invoke(main, ["--db", db, "import", str(checks)])
        assert "0 earlier fact-checks added, 5 already there" in again.stdout
    lite, pg = (exported(runner, db) for db in archives)  # the loaded claims (exports leave the checks out)
    assert len(lite) == 3 and pg == lite
    assert sum(len(record["links"]) for record in pg) == 3
    lite_checks, pg_checks = (checks_of(db) for db in archives)
    assert len(lite_checks) == 4 and pg_checks == lite_checks
