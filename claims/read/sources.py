"""Turning the paths a user gives into the inputs to read: files, folders (recursively), URLs and ``-``."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath

from claims.read.article import LOADABLE_SUFFIXES


def expand_paths(paths: Iterable[str], suffixes: tuple[str, ...] = LOADABLE_SUFFIXES,
                 glob: str | None = None) -> Iterator[str]:
    """Files, URLs and ``-`` (stdin) as given; folders recursively (loadable files only, sorted; with ``glob``
    only the files whose path inside the folder matches it, e.g. ``*.html`` or ``2026/**/*.txt``); once each."""
    seen: set[str] = set()
    for item in paths:
        for path in _expand(item, suffixes, glob):
            if path not in seen:
                seen.add(path)
                yield path


def _expand(item: str, suffixes: tuple[str, ...], glob: str | None) -> Iterator[str]:
    path = Path(item)
    if item == "-" or "://" in item or not path.is_dir():
        yield item
        return
    for child in sorted(path.rglob("*")):
        if _wanted(child, path, suffixes, glob):
            yield str(child)


def _wanted(child: Path, root: Path, suffixes: tuple[str, ...], glob: str | None) -> bool:
    relative = child.relative_to(root)
    if any(part.startswith(".") for part in relative.parts) or not child.is_file():
        return False
    if glob:
        return _matches(relative, glob)
    return child.suffix.lower() in suffixes


def _matches(relative: PurePath, glob: str) -> bool:
    """A pattern without ``/`` matches the file name; one with ``/`` the whole path inside the folder."""
    if "/" not in glob:
        return fnmatch.fnmatch(relative.name, glob)
    return fnmatch.fnmatch(relative.as_posix(), glob.replace("**/", "*"))
