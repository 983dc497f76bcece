"""Issue 17: an imported fact-check's title (its headline) is a second text of its claim. A query worded like the
headline but not like the claim finds the check, which appears once; removing or replacing the claim drops its
title; near-copy (boilerplate) search never sees titles; a snapshot keeps them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.match import snapshot
from claims.match.index import MatchIndex
from claims.match.matcher import Matcher, Thresholds

CLAIMS = [
    (1, 10, "A photo shows a shark swimming on a flooded highway after the storm."),
    (2, 11, "In September unemployment dropped to 3.5%, its lowest level in half a century."),
    (3, 12, "The city council approved a new budget for road repairs on Tuesday evening."),
    (4, 13, "Sales of electric cars doubled in Norway last year, the trade body reported."),
]
TITLES = [
    (1, "Did a great white swim down Interstate 95 in Florida during Hurricane Irma?"),
    (4, "Sales of electric cars doubled in Norway last year, the trade body reported"),  # the claim once normalised
]
HEADLINE_QUERY = "A great white was seen swimming down Interstate 95 in Florida as Hurricane Irma hit"


def with_titles() -> Matcher:
    matcher = Matcher(Thresholds())
    matcher.add_many(CLAIMS)
    matcher.add_titles(TITLES)
    return matcher


def ids(hits) -> list[int]:
    return [hit.claim_id for hit in hits]


def test_a_query_worded_like_the_headline_finds_the_check_once() -> None:
    plain = Matcher(Thresholds())
    plain.add_many(CLAIMS)
    assert 1 not in ids(plain.search(HEADLINE_QUERY))  # the claim's own words do not find it
    matcher = with_titles()
    assert ids(matcher.search(HEADLINE_QUERY))[:1] == [1]
    everything = ids(matcher.search(HEADLINE_QUERY, limit=10, min_score=0.0))  # what --all-candidates lists
    assert everything.count(1) == 1 and len(everything) == len(set(everything))


def test_the_claim_text_still_finds_it_and_the_better_text_counts() -> None:
    matcher = with_titles()
    query = "Photo shows a shark swimming on a flooded highway after the storm"
    (hit,) = [h for h in matcher.search(query, limit=10, min_score=0.0) if h.claim_id == 1]
    plain = Matcher(Thresholds())
    plain.add_many(CLAIMS)
    (alone,) = [h for h in plain.search(query, limit=10, min_score=0.0) if h.claim_id == 1]
    assert hit.kind == "same" and hit.score >= alone.score - 1.0  # within IDF drift: the title adds documents


def test_claims_are_counted_not_their_titles() -> None:
    matcher = with_titles()
    assert len(matcher) == 4
    assert matcher._index.title_slot(1) is not None
    assert matcher._index.title_slot(4) is None  # a title that only repeats the claim adds nothing


def test_removing_the_claim_drops_its_title_and_replacing_it_too() -> None:
    matcher = with_titles()
    matcher.remove(1)
    assert 1 not in ids(matcher.search(HEADLINE_QUERY, limit=10, min_score=0.0)) and len(matcher) == 3
    matcher = with_titles()
    matcher.add(1, 10, "The bridge cost $40 million and opened two years late.")  # edited: its title is gone
    assert 1 not in ids(matcher.search(HEADLINE_QUERY, limit=10, min_score=0.0))
    matcher.add_title(1, "Bridge opened two years late at a cost of 40 million dollars")
    assert ids(matcher.search("bridge 40 million dollars two years late"))[:1] == [1]


def test_a_title_is_never_added_without_its_claim() -> None:
    matcher = Matcher(Thresholds())
    assert not matcher.add_title(7, "Did a great white swim down Interstate 95?")
    assert matcher.search(HEADLINE_QUERY, min_score=0.0) == [] and len(matcher) == 0


def test_near_copy_search_ignores_titles() -> None:
    matcher = with_titles()
    assert matcher.copies(TITLES[0][1]) == []
    assert matcher.copies(CLAIMS[0][2]) == [(1, 10)]


def test_a_snapshot_keeps_titles_and_answers_as_the_index_it_was_taken_of(tmp_path) -> None:
    matcher = with_titles()
    snapshot.write(tmp_path / "snap", matcher.frozen(), snapshot.Stamp("a", 1, 1, "m"))
    base, _ = snapshot.read(tmp_path / "snap")
    reopened = Matcher(Thresholds(), base=base)
    assert len(reopened) == 4 and reopened._index.title_slot(1) is not None
    for query in (HEADLINE_QUERY, "unemployment fell to 3.5 percent", "road repairs budget"):
        assert reopened.search(query, limit=10, min_score=0.0) == matcher.search(query, limit=10, min_score=0.0)
    reopened.remove(1)
    assert 1 not in ids(reopened.search(HEADLINE_QUERY, limit=10, min_score=0.0))


def test_ids_in_any_order_find_both_texts_of_each_claim() -> None:
    index = MatchIndex()
    for claim_id in (5, 9, 3):
        index.add(claim_id, None, f"claim {claim_id}", [f"c{claim_id}"], words=2)
        index.add_title(claim_id, f"title {claim_id}", [f"t{claim_id}"], words=2)
    index.add(9, None, "claim 9 again", ["c9"], words=3)  # replaced: its title is dropped
    assert len(index) == 3 and index.title_slot(9) is None
    assert [c.claim_id for c in index.candidates(["t5", "t3"])] == [5, 3]
    reopened = MatchIndex(index.frozen())
    assert list(reopened.frozen().columns["claim_ids"]) == [3, 5, 9, 3, 5]
    assert reopened.title_slot(3) == 3 and reopened.slot_of(3) == 0 and len(reopened) == 3
    assert [c.claim_id for c in reopened.candidates(["t9", "c9"])] == [9]


words = st.sampled_from("tax jobs teachers governor rice bridge million percent 900 2023 fell rose march".split())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.lists(words, min_size=2, max_size=8), st.lists(words, max_size=6)), min_size=1,
                max_size=10), st.data())
def test_any_archive_with_titles_and_later_edits_answers_the_same_from_a_snapshot(tmp_path_factory, rows, data):
    plain = Matcher(Thresholds())
    plain.add_many((n + 1, n % 3, " ".join(claim)) for n, (claim, _) in enumerate(rows))
    plain.add_titles((n + 1, " ".join(title)) for n, (_, title) in enumerate(rows))
    folder = tmp_path_factory.mktemp("s")
    snapshot.write(folder / "snap", plain.frozen(), snapshot.Stamp("a", 1, 1, "m"))
    reopened = Matcher(Thresholds(), base=snapshot.read(folder / "snap")[0])
    removed = data.draw(st.lists(st.integers(1, len(rows)), max_size=3))
    retitled = data.draw(st.lists(st.integers(1, len(rows) + 1), max_size=3))
    for matcher in (plain, reopened):
        for claim_id in removed:
            matcher.remove(claim_id)
        matcher.add(len(rows) + 1, 7, "governor teachers 900 jobs")
        for claim_id in retitled:
            matcher.add_title(claim_id, "rice bridge million")
    query = " ".join(data.draw(st.lists(words, min_size=1, max_size=5)))
    assert len(reopened) == len(plain)
    assert reopened.search(query, limit=10, min_score=0.0) == plain.search(query, limit=10, min_score=0.0)
