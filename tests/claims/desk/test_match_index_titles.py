"""Issue 17: the archive's match index holds an imported check's headline as a second text of its claim, on both
backends, and keeps it in step with every write as it keeps claim texts: import, load, a corrected headline,
deletion and its undo, by this program or another; a loaded article's title is never matched."""

from __future__ import annotations

import pytest

from claims.desk.load import Loader
from claims.desk.match_index import open_index
from claims.extract.pipeline import ExtractedClaim
from claims.read.article import ArticleDraft
from store import NewClaim, Store, content_hash
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict

CHECKS = [
    ImportedVerdict("A photo shows a shark swimming on a flooded highway after the storm.", "disputed", "False",
                    "https://fc.example/shark", None, "2017-09-10", "FactDesk",
                    title="Did a great white swim down Interstate 95 in Florida during Hurricane Irma?"),
    ImportedVerdict("The dam will cost 4.2 billion crowns.", "verified", "True", "https://fc.example/dam", None,
                    None, "FactDesk", title="The dam will cost 4.2 billion crowns."),  # the title repeats the claim
    ImportedVerdict("Unemployment fell to 4.1 percent in March.", "verified", "True", "https://fc.example/jobs",
                    None, None, "FactDesk"),
]
HEADLINE = "A great white was seen swimming down Interstate 95 in Florida as Hurricane Irma hit"
# A loaded article whose title reads like a query, above a text that says something else.
LOADED_TITLE = "Penguins paraded through the opera house in Vienna on Sunday morning"
LOADED_TEXT = "The city council approved a new budget for road repairs on Tuesday evening."


@pytest.fixture
def db(backend_db):
    with Store(backend_db) as store:
        with store.transaction():
            article_id = store.insert_article(LOADED_TITLE, LOADED_TEXT, content_hash(LOADED_TEXT), "Wire")
            store.insert_claims(article_id, [NewClaim(LOADED_TEXT, 0, len(LOADED_TEXT), 0.8, "other", None, None)])
        add_earlier_checks(store, CHECKS, origin="import:checks.csv")
    return backend_db


def found(index, text: str) -> list[int]:
    """Every candidate's claim id, whatever its score (what `match --all-candidates` lists)."""
    return [hit.claim_id for hit in index.matcher.search(text, limit=10, min_score=0)]


def shown(index, text: str) -> list[int]:
    """The claim ids a default match shows."""
    return [hit.claim_id for hit in index.matcher.search(text)]


def shark_id(store: Store) -> int:
    return next(c.claim_id for c in store.search_earlier_checks("shark"))


def never_read_whole(store: Store) -> Store:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the whole archive was read")

    store.claim_texts = store.claim_titles = refuse
    return store


def test_the_headline_finds_the_check_once_and_the_kept_index_still_does(db):
    with Store(db) as store:
        check = shark_id(store)
        first = open_index(store)
        assert shown(first, HEADLINE) == [check]
        assert found(first, HEADLINE).count(check) == 1
        assert len(first.matcher) == 4  # claims, not their titles
    with Store(db) as store:
        again = open_index(never_read_whole(store))
        assert found(again, HEADLINE).count(check) == 1 and len(again.matcher) == 4


def test_only_imported_checks_titles_are_indexed(db):
    with Store(db) as store:
        assert [title for _, title in store.claim_titles()] == [CHECKS[0].title]
        index = open_index(store)
        assert found(index, LOADED_TITLE) == []


def test_a_check_imported_by_another_program_is_found_by_its_headline(db):
    with Store(db) as store:
        index = open_index(store)
    with Store(db) as other:
        add_earlier_checks(other, [ImportedVerdict(
            "Rice prices doubled in March.", "verified", "True", "https://fc.example/rice", None, None, "FactDesk",
            title="Why a bag of rice costs twice what it did in the spring")], origin="import:more.csv")
        rice = next(c.claim_id for c in other.search_earlier_checks("rice"))
    with Store(db) as store:
        assert index.catch_up(store) == 1
        assert found(index, "a bag of rice costs twice what it did in spring")[:1] == [rice]
        assert found(open_index(never_read_whole(store)), "a bag of rice costs twice what it did")[:1] == [rice]


def test_deleting_a_check_drops_its_headline_and_undo_brings_it_back(db):
    with Store(db) as store:
        index = open_index(store)
        check = shark_id(store)
    with Store(db) as other:  # another program deletes it
        before, _ = other.delete_claim(check, "ana")
    with Store(db) as store:
        index.catch_up(store)
        assert check not in found(index, HEADLINE)
        assert check not in found(open_index(never_read_whole(store)), HEADLINE)
        store.restore(check, before, "ana", "undo")
        index.catch_up(store)
        assert found(index, HEADLINE).count(check) == 1
        assert found(open_index(never_read_whole(store)), HEADLINE).count(check) == 1


def test_a_corrected_headline_is_matched_and_the_old_one_no_longer(db):
    with Store(db) as store:
        index = open_index(store)
        check = shark_id(store)
    with Store(db) as other:
        article_id = other.claim(check).article_id
        other.update_article_metadata(article_id, "Viral image of a shark on a Houston freeway is fake", "FactDesk",
                                      "https://fc.example/shark", None)
    with Store(db) as store:
        index.catch_up(store)
        assert shown(index, "viral image shark Houston freeway fake") == [check]
        assert check not in shown(index, HEADLINE)  # its claim's own words are too far from it to show
        reopened = open_index(never_read_whole(store))
        assert shown(reopened, "viral image shark Houston freeway fake") == [check]
        assert check not in shown(reopened, HEADLINE)


def test_editing_a_loaded_articles_title_changes_no_match(db):
    with Store(db) as store:
        index = open_index(store)
        seq = store.change_seq()
        store.update_article_metadata(1, "Great white swims down Interstate 95 in Florida", "Wire", None, None)
        assert store.change_seq() == seq  # nothing for the index to read again
        index.catch_up(store)
        assert shown(index, HEADLINE) == [shark_id(store)]


class WholeTextExtractor:
    """The article's whole text is its one claim."""

    model = None
    threshold = 0.5

    def extract(self, text: str, title: str | None = None) -> list[ExtractedClaim]:
        return [ExtractedClaim(text, 0, len(text), 0.9, True, "other", None, None)]

    def extract_many(self, texts, batch_size: int = 32, titles=None):
        return [self.extract(t) for t in texts]


def test_a_loaded_claim_worded_like_a_headline_is_linked_to_the_check(db):
    with Store(db) as store:
        (result,) = Loader(store, WholeTextExtractor()).load([ArticleDraft("Storm rumours", HEADLINE + ".",
                                                                           "in/storm.txt", "Wire")])
        (claim,) = store.claims(article_id=result.article_id)
        assert [link.earlier_id for link in store.links(claim.id)] == [shark_id(store)]
        assert result.matched == 1
