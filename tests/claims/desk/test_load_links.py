"""What a load links: boilerplate (a sentence a source repeats) marked, never linked; conflicts stored."""

from __future__ import annotations

import pytest

from claims.desk.load import Loader
from claims.extract.pipeline import ExtractedClaim
from claims.match.boilerplate import BOILERPLATE, is_boilerplate
from claims.read.article import ArticleDraft
from store import Store

NOTICE = "Checkers is a member of the Northline Press Council and follows its code of practice."
RATING = "We rate this claim Half True."
CLAIMS = [
    "The river district lost 6,000 homes to the flood of 2019, the interior ministry said.",
    "Mayor Tobias Rell promised a tram line between Port Ellis and Lissel by September 2027.",
    "Unemployment in Calder fell to 4.1 percent in March, its lowest level since 1998.",
    "The new dam on the Tessel will cost 4.2 billion crowns, according to the finance ministry.",
    "Sales of electric cars doubled in Norland last year, the trade body reported on Tuesday.",
]


class SentenceExtractor:
    """Every sentence ending in '.' is a claim."""

    model = None
    threshold = 0.5

    def extract(self, text: str, title: str | None = None) -> list[ExtractedClaim]:
        claims, start = [], 0
        while (end := text.find(".", start)) >= 0:
            claims.append(ExtractedClaim(text[start : end + 1].strip(), start, end + 1, 0.9, True, "other", None,
                                         None))
            start = end + 2
        return [c for c in claims if c.text and not c.text[0].isspace()]

    def extract_many(self, texts, batch_size: int = 32, titles=None):
        return [self.extract(t) for t in texts]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db", clock=lambda: "2026-05-10T09:00:00Z") as s:
        yield s


def article(n: int, *sentences: str, source: str | None = "Checkers") -> ArticleDraft:
    return ArticleDraft(f"Check {n}", " ".join(sentences), f"in/{n}.txt", source)


def load(store, *drafts: ArticleDraft) -> None:
    list(Loader(store, SentenceExtractor()).load(drafts))


def copies_of(store, text: str) -> list[tuple[int, str]]:
    return [tuple(row) for row in store.execute("SELECT id, type FROM claims WHERE text = ? ORDER BY id", [text])]


def links_touching(store, ids: list[int]) -> int:
    marks = ",".join("?" * len(ids))
    return store.execute(f"SELECT COUNT(*) FROM claim_links WHERE claim_id IN ({marks}) OR earlier_id IN ({marks})",
                         [*ids, *ids])[0][0]


def test_a_notice_in_three_articles_of_one_source_is_boilerplate_everywhere_and_unlinked(store):
    load(store, article(1, CLAIMS[0], NOTICE), article(2, CLAIMS[1], NOTICE))
    first_two = copies_of(store, NOTICE)
    assert links_touching(store, [i for i, _ in first_two]) == 1  # two copies: not boilerplate yet
    load(store, article(3, NOTICE, CLAIMS[2]), article(4, CLAIMS[3], NOTICE))
    found = copies_of(store, NOTICE)
    assert [kind for _, kind in found] == [BOILERPLATE] * 4  # the two earlier copies are marked too
    assert links_touching(store, [i for i, _ in found]) == 0
    assert {kind for (kind,) in store.execute("SELECT type FROM claims WHERE text != ?", [NOTICE])} == {"other"}


def test_a_near_copy_counts_and_new_claims_are_not_matched_to_boilerplate(store):
    load(store, *(article(n, CLAIMS[n], RATING) for n in range(3)))
    load(store, article(9, "We rate this claim: half-true.", CLAIMS[4]))
    assert [kind for _, kind in copies_of(store, RATING)] == [BOILERPLATE] * 3
    assert store.execute("SELECT type FROM claims WHERE text = 'We rate this claim: half-true.'") == [(BOILERPLATE,)]
    assert store.execute("SELECT COUNT(*) FROM claim_links")[0][0] == 0


def test_the_same_claim_reported_by_two_other_sources_is_still_a_claim_and_linked(store):
    load(store, article(1, CLAIMS[0], CLAIMS[1], source="Harbour Wire"),
         article(2, CLAIMS[0], CLAIMS[2], source="Northline"), article(3, CLAIMS[0], CLAIMS[3], source="Calder Post"))
    assert [kind for _, kind in copies_of(store, CLAIMS[0])] == ["other"] * 3
    assert store.execute("SELECT COUNT(*) FROM claim_links")[0][0] == 3


def test_a_sentence_with_other_numbers_is_no_copy(store):
    load(store, *(article(n, CLAIMS[0].replace("6,000", f"{n},000"), CLAIMS[n]) for n in range(1, 5)))
    assert {kind for (kind,) in store.execute("SELECT type FROM claims")} == {"other"}


def test_a_decided_copy_keeps_its_place_on_the_desk(store):
    load(store, article(1, NOTICE, CLAIMS[0]), article(2, NOTICE, CLAIMS[1]))
    decided, _ = copies_of(store, NOTICE)[0]
    store.decide(decided, "verified", "ana")
    load(store, article(3, NOTICE, CLAIMS[2]))
    assert [kind for _, kind in copies_of(store, NOTICE)] == ["other", BOILERPLATE, BOILERPLATE]


@pytest.mark.parametrize(("source", "others", "expected"), [
    ("A", {1: "A", 2: "A"}, True), ("A", {1: "A", 2: "B"}, False), ("A", {1: "B", 2: "C", 3: "D"}, False),
    (None, {1: None, 2: None}, True), ("a ", {1: "A", 2: " A"}, True), ("A", {1: "A"}, False)])
def test_the_rule(source, others, expected):
    copies = [(10 * article_id, article_id) for article_id in others]
    assert is_boilerplate(source, copies, others.get) is expected


def test_a_widget_opening_the_same_way_with_other_stamps_and_claims_is_boilerplate(store):
    said = ["Crime doubled in Calder", "The mayor owns six houses", "Wages fell for ten years", "Taxes are lowest"]
    widgets = [f"Share the Facts 2019-05-2{n} 1{n}:26:06 UTC Checkers {n} 1 7 Checkers Rating: False {said[n]}."
               for n in range(4)]
    load(store, *(article(n, widget, CLAIMS[(n + 1) % 5]) for n, widget in enumerate(widgets)))
    kinds = dict(store.execute("SELECT text, type FROM claims"))
    assert [kinds[w] for w in widgets] == [BOILERPLATE] * 4
    assert kinds[CLAIMS[1]] == "other"


def test_conflicts_are_stored_at_load_within_and_across_articles(store):
    load(store, article(1, "The dam on the Tessel will cost 4 billion crowns, according to the finance ministry.",
                        "Officials said 600 homes were lost to the flood in the river district.",
                        "Officials said 6,000 homes were lost to the flood in the river district.", source="A"))
    load(store, article(2, "The dam on the Tessel will cost 9 billion crowns, according to the finance ministry.",
                        CLAIMS[1], source="B"))
    found = {(c.claim_text[:30], c.other_text[:30], c.differs) for c in store.conflicts()}
    assert found == {("Officials said 6,000 homes wer", "Officials said 600 homes were ", "number: 6,000 / 600"),
                     ("The dam on the Tessel will cos", "The dam on the Tessel will cos", "number: 9 / 4")}
    (across,) = store.conflicts(article_id=2)
    assert (across.claim_article_id, across.other_article_id) == (2, 1)
    seen = store.conflicts_of(across.other_id)[0]
    assert (seen.claim_id, seen.other_id, seen.differs) == (across.other_id, across.claim_id, "number: 4 / 9")
