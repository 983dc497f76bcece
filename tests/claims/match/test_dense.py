"""DenseVectors: the claims nearest a query by the better of claim and title cosine, kept in step with changes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.match.dense import DenseVectors, from_bytes, quantise
from claims.match.encoder import DIMS, SCALE
from claims.match.encoder import quantise as stored


def unit(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).normal(size=DIMS).astype(np.float32)
    return vector / np.linalg.norm(vector)


def near(vector: np.ndarray, seed: int, noise: float = 0.3) -> np.ndarray:
    moved = vector + noise * unit(seed)
    return moved / np.linalg.norm(moved)


def test_the_nearest_claim_comes_first_and_a_title_counts_as_much_as_the_claim():
    dense = DenseVectors()
    query = unit(1)
    dense.put(10, unit(2))
    dense.put(11, near(query, 3))  # the claim itself is close
    dense.put(12, unit(4), near(query, 5, 0.1))  # its fact-check title is closer still
    assert dense.search(query, 2) == [12, 11]
    cos_claim, cos_title, has_title = dense.cosines(query, [11, 12, 99])
    assert cos_claim[0] > 0.9 and cos_title[1] > cos_claim[0] and list(has_title) == [False, True, False]
    assert (cos_claim[2], cos_title[2]) == (0.0, 0.0)  # a claim without vectors counts as unlike


def test_a_removed_or_replaced_claim_is_not_found_by_its_old_vector():
    dense = DenseVectors()
    query = unit(1)
    dense.put(1, near(query, 2))
    dense.put(2, unit(3))
    dense.remove(1)
    assert 1 not in dense and dense.search(query, 1) == [2]
    dense.put(2, near(query, 4))
    dense.put(2, unit(5))  # edited: its new text is elsewhere
    assert dense.cosines(query, [2])[0][0] < 0.5
    assert len(dense) == 1


def test_stored_bytes_round_trip_and_a_wrong_size_is_no_vector():
    vector = unit(7)
    blob = quantise(vector).tobytes()
    assert blob == stored(vector)  # the archive's own format
    assert float(from_bytes(blob).astype(np.float32) @ vector / SCALE) > 0.99
    assert from_bytes(blob[:-1]) is None and from_bytes(None) is None


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=40, unique=True), st.integers(1, 10))
def test_search_agrees_with_a_full_sort(seeds, k):
    dense = DenseVectors()
    for claim_id, seed in enumerate(seeds):
        dense.put(claim_id, unit(seed))
    query = unit(123_456)
    cos = dense.cosines(query, list(range(len(seeds))))[0]
    expected = sorted(range(len(seeds)), key=lambda n: (-cos[n], n))[:k]
    assert dense.search(query, k) == expected
