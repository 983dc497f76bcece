"""The article list's Date column: the article's own date when it has one, never the load date passed off as it."""

import pytest

from tui.widgets.article_dates import dateline_date, shown_date

DATELINES = [
    ("month-day", "Kabul, Sep 23 (Agency)", "Sep 23"),
    ("long-month", "PORT ELLIS, March 3 (Harbour Wire) -", "Mar 3"),
    ("with-year", "WASHINGTON, Sept. 5, 2021 (Reuters) -", "2021-09-05"),
    ("day-first-with-year", "LONDON, 4 July 2019 (AP) -", "2019-07-04"),
    ("no-date", "WASHINGTON (Reuters) -", None),
    ("none", None, None),
]


@pytest.mark.parametrize(("dateline", "expected"), [row[1:] for row in DATELINES], ids=[row[0] for row in DATELINES])
def test_dateline_date(dateline, expected):
    assert dateline_date(dateline) == expected


def test_published_date_wins_over_dateline():
    assert shown_date("2021-09-23T10:00:00Z", "Kabul, Sep 22 (Agency)", "2026-11-24T16:00:00Z").plain == "2021-09-23"


def test_dateline_date_shown_when_nothing_was_published():
    assert shown_date(None, "Kabul, Sep 23 (Agency)", "2026-11-24T16:00:00Z").plain == "Sep 23"


def test_load_date_is_dimmed_so_it_is_not_taken_for_the_article_date():
    shown = shown_date(None, None, "2026-11-24T16:00:00Z")
    assert shown.plain == "2026-11-24" and "dim" in str(shown.style)
