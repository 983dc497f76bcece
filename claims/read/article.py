"""Reading one article into a draft: its title, dateline and body text, from plain text, Markdown or HTML.

One article holds at most :data:`MAX_ARTICLE_CHARS` characters of text, whatever route it comes by (file, folder,
web page, feed record, stdin, the app's load dialog): every draft is made by :func:`draft_from_body`, which refuses
a longer one with one sentence. Extraction time grows with the text (measured: benchmarks/big_article.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from claims.read.dateline import find_dateline
from store.clean_text import UnreadableText, clean

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".tsv")
LOADABLE_SUFFIXES = ARTICLE_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES
_TITLE_MAX = 160
MAX_ARTICLE_CHARS = 1_000_000  # about 170,000 words: ten times the longest long-read (spaCy's own max_length)

__all__ = ["MAX_ARTICLE_CHARS", "ArticleDraft", "ReadFailure", "UnreadableText", "check_length", "draft_from_body",
           "is_html", "read_text", "strip_format_chars", "visible_names"]


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
    author: str | None = None
    warning: str | None = None  # what was left out of a readable article, in one sentence (a feed's bad date)


@dataclass(frozen=True)
class ReadFailure:
    """An input (file, URL, feed record) that gave no article; ``reason`` is one line."""

    origin: str
    reason: str


def read_text(text: str, origin: str, source: str | None = None) -> ArticleDraft:
    """Split a plain-text or Markdown article into title and body."""
    check_length(text, origin)
    text = clean(text).strip("\n")
    if not text.strip():
        raise UnreadableText(f"{origin} is empty.")
    title, body = _split_title(text)
    return draft_from_body(body, origin, source, title)


def draft_from_body(body: str, origin: str, source: str | None = None, title: str | None = None) -> ArticleDraft:
    """A draft of an already-cleaned body whose title is known (or is taken from its first sentence)."""
    body = body.strip("\n")
    check_length(body, origin)
    if not body.strip():
        raise UnreadableText(f"{origin} is empty.")
    dateline = find_dateline(body)
    title = strip_format_chars(title or "").strip()
    if not title:
        title = strip_format_chars(_title_from_body(body, dateline.end if dateline else 0))
    return ArticleDraft(
        title=title,
        text=body,
        origin=origin,
        source=source or (dateline.agency if dateline else None),
        dateline=body[dateline.start : dateline.end].strip() if dateline else None,
    )


def check_length(text: str, origin: str) -> None:
    """Refuse an article longer than :data:`MAX_ARTICLE_CHARS` characters."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise UnreadableText(f"{origin}: the article is {len(text):,} characters long; one article may hold at most "
                             f"{MAX_ARTICLE_CHARS:,} (split it, or load the part to check).")


def strip_format_chars(text: str) -> str:
    """``text`` without invisible format characters (Unicode category Cf: zero-width spaces and joiners, soft
    hyphens, bidirectional controls such as U+202E): for one-line names and titles, where they only hide or
    reverse what is shown. Article text keeps them (its claims are quoted exactly)."""
    if text.isascii():
        return text
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def visible_names(draft: ArticleDraft) -> ArticleDraft:
    """The draft with format characters taken out of its author and source (the title already has none)."""
    author = strip_format_chars(draft.author).strip() if draft.author else None
    source = strip_format_chars(draft.source).strip() if draft.source else None
    return replace(draft, author=author or None, source=source or None)


def is_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document (for stdin and feeds, which have no file suffix)."""
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(re.match(r"<(head|body|article)\b", head))


def _split_title(text: str) -> tuple[str | None, str]:
    first, _, rest = text.partition("\n")
    heading = re.match(r"^\s*#{1,6}\s+(.*)$", first)
    if heading:
        return heading.group(1).strip(), rest.strip("\n")
    if find_dateline(first) is not None:  # the story starts at once: no title line
        return None, text
    if rest.startswith("\n") and 0 < len(first.strip()) <= _TITLE_MAX and rest.strip():
        return first.strip(), rest.strip("\n")
    return None, text


def _title_from_body(body: str, offset: int) -> str:
    sentence = re.split(r"(?<=[.!?])\s", body[offset:].strip(), maxsplit=1)[0]
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= 90 else sentence[:89].rsplit(" ", 1)[0] + "…"
