"""Turning the paths a user gives into the article files to read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from claims.reader import ARTICLE_SUFFIXES


def expand_paths(paths: Iterable[str], suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> Iterator[str]:
    """Files as given, folders recursively (article files only, sorted), ``-`` for stdin, once each."""
    seen: set[str] = set()
    for item in paths:
        for path in _expand(item, suffixes):
            if path not in seen:
                seen.add(path)
                yield path


def _expand(item: str, suffixes: tuple[str, ...]) -> Iterator[str]:
    path = Path(item)
    if item == "-" or not path.is_dir():
        yield item
        return
    for child in sorted(path.rglob("*")):
        if child.is_file() and child.suffix.lower() in suffixes and not child.name.startswith("."):
            yield str(child)
