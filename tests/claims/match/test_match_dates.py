"""Dates: read from dates, ISO strings, debate file names and PolitiFact's "stated on <date>"; agreement is
whether the earlier claim was made before and how far apart (log scale); an unknown date changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.match.matcher import Matcher
from claims.match.normalise import day_number
from claims.match.signals import dates

DAY = dt.date(2016, 10, 19).toordinal()
READ = [(dt.date(2016, 10, 19), DAY), ("2016-10-19", DAY), ("2016-10-19T21:05:00", DAY), ("20161019_3pres", DAY),
        ("stated on October 19, 2016 in a debate:", DAY), ("Oct. 19, 2016", DAY), ("", 0), (None, 0),
        ("someday", 0), ("February 30, 2020", 0)]


@pytest.mark.parametrize(("value", "day"), READ, ids=[str(v) for v, _ in READ])
def test_day_number(value: dt.date | str | None, day: int) -> None:
    assert day_number(value) == day


AGREEMENT = [(DAY, DAY + 1, (0, 0.084, 1)), (DAY, DAY - 1, (0, 0.084, 1)), (DAY, DAY - 200, (1, 0.647, 1)),
             (DAY, DAY + 3649, (0, 1.0, 1)), (0, DAY, (0, 0, 0)), (DAY, 0, (0, 0, 0))]


@pytest.mark.parametrize(("a", "b", "expected"), AGREEMENT,
                         ids=["next-day", "day-before", "months-before", "ten-years-after", "no-query", "no-claim"])
def test_date_agreement(a: int, b: int, expected: tuple[float, float, float]) -> None:
    assert dates(a, b) == pytest.approx(expected, abs=1e-3)


TWO_DATES = [(1, 1, "Unemployment among veterans is now lower than in the general population.", None, "2012-10-22"),
             (2, 2, "Unemployment among veterans is now lower than in the general population.", None, "2016-03-01")]
QUERY = "Veterans' unemployment is now lower than the general population's."


@pytest.mark.parametrize(("date", "first"), [("20121022_debate", 1), ("stated on March 2, 2016", 2), (None, 1)],
                         ids=["debate-day", "written-date", "unknown"])
def test_the_claim_made_that_day_comes_first(date: str | None, first: int) -> None:
    m = Matcher()
    m.add_many(TWO_DATES)
    assert m.search(QUERY, speaker=None, date=date, min_score=0.0)[0].claim_id == first


def test_unknown_dates_change_nothing() -> None:
    plain, dated = Matcher(), Matcher()
    plain.add_many(row[:3] for row in TWO_DATES)
    dated.add_many(TWO_DATES)
    assert plain.search(QUERY, min_score=0.0) == dated.search(QUERY, min_score=0.0)
    assert plain.search(QUERY, min_score=0.0) == plain.search(QUERY, min_score=0.0, date="2012-10-22")
