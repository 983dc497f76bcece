"""An archive that uses every table and column a copy must carry: loaded articles with metadata, ranked and
highlighted claims, verdicts with notes and evidence, flags, a deleted and a split claim, a claim added by hand,
boilerplate, links, conflicts, earlier fact-checks and their history, claims' vectors. Built through the store
(no spaCy)."""

from __future__ import annotations

from store import NewClaim, Store, content_hash
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict

ARTICLES = [
    ("Flood displaces thousands", "Harbour Wire",
     "PORT ELLIS, May 2 - The flood forced 6,000 people from their homes, the interior ministry said. "
     "The dam will cost 4.2 billion crowns, according to the finance ministry. Read more at our site."),
    ("Governor revises flood count", "Northline News",
     "CALDER, May 9 - The flood forced 60,000 people from their homes, the governor said. According to the "
     "finance ministry, the dam will cost 4.2 billion crowns. Read more at our site."),
    ("Ünïcode, quotes \"and\" =formulas", "=cmd|' /C calc'!A0",
     "OSLO, June 1 - Prices rose 3.1% in May, Statistics Norway said; 'a record', said Kari Nordmann. Tabs\tand more."),
]
CHECKS = [
    ImportedVerdict("The flood forced 6,000 people from their homes", "verified", "Correct", "https://checks.example/1",
                    "interior ministry", "2026-05-03", "Harbour Checks", title="Yes, 6,000 left",
                    subtitle="A subtitle"),
    ImportedVerdict("The dam will cost 4.2 billion crowns", "disputed", "Mostly false", "https://checks.example/2",
                    None, None, "Other Checks"),
]


def sentences(text: str) -> list[NewClaim]:
    claims, start, rank = [], text.index(" - ") + 3, 1
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        claims.append(NewClaim(text[start:end], start, end, 0.9 - rank / 10, "quantity", "the ministry", "said",
                               rank, rank < 3))
        start, rank = end + 1, rank + 1
    return claims


def fill(store: Store) -> None:
    ids = []
    for title, source, text in ARTICLES:
        with store.transaction():
            article_id = store.insert_article(title, text, content_hash(text), source, f"https://n.example/{title[:4]}",
                                              "2026-05-02", text.split(" - ")[0], author="A. Writer", origin="test")
            ids.append(store.insert_claims(article_id, sentences(text)))
    add_earlier_checks(store, CHECKS, origin="import:checks.csv", keep_ids=False)
    checks = [row[0] for row in store.execute("SELECT id FROM claims WHERE origin = 'imported' ORDER BY id")]
    with store.transaction():
        store.insert_link(ids[1][0], ids[0][0], 88.0, "related")
        store.insert_link(ids[1][1], ids[0][1], 96.5, "same")
        store.insert_link(ids[0][0], checks[0], 91.25, "same")
        store.insert_conflict(ids[1][0], ids[0][0], "6,000 / 60,000")
        store.set_linked(checks)
    store.decide(ids[0][0], "verified", "ana", "Ministry figures confirm 6,000", evidence="https://gov.example/x")
    store.decide(ids[1][0], "disputed", "bob", "Intercept says otherwise")
    store.decide(ids[1][0], "unverified", "ana")
    store.annotate(ids[2][0], "=HYPERLINK(\"x\")\nsecond line", None, "carla")
    store.set_flag(ids[0][1], True, "bob")
    store.delete_claim(ids[2][1], "ana")
    store.split_claim(ids[0][1], store.claim(ids[0][1]).start + 20, "ana")
    store.add_claim(3, 0, 4, "bob")
    store.mark_boilerplate([ids[0][-1], ids[1][-1]])
    store.assign(ids[1], "carla", "ana")
    store.decide(ids[1][1], "disputed", "carla", "Two counts disagree", signoff=True)
    store.sign_off(ids[1][1], "bob", confirm=True)
    store.save_vectors([(ids[0][0], "test-model-v1", bytes(range(128)) * 3, None),
                        (checks[0], "test-model-v1", bytes(range(127, -1, -1)) * 3, bytes(384))])
