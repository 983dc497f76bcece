"""Reading earlier fact-checks (ClaimReview JSON-LD, JSON Lines, Fact Check Tools records, CSV/TSV) of any size.

`read_verdict_file(path, rating_map=None, skipped=None, progress=None)` yields ImportedVerdict records one at a
time, in flat memory (store.exchange.record_stream reads the file: CSV and JSON Lines line by line, a top-level
JSON list element by element; one JSON object larger than 64 MB is refused with advice to write JSON Lines).
What it passes over (a broken JSON line, a record that is not a ClaimReview, a row without a claim) is added to
``skipped`` as "line N: why" (or "record N: why" inside one JSON document). Formats, told apart by content:
- ClaimReview JSON-LD: one object, a list of them, an object with "@graph", or JSON Lines (one per line).
  Fields: claimReviewed -> claim; reviewRating.alternateName (else ratingValue on its worst..best scale) ->
  rating; url; itemReviewed.author.name -> speaker; itemReviewed.datePublished (else datePublished) -> date;
  author.name (the fact-checker) -> source; headline (else name) -> title; description -> subtitle.
- Google Fact Check Tools records ({"claims": [{"text", "claimant", "claimDate", "claimReview": [{"publisher":
  {"name", "site"}, "url", "title", "reviewDate", "textualRating"}]}]}): one verdict per review; the
  publisher's name is the source, the review's title the title.
- CSV or TSV with a header naming `claim` and `status` or `rating`, optionally `url`, `speaker`, `date`,
  `source` (or `publisher`, `organisation`), `title` (or `headline`), `subtitle` (or `description`); see
  COLUMN_NAMES. A `status` already in verified/disputed/unverified is kept; otherwise the rating is mapped.
The source is always the fact-checking organisation: the file's, else the review URL's host; never the file name.
Dates become YYYY-MM-DD (store.exchange.check_fields.check_date; PolitiFact's "stated on October 21, 2019 in a
speech:" gives 2019-10-21); a form not known is left empty, never guessed.
An unreadable file (binary, nested too deeply, no usable header) raises VerdictFileError with a one-line reason.
Every text field is cleaned (control characters and terminal escapes shown as symbols, as loaded text is; byte
order marks dropped) and its whitespace collapsed; names and titles lose invisible format characters too.

Ratings map to the three verdicts with RATING_MAP (see `status_for`); pass `rating_map` to override or extend
it: its entries win over the defaults. A rating neither knows (e.g. "kinda") becomes "unverified" with ``known``
False: the import counts and lists those, and keeps the rating as written (the claim's note).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from store.exchange.check_fields import check_date, name_line, one_line, site_name
from store.exchange.record_stream import RecordFileError, csv_table, first_text, json_records, open_text

VERDICTS = ("verified", "disputed", "unverified")

# Normalised rating text (lower case, punctuation and hyphens as spaces) -> verdict.
RATING_MAP: dict[str, str] = {
    **dict.fromkeys(["true", "mostly true", "correct", "accurate", "verified", "confirmed", "legit",
                     "correct attribution", "no flip", "real"], "verified"),
    **dict.fromkeys(["false", "mostly false", "pants on fire", "pants fire", "barely true", "fake",
                     "incorrect", "inaccurate", "misleading", "wrong", "hoax", "scam", "fabricated",
                     "not true", "misattributed", "miscaptioned", "satire", "labeled satire",
                     "four pinocchios", "three pinocchios", "full flop", "disputed", "debunked",
                     "distorts the facts"], "disputed"),
    **dict.fromkeys(["half true", "mixture", "unproven", "unverified", "unsupported", "needs context",
                     "missing context", "outdated", "half flip", "research in progress", "two pinocchios",
                     "partly false", "partly true", "lacks context", "undetermined"], "unverified"),
}
# Used only when the whole rating is not in the map: the first rule whose words appear decides.
_KEYWORD_RULES = (
    ("half", "unverified"), ("partly", "unverified"), ("mix", "unverified"), ("context", "unverified"),
    ("false", "disputed"), ("fake", "disputed"), ("incorrect", "disputed"), ("misleading", "disputed"),
    ("not true", "disputed"), ("wrong", "disputed"), ("hoax", "disputed"), ("true", "verified"),
    ("correct", "verified"), ("accurate", "verified"),
)


class VerdictFileError(ValueError):
    """The file is not a verdict file claimdesk can read; the message says why in one line."""


@dataclass(frozen=True)
class ImportedVerdict:
    claim: str
    status: str  # "verified", "disputed" or "unverified"
    rating: str  # the rating as the source wrote it ("" when only a status was given)
    url: str | None = None
    speaker: str | None = None
    date: str | None = None
    source: str | None = None  # the fact-checking organisation (else the review URL's host)
    known: bool = True  # False: the rating is not in the map nor the keyword rules ("unverified" by default)
    title: str | None = None  # the fact-check's headline
    subtitle: str | None = None  # its subtitle or description


def normalise_rating(rating: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", rating.lower().replace("_", " ")).split())


def rating_table(rating_map: Mapping[str, str] | None = None) -> dict[str, str]:
    """RATING_MAP with the overrides on top, keys normalised."""
    merged = {normalise_rating(k): v for k, v in RATING_MAP.items()}
    for key, status in (rating_map or {}).items():
        if status not in VERDICTS:
            raise ValueError(f"rating {key!r} maps to {status!r}: use one of {', '.join(VERDICTS)}.")
        merged[normalise_rating(key)] = status
    return merged


def status_for(rating: str, rating_map: Mapping[str, str] | None = None,
               table: dict[str, str] | None = None) -> str:
    """The verdict for a rating: the override map, then RATING_MAP, then keyword rules, else "unverified"."""
    return _lookup(rating, table if table is not None else rating_table(rating_map)) or "unverified"


def _lookup(rating: str, table: dict[str, str]) -> str | None:
    """The verdict a rating names, or None when neither the table nor the keyword rules know it."""
    key = normalise_rating(rating)
    if key in table:
        return table[key]
    for word, status in _KEYWORD_RULES:
        if re.search(rf"\b{word}", key):
            return status
    return None


def _verdict(claim: str, status: str, rating: str, table: dict[str, str], url: str | None, speaker: str | None,
             day: str | None, source: str | None, title: str | None, subtitle: str | None) -> ImportedVerdict:
    """An ImportedVerdict whose status is ``status`` when it is a verdict, else the one the rating names."""
    if status in VERDICTS:
        return ImportedVerdict(claim, status, rating, url, speaker, day, source, True, title, subtitle)
    found = _lookup(rating or status, table)
    return ImportedVerdict(claim, found or "unverified", rating or status, url, speaker, day, source,
                           found is not None, title, subtitle)


def read_verdict_file(path: str | Path, rating_map: Mapping[str, str] | None = None,
                      skipped: list[str] | None = None, progress: Callable[[int], None] | None = None,
                      ) -> Iterator[ImportedVerdict]:
    """The file's fact-checks, one at a time (flat memory); ``progress`` is told the bytes read so far."""
    path = Path(path)
    skipped = [] if skipped is None else skipped
    table = rating_table(rating_map)
    try:
        start = first_text(path)
        if not start:
            raise VerdictFileError(f"{path.name} is empty.")
        if start in ("{", "["):
            records = _flatten_all(json_records(path, skipped, progress))
            yield from _from_claim_reviews(records, table, skipped)
        else:
            yield from _from_table(path, table, skipped, progress)
    except RecordFileError as error:
        raise VerdictFileError(str(error)) from error


def _flatten_all(values: Iterable[tuple[str, object]]) -> Iterator[tuple[str, dict]]:
    for where, value in values:
        yield from _flatten(value, where)


def _flatten(data: object, where: str) -> Iterator[tuple[str, dict]]:
    if isinstance(data, list):
        for number, item in enumerate(data, start=1):
            yield from _flatten(item, f"{where} {number}" if where == "record" else where)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _flatten(data["@graph"], where)
        elif "claims" in data and isinstance(data["claims"], list):
            yield from _flatten(data["claims"], where)
        else:
            yield ("record 1" if where == "record" else where), data


def _type_name(types: object) -> str:
    names = types if isinstance(types, list) else [types]
    return ", ".join(_text(name) or "?" for name in names) or "untyped"


def _from_claim_reviews(records: Iterable[tuple[str, dict]], table: dict[str, str],
                        skipped: list[str]) -> Iterator[ImportedVerdict]:
    for where, record in records:
        if "claimReview" in record:
            yield from _from_factcheck_tools(record, table)
            continue
        types = record.get("@type", "ClaimReview")
        if "ClaimReview" not in (types if isinstance(types, list) else [types]):
            skipped.append(f"{where}: a {_type_name(types)} record, not a ClaimReview, skipped")
            continue
        claim = _text(record.get("claimReviewed"))
        if not claim:
            skipped.append(f"{where}: no claimReviewed text, skipped")
            continue
        rating = _rating_text(record.get("reviewRating"))
        item = record.get("itemReviewed") if isinstance(record.get("itemReviewed"), dict) else {}
        url = _text(record.get("url")) or None
        yield _verdict(claim, "", rating, table, url, name_line(_name(item.get("author"))) or None,
                       _date(item.get("datePublished"), record.get("datePublished")),
                       name_line(_name(record.get("author"))) or site_name(url),
                       name_line(record.get("headline")) or name_line(record.get("name")) or None,
                       name_line(record.get("description")) or None)


def _from_factcheck_tools(record: dict, table: dict[str, str]) -> Iterator[ImportedVerdict]:
    claim = _text(record.get("text"))
    for review in record.get("claimReview") or []:
        if claim and isinstance(review, dict):
            rating = _text(review.get("textualRating"))
            url = _text(review.get("url")) or None
            yield _verdict(claim, "", rating, table, url, name_line(record.get("claimant")) or None,
                           _date(record.get("claimDate"), review.get("reviewDate")),
                           name_line(_name(review.get("publisher"))) or site_name(url),
                           name_line(review.get("title")) or None,
                           name_line(review.get("subtitle")) or name_line(review.get("description")) or None)


def _date(*values: object) -> str | None:
    for value in values:
        if isinstance(value, str) and (day := check_date(value)):
            return day
    return None


def _rating_text(rating: object) -> str:
    if not isinstance(rating, dict):
        return _text(rating)
    name = _text(rating.get("alternateName")) or _text(rating.get("name"))
    return name or _scaled_rating(rating)


def _scaled_rating(rating: dict) -> str:
    """A numeric rating placed on its worst..best scale: bottom third false, top third true, else mixture."""
    try:
        value = float(rating["ratingValue"])
        worst, best = float(rating.get("worstRating", 1)), float(rating.get("bestRating", 5))
    except (KeyError, TypeError, ValueError):
        return ""
    if best <= worst:
        return ""
    position = (value - worst) / (best - worst)
    return "false" if position < 1 / 3 else "true" if position > 2 / 3 else "mixture"


# Column names (normalised as ratings are) -> the field they fill; the first one present wins.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "claim": ("claim", "claimreviewed", "claim reviewed"),
    "status": ("status",),
    "rating": ("rating", "textualrating", "textual rating", "verdict rating"),
    "url": ("url", "review url", "link"),
    "speaker": ("speaker", "claimant", "author"),
    "date": ("date", "claim date", "claimdate", "date published", "datepublished", "review date"),
    "source": ("source", "publisher", "organisation", "organization", "fact checker", "factchecker"),
    "title": ("title", "headline", "name"),
    "subtitle": ("subtitle", "description", "summary"),
}


def _columns(header: list[str]) -> dict[str, int]:
    """Field -> position in the row, for the fields the header names."""
    positions = {normalise_rating(name): at for at, name in reversed(list(enumerate(header)))}
    found = {}
    for field_name, names in COLUMN_NAMES.items():
        at = next((positions[name] for name in names if name in positions), None)
        if at is not None:
            found[field_name] = at
    return found


def _from_table(path: Path, table: dict[str, str], skipped: list[str],
                progress: Callable[[int], None] | None) -> Iterator[ImportedVerdict]:
    with open_text(path) as stream:
        header, rows = csv_table(stream, path.name)
        columns = _columns(header)
        if "claim" not in columns or not ({"status", "rating"} & columns.keys()):
            raise VerdictFileError(f"{path.name} needs a header with 'claim' and 'status' or 'rating' columns.")
        width = max(columns.values()) + 1
        for number, (line, cells) in enumerate(rows):
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            fields = {name: cells[at] for name, at in columns.items()}
            claim = _text(fields["claim"])
            if not claim:
                skipped.append(f"line {line}: no claim, skipped")
                continue
            yield _from_row(claim, fields, table)
            if progress is not None and number % 1000 == 0:
                progress(stream.bytes_read())


def _from_row(claim: str, row: dict[str, str], table: dict[str, str]) -> ImportedVerdict:
    status, rating = _text(row.get("status")).lower(), _text(row.get("rating"))
    url = _text(row.get("url")) or None
    return _verdict(claim, status, rating, table, url, name_line(row.get("speaker")) or None,
                    check_date(_text(row.get("date"))), name_line(row.get("source")) or site_name(url),
                    name_line(row.get("title")) or None, name_line(row.get("subtitle")) or None)


def _text(value: object) -> str:
    """A field as one line of safe text: control characters (a JSON "\\u001b" included) shown as symbols."""
    return one_line(value)


def _name(value: object) -> object:
    if isinstance(value, list):
        value = value[0] if value else None
    return value.get("name") if isinstance(value, dict) else value
