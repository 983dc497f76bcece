"""Candidates prepared together (Prepared.many) and their texts read together (MatchIndex.texts) are what one at a
time gives: the batch forms only save time."""

from __future__ import annotations

import numpy as np

from claims.match.index import MatchIndex
from claims.match.normalise import fuzz_key
from claims.match.text_forms import Prepared

TEXTS = ["The river rose 3 metres in Marren on Tuesday, officials said.", "", "a", "ab", "naïve café prices",
         "東京 rose 4 percent", "x 東 y", "Unemployment fell to 4.1% in 2019, the lowest since 2000."]


def test_many_prepares_each_text_as_of_does() -> None:
    keys = [fuzz_key(text) for text in TEXTS]
    for one, together in zip([Prepared.of(k) for k in keys], Prepared.many(keys), strict=True):
        assert (one.key, one.terms, one.numbers, one.norm, one.stems) == (
            together.key, together.terms, together.numbers, together.norm, together.stems)
        assert np.array_equal(one.grams, together.grams) and np.array_equal(one.counts, together.counts)
        assert (one.units is None) == (together.units is None)
        if one.units is not None:
            assert np.array_equal(one.units, together.units)


def test_texts_of_many_slots_come_back_in_their_order_from_base_and_tail() -> None:
    index = MatchIndex()
    for n, text in enumerate(TEXTS[:4]):
        index.add(n + 1, None, text, text.split())
    later = MatchIndex(index.frozen())
    for n, text in enumerate(TEXTS[4:], start=5):
        later.add(n, None, text, text.split())
    slots = np.array([later.slots - 1, 0, 2, 4], dtype=np.int64)
    assert later.texts(slots) == [later.text(int(s)) for s in slots] == [TEXTS[-1], TEXTS[0], TEXTS[2], TEXTS[4]]
    assert later.texts(np.array([1, 0], dtype=np.int64)) == [TEXTS[1], TEXTS[0]]
