"""Speaker names compare after folding, without titles; agreement is same name, same surname, or unknown."""

from __future__ import annotations

import pytest

from claims.match.normalise import speaker_key
from claims.match.signals import speakers

KEYS = [("PRESIDENT OBAMA", "obama"), ("SEN. BERNIE SANDERS, I-VT", "bernie sanders"), ("Mr. Romney", "romney"),
        ("Julián Castro", "julian castro"), (None, ""), ("", ""), ("   ", "")]


@pytest.mark.parametrize(("name", "key"), KEYS, ids=[k or "none" for _, k in KEYS])
def test_speaker_key(name: str | None, key: str) -> None:
    assert speaker_key(name) == key


AGREEMENT = [("donald trump", "donald trump", (1, 0, 1)), ("trump", "donald trump", (0, 1, 1)),
             ("hillary", "hillary clinton", (0, 1, 1)), ("donald trump", "hillary clinton", (0, 0, 1)),
             ("", "hillary clinton", (0, 0, 0)), ("trump", "", (0, 0, 0))]


@pytest.mark.parametrize(("a", "b", "expected"), AGREEMENT, ids=[f"{a}|{b}" for a, b, _ in AGREEMENT])
def test_speaker_agreement(a: str, b: str, expected: tuple[int, int, int]) -> None:
    assert speakers(a, b) == expected
