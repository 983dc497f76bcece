"""Counts in words the way a reader expects them: "1 claim", "2 claims", "0 articles"."""

from __future__ import annotations

IRREGULAR = {"match": "matches", "this": "these"}


def plural(count: int, noun: str) -> str:
    return noun if count == 1 else IRREGULAR.get(noun, noun + "s")


def counted(count: int, noun: str) -> str:
    """``count`` and the noun, singular for one: counted(1, "claim") == "1 claim"."""
    return f"{count:,} {plural(count, noun)}"
