"""MatchIndex: incremental postings, rare-term candidate retrieval, removal and article exclusion."""

from __future__ import annotations

from claims.match.index import MatchIndex


def build() -> MatchIndex:
    index = MatchIndex()
    index.add(1, 10, "a", ["taliban", "fighter", "tajikistan"])
    index.add(2, 11, "b", ["taliban", "fighter", "afghanistan"])
    index.add(3, 12, "c", ["budget", "council", "road"])
    index.add(4, None, "d", ["fighter", "jet", "crash"])
    return index


def test_rare_terms_rank_first() -> None:
    found = build().candidates(["taliban", "tajikistan"])
    assert [c.claim_id for c in found] == [1, 2]
    assert found[0].bm25 > found[1].bm25


def test_unknown_terms_give_no_candidates() -> None:
    assert build().candidates(["penguin"]) == []
    assert build().candidates([]) == []


def test_limit_and_exclusion() -> None:
    index = build()
    assert len(index.candidates(["fighter"], limit=2)) == 2
    assert {c.claim_id for c in index.candidates(["fighter"], exclude_article_id=10)} == {2, 4}


def test_remove_and_replace() -> None:
    index = build()
    index.remove(1)
    assert [c.claim_id for c in index.candidates(["tajikistan"])] == []
    assert len(index) == 3 and 1 not in index
    index.add(2, 11, "b2", ["penguin"])
    assert [c.claim_id for c in index.candidates(["penguin", "taliban"])] == [2]
    assert index.text(index.candidates(["penguin"])[0].slot) == "b2"


def test_slot_accessors_and_idf() -> None:
    index = build()
    slot = index.candidates(["jet"])[0].slot
    assert index.claim_id(slot) == 4 and index.article_id(slot) is None
    assert index.idf("jet") > index.idf("fighter") > 0
    assert index.idf("never-seen") > index.idf("jet")


def test_claim_ids_in_any_order_are_found_and_removed() -> None:
    index = MatchIndex()
    for claim_id in (5, 9, 3, 12, 7):
        index.add(claim_id, None, f"text {claim_id}", [f"t{claim_id}", "common"], words=2)
    assert all(c in index for c in (3, 5, 7, 9, 12)) and 4 not in index
    index.remove(3)
    index.remove(9)
    assert 3 not in index and 9 not in index and len(index) == 3
    index.add(9, None, "again", ["t9"], words=1)
    assert 9 in index and [c.claim_id for c in index.candidates(["t9"])] == [9]
    assert {c.claim_id for c in index.candidates(["common"])} == {5, 12, 7}
