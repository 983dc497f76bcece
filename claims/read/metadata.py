"""What a user says about one article they load (its URL, publication date, title), checked before anything is read.

A plain-text file or stdin carries no URL or date, and its title is a guess from the first line: ``claimdesk load
--url --date --title`` gives them. Each value is checked here; a bad one is a :class:`ValueError` in one sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from claims.read.article import ArticleDraft, strip_format_chars
from store.clean_text import clean_field
from store.exchange.check_fields import check_date


@dataclass(frozen=True)
class GivenMetadata:
    """The URL, date and title given for one article; what is given replaces what was read."""

    url: str | None = None
    published: str | None = None
    title: str | None = None

    def __bool__(self) -> bool:
        return any((self.url, self.published, self.title))

    def apply(self, draft: ArticleDraft) -> ArticleDraft:
        given = {"url": self.url, "published": self.published, "title": self.title}
        return replace(draft, **{name: value for name, value in given.items() if value})


def published_date(text: str) -> str:
    """A date (``2026-05-09``) or date and time (``2026-05-09T08:30:00Z``) in ISO form, as stored."""
    value = text.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
        return dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{text!r} is not a date: give it as YYYY-MM-DD (or YYYY-MM-DDTHH:MM).") from None


def feed_date(text: str) -> str | None:
    """A feed's date as written when it reads as a date (ISO, RFC 2822 as RSS writes it, "October 21, 2019",
    "21 Oct 2019"...), else None: a value that is no date is not stored as one."""
    value = text.strip()
    try:
        dt.datetime.fromisoformat(value)
        return value
    except ValueError:
        pass
    try:
        parsedate_to_datetime(value)
        return value
    except (TypeError, ValueError, IndexError):
        return value if check_date(value) else None


def article_url(text: str) -> str:
    """An http(s) URL with a host."""
    value = text.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(f"{text!r} is not a web address: give it as https://host/path.")
    return value


def article_title(text: str) -> str:
    """A one-line title without control or invisible format characters."""
    value = clean_field(strip_format_chars(text))
    if not value:
        raise ValueError("the title is empty.")
    return value
