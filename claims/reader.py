"""Reading an article file into a draft: its title, dateline and body text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from claims.dateline import find_dateline
from claims.text_cleaning import UnreadableText, clean, decode

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_TITLE_MAX = 160


@dataclass(frozen=True)
class ArticleDraft:
    """An article read from somewhere, not yet stored."""

    title: str
    text: str
    origin: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    dateline: str | None = None


def read_text(text: str, origin: str, source: str | None = None) -> ArticleDraft:
    """Split a plain-text or Markdown article into title and body."""
    text = clean(text).strip("\n")
    if not text.strip():
        raise UnreadableText(f"{origin} is empty.")
    title, body = _split_title(text)
    dateline = find_dateline(body)
    if not title:
        title = _title_from_body(body, dateline.end if dateline else 0)
    return ArticleDraft(
        title=title,
        text=body,
        origin=origin,
        source=source or (dateline.agency if dateline else None),
        dateline=body[dateline.start : dateline.end].strip() if dateline else None,
    )


def read_file(path: Path, source: str | None = None) -> ArticleDraft:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableText(f"cannot read {path}: {error.strerror or error}.") from error
    return read_text(decode(data, str(path)), str(path), source)


def _split_title(text: str) -> tuple[str | None, str]:
    first, _, rest = text.partition("\n")
    heading = re.match(r"^\s*#{1,6}\s+(.*)$", first)
    if heading:
        return heading.group(1).strip(), rest.strip("\n")
    if rest.startswith("\n") and 0 < len(first.strip()) <= _TITLE_MAX and rest.strip():
        return first.strip(), rest.strip("\n")
    return None, text


def _title_from_body(body: str, offset: int) -> str:
    sentence = re.split(r"(?<=[.!?])\s", body[offset:].strip(), maxsplit=1)[0]
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= 90 else sentence[:89].rsplit(" ", 1)[0] + "…"
