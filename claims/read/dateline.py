"""Wire-story datelines ("WASHINGTON (Reuters) -", "Kabul, Sep 23 (Agency)"), found by regular expression."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WORD = r"[A-Z][A-Za-z'\u2019.\-]*"
_CAPS_WORD = r"[A-Z][A-Z'\u2019.\-]+"
_DATELINE = re.compile(
    rf"""
    (?P<lead>[ \t\r\n]*)
    (?P<place>
        (?!{_MONTH}\b){_WORD}(?:[ ](?!{_MONTH}\b){_WORD}){{0,3}}
        (?:,[ ](?!{_MONTH}\b)(?!\d){_WORD}(?:[ ]{_WORD})?)?
    )
    (?:,?[ ](?P<date>{_MONTH}[ ]\d{{1,2}}(?:,?[ ]\d{{4}})?|\d{{1,2}}[ ]{_MONTH}(?:[ ]\d{{4}})?))?
    (?:[ ]?\((?P<agency>[^()\n]{{1,40}})\))?
    (?P<dash>[ ]*(?:(?:--|-)(?=\s)|\u2014|\u2013))?
    """,
    re.VERBOSE,
)
_CAPS_PLACE = re.compile(rf"{_CAPS_WORD}(?:[ ]{_CAPS_WORD})*")
_AGENCY = re.compile(r"[A-Z][\w&.'\-]*(?:[ /][A-Z][\w&.'\-]*){0,3}")


@dataclass(frozen=True)
class Dateline:
    """The dateline at the head of a wire story; ``text[start:end]`` is the dateline itself."""

    start: int
    end: int
    place: str
    date: str | None
    agency: str | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text``, or None. Pure regex, never raises."""
    match = _DATELINE.match(text[:200])
    if match is None or not _looks_like_dateline(match):
        return None
    after = text[match.end() :]
    if after[:1] and not (after[:1].isspace() or match.group("dash")):
        return None
    if after.lstrip()[:1].islower():
        return None
    return Dateline(
        start=match.start("place"),
        end=match.end(),
        place=match.group("place"),
        date=match.group("date"),
        agency=match.group("agency"),
    )


def _looks_like_dateline(match: re.Match[str]) -> bool:
    """An all-caps place, a date or an agency, closed by a dash or an agency in brackets."""
    agency = match.group("agency")
    if agency and not _AGENCY.fullmatch(agency):
        return False
    capitalised = _CAPS_PLACE.fullmatch(match.group("place").split(",")[0]) is not None
    if agency:
        return capitalised or bool(match.group("date")) or bool(match.group("dash"))
    return bool(match.group("dash")) and (capitalised or bool(match.group("date")))
