"""Datelines at the head of wire stories are recognised and their span is exact."""

from __future__ import annotations

import pytest

from claims.read.dateline import find_dateline

FOUND = [
    pytest.param("Kabul, Sep 23 (Agency) Officials said", "Kabul, Sep 23 (Agency)", "Kabul", "Sep 23",
                 "Agency", id="place-date-agency"),
    pytest.param("WASHINGTON (Reuters) - The senate voted", "WASHINGTON (Reuters) -", "WASHINGTON", None,
                 "Reuters", id="caps-agency-dash"),
    pytest.param("LONDON, March 3 -- Prices rose", "LONDON, March 3 --", "LONDON", "March 3", None,
                 id="caps-date-double-dash"),
    pytest.param("NEW YORK, Jan. 5, 2021 (AP) \u2014 A man", "NEW YORK, Jan. 5, 2021 (AP) \u2014", "NEW YORK",
                 "Jan. 5, 2021", "AP", id="two-word-place-full-date"),
    pytest.param("BEIJING \u2014 China said", "BEIJING \u2014", "BEIJING", None, None, id="caps-em-dash"),
    pytest.param("SAN MARCO, Calif. (AP) \u2014 A fire", "SAN MARCO, Calif. (AP) \u2014", "SAN MARCO, Calif.",
                 None, "AP", id="place-with-region"),
    pytest.param("Lagos (Wire)\u2014The port", "Lagos (Wire)\u2014", "Lagos", None, "Wire",
                 id="no-space-em-dash"),
    pytest.param("GENEVA, 23 September (News) Talks", "GENEVA, 23 September (News)", "GENEVA", "23 September",
                 "News", id="day-before-month"),
    pytest.param("\n  OSLO, Feb 2 (Agency) Snow fell", "OSLO, Feb 2 (Agency)", "OSLO", "Feb 2", "Agency",
                 id="leading-whitespace"),
]

NOT_FOUND = [
    pytest.param("", id="empty"),
    pytest.param("The minister said on Monday that taxes would rise.", id="plain-sentence"),
    pytest.param("Officials (from the capital) said it was over.", id="brackets-not-agency"),
    pytest.param("Senator Vale (D-Ore.) said the bill failed.", id="party-affiliation"),
    pytest.param("NATO - the alliance said", id="caps-then-lowercase"),
    pytest.param("Kabul - The city was quiet.", id="title-case-dash-only"),
    pytest.param("\u0000\u0007 WASHINGTON", id="control-chars"),
]


@pytest.mark.parametrize(("text", "span", "place", "date", "agency"), FOUND)
def test_dateline_found(text: str, span: str, place: str, date: str | None, agency: str | None) -> None:
    dateline = find_dateline(text)
    assert dateline is not None
    assert text[dateline.start : dateline.end] == span
    assert (dateline.place, dateline.date, dateline.agency) == (place, date, agency)


@pytest.mark.parametrize("text", NOT_FOUND)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None
