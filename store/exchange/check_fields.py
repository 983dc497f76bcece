"""The fields of an imported fact-check made clean: one-line text, dates as YYYY-MM-DD, the organisation's name.

- `one_line(value)`: text with control characters shown as symbols (store.clean_text, as loaded text is),
  byte-order marks dropped, whitespace collapsed; `name_line` also drops the other invisible format characters
  (zero-width spaces, direction overrides) that have no place in a name or a title.
- `check_date(value)`: ISO dates and times ("2019-10-21", "2019-10-21T08:00:00Z"), "October 21, 2019" (also
  inside PolitiFact's "stated on October 21, 2019 in a speech:"), "Oct. 21, 2019", "21 October 2019",
  "21 Oct 2019", "2019/10/21" give "2019-10-21"; any other form gives None: a date is never guessed.
- `site_name(url)`: the host of a review URL without "www." ("https://www.politifact.com/x" -> "politifact.com"),
  the organisation to name when a file gives none.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from store.clean_text import show_controls

_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_MONTHS = {name[:3]: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), start=1)}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d{2}:\d{2})")
_SLASHED = re.compile(r"\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")
_MONTH_DAY_YEAR = re.compile(rf"(?i)\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_DAY_MONTH_YEAR = re.compile(rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b")


def one_line(value: object) -> str:
    """A field as one line of safe text ("" for a missing or non-text value)."""
    if not isinstance(value, str):
        return ""
    if "\ufeff" in value:
        value = value.replace("\ufeff", "")
    return _SPACES.sub(" ", show_controls(value)).strip()


def name_line(value: object) -> str:
    """A name or title: `one_line` without invisible format characters."""
    text = one_line(value)
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip() if _INVISIBLE.search(text) else text


def check_date(value: str | None) -> str | None:
    """The day a date names, as YYYY-MM-DD, or None when its form is not one of the known ones."""
    if not value:
        return None
    if found := _ISO.match(value) or _SLASHED.match(value):
        return _day(*found.groups())
    if found := _MONTH_DAY_YEAR.search(value):
        month, day, year = found.groups()
        return _day(year, _MONTHS[month[:3].lower()], day)
    if found := _DAY_MONTH_YEAR.search(value):
        day, month, year = found.groups()
        return _day(year, _MONTHS[month[:3].lower()], day)
    return None


def _day(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def site_name(url: str | None) -> str | None:
    """The host of ``url`` without a leading "www.", or None when it has none."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
