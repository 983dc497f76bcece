"""The shipped word vectors: WordPiece splitting, and texts that mean the same come out closer."""

from __future__ import annotations

import pytest

from claims.match import vectors as semantic


@pytest.fixture(scope="module")
def table() -> semantic.WordVectors:
    loaded = semantic.vectors()
    assert loaded is not None, "claims/data/matching/word_vectors.npz is missing"
    return loaded


def test_words_split_into_known_pieces(table: semantic.WordVectors) -> None:
    assert len(table.split("vaccine")) >= 1
    assert len(table.split("immunisation")) > 1
    assert table.split("") == []


@pytest.mark.parametrize(("a", "b", "unrelated"), [
    ("vaccines cause autism in children", "immunisation makes kids autistic", "the bridge reopens next month"),
    ("unemployment fell to a record low", "joblessness dropped to its lowest level", "a storm hit eastern texas"),
], ids=["vaccines", "jobs"])
def test_paraphrases_are_closer_than_unrelated_texts(table: semantic.WordVectors, a: str, b: str,
                                                     unrelated: str) -> None:
    rows = table.texts([a.split(), b.split(), unrelated.split()], lambda _: 1.0)
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.1


def test_texts_without_known_words_give_zero_rows(table: semantic.WordVectors) -> None:
    rows = table.texts([[], ["\u2603\u2603"]], lambda _: 1.0)
    assert not rows.any()
