"""Counting in words, the way a reader expects: "1 claim", "2 claims", "0 articles", "12,400 matches"."""

from __future__ import annotations

IRREGULAR = {"match": "matches", "this": "these"}


def plural(count: int, noun: str) -> str:
    return noun if count == 1 else IRREGULAR.get(noun, noun + "s")


def counted(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and the noun in the number that fits it (``plural_form`` defaults to the regular plural)."""
    noun = singular if count == 1 else (plural_form or plural(count, singular))
    return f"{count:,} {noun}"
