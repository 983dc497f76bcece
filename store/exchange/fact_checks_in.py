"""Reading earlier fact-checks (ClaimReview JSON-LD, JSON Lines, CSV/TSV) as verdicts to match against.

`read_verdict_file(path, rating_map=None)` yields ImportedVerdict records. Formats, told apart by content:
- ClaimReview JSON-LD: one object, a list of them, an object with "@graph", or JSON Lines (one per line).
  Fields: claimReviewed -> claim; reviewRating.alternateName (else ratingValue on its worst..best scale) ->
  rating; url; itemReviewed.author.name -> speaker; itemReviewed.datePublished (else datePublished) -> date;
  author.name (the fact-checker) -> source. Google Fact Check Tools records ({"text", "claimant",
  "claimReview": [...]}) are read too.
- CSV or TSV with a header naming `claim` and `status` or `rating`, optionally `url`, `speaker`, `date`,
  `source`. A `status` already in verified/disputed/unverified is kept; otherwise the rating is mapped.
Records without claim text are skipped. An unreadable file raises VerdictFileError with a one-line reason.
Every text field is cleaned (store.clean_text.clean: control characters and terminal escapes shown as
symbols) and its whitespace collapsed, as loaded articles are.

Ratings map to the three verdicts with RATING_MAP (see `status_for`); pass `rating_map` to override or extend
it: its entries win over the defaults.
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
    key = normalise_rating(rating)
    table = table if table is not None else rating_table(rating_map)
    if key in table:
        return table[key]
    for word, status in _KEYWORD_RULES:
        if re.search(rf"\b{word}", key):
            return status
    return "unverified"


def read_verdict_file(path: str | Path,
                      rating_map: Mapping[str, str] | None = None) -> Iterator[ImportedVerdict]:
    path = Path(path)
    try:
        text = decode(path.read_bytes(), path.name)
    except (OSError, UnreadableText) as error:
        raise VerdictFileError(f"cannot read {path.name}: {error}") from error
    table = rating_table(rating_map)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        yield from _from_claim_reviews(_json_records(stripped, path.name), path.stem, table)
    else:
        yield from _from_table(text, path, table)


def _json_records(text: str, name: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.split("\n") if line.strip()]
        except json.JSONDecodeError as error:
            raise VerdictFileError(f"{name} is neither JSON nor JSON Lines (line {error.lineno}).") from error
    return list(_flatten(data))


def _flatten(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _flatten(data["@graph"])
        elif "claims" in data and isinstance(data["claims"], list):
            yield from _flatten(data["claims"])
        else:
            yield data


def _from_claim_reviews(records: Iterable[dict], default_source: str,
                        table: dict[str, str]) -> Iterator[ImportedVerdict]:
    for record in records:
        if "claimReview" in record:
            yield from _from_factcheck_tools(record, default_source, table)
            continue
        types = record.get("@type", "ClaimReview")
        if "ClaimReview" not in (types if isinstance(types, list) else [types]):
            continue
        claim = _text(record.get("claimReviewed"))
        if claim:
            rating = _rating_text(record.get("reviewRating"))
            item = record.get("itemReviewed") if isinstance(record.get("itemReviewed"), dict) else {}
            yield ImportedVerdict(
                claim, status_for(rating, table=table), rating, _text(record.get("url")) or None,
                _name(item.get("author")) or None,
                _text(item.get("datePublished")) or _text(record.get("datePublished")) or None,
                _name(record.get("author")) or default_source,
            )


def _from_factcheck_tools(record: dict, default_source: str,
                          table: dict[str, str]) -> Iterator[ImportedVerdict]:
    claim = _text(record.get("text"))
    for review in record.get("claimReview") or []:
        if claim and isinstance(review, dict):
            rating = _text(review.get("textualRating"))
            yield ImportedVerdict(
                claim, status_for(rating, table=table), rating, _text(review.get("url")) or None,
                _text(record.get("claimant")) or None,
                _text(record.get("claimDate")) or _text(review.get("reviewDate")) or None,
                _name(review.get("publisher")) or default_source,
            )


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


def _from_table(text: str, path: Path, table: dict[str, str]) -> Iterator[ImportedVerdict]:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = {normalise_rating(c): c for c in reader.fieldnames or []}
    if "claim" not in columns or not ({"status", "rating"} & columns.keys()):
        raise VerdictFileError(f"{path.name} needs a header with 'claim' and 'status' or 'rating' columns.")
    for row in reader:
        yield from _from_row({k: _text(row.get(c)) for k, c in columns.items()}, path.stem, table)


def _from_row(row: dict[str, str], default_source: str,
              table: dict[str, str]) -> Iterator[ImportedVerdict]:
    claim, status, rating = row.get("claim", ""), row.get("status", "").lower(), row.get("rating", "")
    if not claim:
        return
    status = status if status in VERDICTS else status_for(rating or status, table=table)
    yield ImportedVerdict(claim, status, rating, row.get("url") or None, row.get("speaker") or None,
                          row.get("date") or None, row.get("source") or default_source)


def _text(value: object) -> str:
    """A field as one line of safe text: control characters (a JSON "\\u001b" included) shown as symbols."""
    return " ".join(clean(value).split()) if isinstance(value, str) else ""


def _name(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)
