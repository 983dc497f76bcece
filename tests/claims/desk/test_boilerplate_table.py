"""Boilerplate on invented articles of one made-up source (Calder Checks): its notices, verdicts, rating widgets,
bylines and featured items are neither highlighted nor linked, in one load or several, while a claim quoted anew
in other articles, of one source or of several, is still a highlighted claim, linked to its earlier copies."""

from __future__ import annotations

import pytest

from claims.desk.load import Loader
from claims.extract.pipeline import ExtractedClaim
from claims.read.article import ArticleDraft
from store import Store

SOURCE = "Calder Checks"
CLAIMS = [
    "The river district lost 6,000 homes to the flood of 2019, the interior ministry said.",
    "Mayor Tobias Rell promised a tram line between Port Ellis and Lissel by September 2027.",
    "Unemployment in Calder fell to 4.1 percent in March, its lowest level since 1998.",
    "The new dam on the Tessel will cost 4.2 billion crowns, according to the finance ministry.",
    "Sales of electric cars doubled in Norland last year, the trade body reported on Tuesday.",
    "Calder's prisons held 12,400 inmates in January, a third more than they were built for.",
]
MORE = [
    "Lissel's new library will open on Sundays from June, the culture office announced.",
    "Ferry fares to the Tessel islands rose by a fifth after the fuel tax came in.",
    "Doctors at Port Ellis hospital treated 380 heatstroke cases in one week of July.",
    "The northern rail line carried more freight than the motorway for the first time.",
    "Norland's central bank kept its main rate at 2 percent for the ninth month running.",
    "Teachers in Calder will vote on a strike over class sizes next month.",
]
QUOTED = "Senator Ilse Varga said wind farms supply 41 percent of Norland's power."
FEATURED = ["Featured fact-check", "Ilse Varga", "stated on May 1, 2024 in a radio interview",
            "Wind farms supply 41 percent of Norland's power.", "By Ann Lee \u2022 May 3, 2024"]

# (what, the articles as (source, lines), the lines that are boilerplate wherever they are, the lines linked)
TABLE = [
    ("verdicts, another in each article", [
        (SOURCE, [CLAIMS[0], "We rate this claim Half True."]),
        (SOURCE, [CLAIMS[1], "In the end, we rate the mayor\u2019s statement Half True."]),
        (SOURCE, [CLAIMS[2], "The figure is old and leaves out the refugees, so we rate it Mostly False."])],
     {"We rate this claim Half True.", "In the end, we rate the mayor\u2019s statement Half True.",
      "The figure is old and leaves out the refugees, so we rate it Mostly False."}, set()),
    ("rating widgets with their stamps and the claims they rate", [
        (SOURCE, [CLAIMS[0], "Share the Facts 2024-05-02 10:11:12 UTC Calder Checks 3 1 7 Calder Checks Rating: "
                             "False \"Crime doubled in Lissel.\""]),
        (SOURCE, [CLAIMS[1], "Share the Facts 2024-06-12 08:01:55 UTC Calder Checks 2 1 7 Calder Checks Rating: "
                             "Half True \"Crime doubled in Lissel.\""])],
     {"Share the Facts 2024-05-02 10:11:12 UTC Calder Checks 3 1 7 Calder Checks Rating: False \"Crime doubled "
      "in Lissel.\"", "Share the Facts 2024-06-12 08:01:55 UTC Calder Checks 2 1 7 Calder Checks Rating: Half True "
      "\"Crime doubled in Lissel.\""}, set()),
    ("notices about the piece and bylines", [
        (SOURCE, ["By Ann Lee \u2022 May 3, 2024", CLAIMS[0],
                  "Editor's note: This story was updated on May 4 to correct the name of the ministry."]),
        (SOURCE, ["By Ann Lee \u2022 May 3, 2024", CLAIMS[1],
                  "This fact check is available on the Calder Checks app for phones."])],
     {"By Ann Lee \u2022 May 3, 2024", "This fact check is available on the Calder Checks app for phones.",
      "Editor's note: This story was updated on May 4 to correct the name of the ministry."}, set()),
    ("a notice in three articles of the source", [
        (SOURCE, [CLAIMS[0], "Calder Checks is a member of the Northline Press Council."]),
        (SOURCE, [CLAIMS[1], "Calder Checks is a member of the Northline Press Council."]),
        (SOURCE, [CLAIMS[2], "Calder Checks is a member of the Northline Press Council."])],
     {"Calder Checks is a member of the Northline Press Council."}, set()),
    ("a featured fact-check carried over with its speaker and byline, in two articles", [
        (SOURCE, [CLAIMS[0], MORE[0], MORE[1], *FEATURED, CLAIMS[1], MORE[2]]),
        (SOURCE, [CLAIMS[2], CLAIMS[3], MORE[3], *FEATURED, CLAIMS[4], MORE[4], MORE[5]])],
     set(FEATURED), set()),
    ("a claim quoted anew by two sources", [
        ("Harbour Wire", [CLAIMS[0], QUOTED]), ("Northline Post", [QUOTED, CLAIMS[1]])], set(), {QUOTED}),
    ("a claim quoted anew by four sources", [
        (name, [CLAIMS[n], QUOTED]) for n, name in enumerate(["Harbour Wire", "Northline Post", "Calder Times",
                                                                SOURCE])], set(), {QUOTED}),
    ("a claim quoted anew in two articles of the source", [
        (SOURCE, [CLAIMS[0], QUOTED, CLAIMS[1]]), (SOURCE, [CLAIMS[2], QUOTED, CLAIMS[3]])], set(), {QUOTED}),
    ("two versions of one article of the source", [
        (SOURCE, [CLAIMS[0], CLAIMS[1], CLAIMS[2], CLAIMS[3], CLAIMS[4]]),
        (SOURCE, [CLAIMS[0], CLAIMS[1], CLAIMS[2], CLAIMS[3], CLAIMS[5]])], set(), set(CLAIMS[:4])),
]


class LineExtractor:
    """Every line of the article is a claim, highlighted."""

    model = None
    threshold = 0.5

    def extract(self, text: str, title: str | None = None) -> list[ExtractedClaim]:
        claims, start = [], 0
        for line in text.split("\n"):
            claims.append(ExtractedClaim(line, start, start + len(line), 0.9, True, "other", None, None))
            start += len(line) + 1
        return [c for c in claims if c.text]

    def extract_many(self, texts, batch_size: int = 32, titles=None):
        return [self.extract(t) for t in texts]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", clock=lambda: "2026-05-10T09:00:00Z") as s:
        yield s


def rows(store: Store, text: str) -> list[tuple[int, str, int, int]]:
    """Each copy of `text`: its id, type, highlighted and the count of links from or to it."""
    return [tuple(row) for row in store.execute(
        "SELECT c.id, c.type, c.highlighted, (SELECT COUNT(*) FROM claim_links l WHERE l.claim_id = c.id"
        " OR l.earlier_id = c.id) FROM claims c WHERE c.text = ? ORDER BY c.id", [text])]


@pytest.mark.parametrize("together", [True, False], ids=["one load", "one load each"])
@pytest.mark.parametrize(("what", "articles", "boilerplate", "linked"), TABLE, ids=[row[0] for row in TABLE])
def test_boilerplate_is_neither_highlighted_nor_linked_and_claims_still_are(store, what, articles, boilerplate,
                                                                           linked, together):
    drafts = [ArticleDraft(f"Check {n}", "\n".join(lines), f"in/{n}.txt", source)
              for n, (source, lines) in enumerate(articles)]
    for batch in [drafts] if together else [[draft] for draft in drafts]:
        assert [r.status for r in Loader(store, LineExtractor()).load(batch)] == ["loaded"] * len(batch)
    for text in {line for _, lines in articles for line in lines}:
        found = rows(store, text)
        if text in boilerplate:
            assert [(kind, lit, links) for _, kind, lit, links in found] == [("boilerplate", 0, 0)] * len(found), text
        else:
            assert {(kind, lit) for _, kind, lit, _ in found} == {("other", 1)}, text
            assert all(links > 0 for *_, links in found) is (text in linked), text
