"""Reading earlier fact-checks (ClaimReview JSON-LD, JSON Lines, CSV/TSV) as verdicts to match against.

`read_verdict_file(path, rating_map=None, skipped=None)` yields ImportedVerdict records; what it passes over
(a broken JSON line, a record that is not a ClaimReview, a row without a claim) is added to ``skipped`` as
"line N: why" (or "record N: why" inside one JSON document). Formats, told apart by content:
- ClaimReview JSON-LD: one object, a list of them, an object with "@graph", or JSON Lines (one per line).
  Fields: claimReviewed -> claim; reviewRating.alternateName (else ratingValue on its worst..best scale) ->
  rating; url; itemReviewed.author.name -> speaker; itemReviewed.datePublished (else datePublished) -> date;
  author.name (the fact-checker) -> source. Google Fact Check Tools records ({"text", "claimant",
  "claimReview": [...]}) are read too.
- CSV or TSV with a header naming `claim` and `status` or `rating`, optionally `url`, `speaker`, `date`,
  `source`. A `status` already in verified/disputed/unverified is kept; otherwise the rating is mapped.
An unreadable file (binary, nested too deeply, no usable header) raises VerdictFileError with a one-line reason.
Every text field is cleaned (store.clean_text.clean: control characters and terminal escapes shown as
symbols) and its whitespace collapsed, as loaded articles are.

Ratings map to the three verdicts with RATING_MAP (see `status_for`); pass `rating_map` to override or extend
it: its entries win over the defaults. A rating neither knows (e.g. "kinda") becomes "unverified" with ``known``
False: the import counts and lists those, and keeps the rating as written (the claim's note).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from store.clean_text import UnreadableText, clean, decode

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
    source: str | None = None  # the fact-checking organisation, or the file name when none is given
    known: bool = True  # False: the rating is not in the map nor the keyword rules ("unverified" by default)


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


def _verdict(claim: str, status: str, rating: str, table: dict[str, str], *rest: str | None) -> ImportedVerdict:
    """An ImportedVerdict whose status is ``status`` when it is a verdict, else the one the rating names."""
    if status in VERDICTS:
        return ImportedVerdict(claim, status, rating, *rest)
    found = _lookup(rating or status, table)
    return ImportedVerdict(claim, found or "unverified", rating or status, *rest, known=found is not None)


def read_verdict_file(path: str | Path, rating_map: Mapping[str, str] | None = None,
                      skipped: list[str] | None = None) -> Iterator[ImportedVerdict]:
    path = Path(path)
    skipped = [] if skipped is None else skipped
    try:
        text = decode(path.read_bytes(), path.name)
    except (OSError, UnreadableText) as error:
        raise VerdictFileError(f"cannot read {path.name}: {error}") from error
    table = rating_table(rating_map)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        yield from _from_claim_reviews(_json_records(stripped, path.name, skipped), path.stem, table, skipped)
    else:
        yield from _from_table(text, path, table, skipped)


def _json_records(text: str, name: str, skipped: list[str]) -> list[tuple[str, dict]]:
    """(where, record) for every object of a JSON document, or of each line of JSON Lines (broken lines skipped)."""
    try:
        return list(_flatten(json.loads(text), "record"))
    except RecursionError as error:
        raise VerdictFileError(f"{name} is nested too deeply to read.") from error
    except json.JSONDecodeError as error:
        first_error = error
    records, bad = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                records.extend(_flatten(json.loads(line), f"line {number}"))
            except json.JSONDecodeError as error:
                bad.append(f"line {number}: not JSON ({error.msg}), skipped")
            except RecursionError:
                bad.append(f"line {number}: nested too deeply to read, skipped")
    if not records:
        where = bad[0].split(":", 1)[0] if bad else f"line {first_error.lineno}"
        raise VerdictFileError(f"{name} is neither JSON nor JSON Lines ({where}).")
    skipped.extend(bad)
    return records


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


def _from_claim_reviews(records: Iterable[tuple[str, dict]], default_source: str,
                        table: dict[str, str], skipped: list[str]) -> Iterator[ImportedVerdict]:
    for where, record in records:
        if "claimReview" in record:
            yield from _from_factcheck_tools(record, default_source, table)
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
        yield _verdict(claim, "", rating, table, _text(record.get("url")) or None, _name(item.get("author")) or None,
                       _text(item.get("datePublished")) or _text(record.get("datePublished")) or None,
                       _name(record.get("author")) or default_source)


def _from_factcheck_tools(record: dict, default_source: str,
                          table: dict[str, str]) -> Iterator[ImportedVerdict]:
    claim = _text(record.get("text"))
    for review in record.get("claimReview") or []:
        if claim and isinstance(review, dict):
            rating = _text(review.get("textualRating"))
            yield _verdict(claim, "", rating, table, _text(review.get("url")) or None,
                           _text(record.get("claimant")) or None,
                           _text(record.get("claimDate")) or _text(review.get("reviewDate")) or None,
                           _name(review.get("publisher")) or default_source)


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


def _from_table(text: str, path: Path, table: dict[str, str], skipped: list[str]) -> Iterator[ImportedVerdict]:
    lines = text.splitlines()  # \n, \r\n and a lone \r all end a line
    first_line = lines[0] if lines else ""
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = {normalise_rating(c): c for c in reader.fieldnames or []}
        if "claim" not in columns or not ({"status", "rating"} & columns.keys()):
            raise VerdictFileError(f"{path.name} needs a header with 'claim' and 'status' or 'rating' columns.")
        for row in reader:
            fields = {k: _text(row.get(c)) for k, c in columns.items()}
            if not fields.get("claim"):
                skipped.append(f"line {reader.line_num}: no claim, skipped")
                continue
            yield _from_row(fields, path.stem, table)
    except csv.Error as error:
        raise VerdictFileError(f"{path.name} line {reader.line_num} cannot be read as CSV ({error}).") from error


def _from_row(row: dict[str, str], default_source: str, table: dict[str, str]) -> ImportedVerdict:
    claim, status, rating = row.get("claim", ""), row.get("status", "").lower(), row.get("rating", "")
    return _verdict(claim, status, rating, table, row.get("url") or None, row.get("speaker") or None,
                    row.get("date") or None, row.get("source") or default_source)


def _text(value: object) -> str:
    """A field as one line of safe text: control characters (a JSON "\\u001b" included) shown as symbols."""
    return " ".join(clean(value).split()) if isinstance(value, str) else ""


def _name(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)
