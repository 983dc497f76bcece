"""The date an article is shown with: its published date, else its dateline's date, else when it was loaded."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from claims.read.dateline import find_dateline

_FORMATS = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y")


def dateline_date(dateline: str | None) -> str | None:
    """The date written in a stored dateline ("Kabul, Sep 23 (Agency)" -> "Sep 23"), ISO when it has a year."""
    found = find_dateline(dateline) if dateline else None
    if found is None or not found.date:
        return None
    written = " ".join(found.date.replace(",", " ").replace(".", " ").split())
    for form in _FORMATS:
        try:
            return datetime.strptime(written.replace("Sept ", "Sep "), form).date().isoformat()
        except ValueError:
            continue
    month, _, day = written.partition(" ")
    return f"{month[:3]} {day}" if month[:1].isalpha() else written


def shown_date(published: str | None, dateline: str | None, loaded_at: str | None) -> Text:
    """Published date, or the dateline's date as written, or the load date in dim (it is not the article's)."""
    if published:
        return Text(published[:10])
    written = dateline_date(dateline)
    if written:
        return Text(written)
    return Text((loaded_at or "")[:10], style="dim italic")
