"""Freezing an index whose claims came in id order takes the cheap way (each term's postings laid end to end) and
gives the same base as the general merge, removed claims and replaced ones included."""

from __future__ import annotations

import random

import numpy as np

from claims.match import storage as storage_module
from claims.match.index import MatchIndex

WORDS = [f"w{n}" for n in range(40)]


def built(seed: int) -> MatchIndex:
    rng = random.Random(seed)
    index = MatchIndex()
    for claim_id in range(1, 301):
        terms = rng.sample(WORDS, rng.randint(0, 6))
        index.add(claim_id, claim_id // 10, " ".join(terms), terms, len(terms))
    for claim_id in rng.sample(range(1, 301), 40):
        index.remove(claim_id)
    return index


def same(a, b) -> None:
    for name in ("term_hashes", "term_offsets", "postings", "blob", "offsets"):
        assert np.array_equal(np.asarray(getattr(a, name)), np.asarray(getattr(b, name))), name
    assert sorted(a.columns) == sorted(b.columns)
    for name in a.columns:
        assert np.array_equal(a.columns[name], b.columns[name]), name
    assert a.total_length == b.total_length


def test_the_cheap_freeze_gives_what_the_general_merge_gives(monkeypatch) -> None:
    for seed in range(5):
        cheap = built(seed).frozen()
        monkeypatch.setattr(storage_module, "postings_in_order", lambda *args: None)
        general = built(seed).frozen()
        monkeypatch.undo()
        same(cheap, general)
        assert len(cheap.postings) > 0


def test_an_index_whose_ids_came_out_of_order_is_still_frozen_right() -> None:
    index = MatchIndex()
    for claim_id, terms in ((5, ["a", "b"]), (2, ["b"]), (9, ["a"])):
        index.add(claim_id, None, " ".join(terms), terms)
    base = index.frozen()
    reopened = MatchIndex(base)
    assert list(base.columns["claim_ids"]) == [2, 5, 9]
    assert sorted(reopened.claim_id(int(s)) for s in reopened.ranked(["a"])[0]) == [5, 9]
    assert [reopened.claim_id(int(s)) for s in reopened.ranked(["b"])[0]] == [2, 5]
