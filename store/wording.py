"""Counting in words: "1 claim", "2 claims", "0 claims"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun in the number that fits it (``plural`` defaults to the singular with an s)."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"
