"""Feeds: JSON, JSON Lines and CSV/TSV files (or stdin) holding one article per record.

Fields are recognised by name (case-insensitive): the text from ``text``/``body``/``content`` (HTML in it is
reduced to its text), ``title``, ``url``, ``published``/``date``, ``source``, ``author``; options name others.
A record that cannot be read is a :class:`ReadFailure` naming its line or number; the other records still load.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from claims.read.article import ArticleDraft, ReadFailure, draft_from_body, is_html, read_text
from claims.read.html import html_to_text
from store.clean_text import UnreadableText, clean, clean_field

FEED_FORMATS = ("json", "jsonl", "csv", "tsv")
_ITEM_LISTS = ("items", "articles", "entries", "records", "data", "results", "posts")


@dataclass(frozen=True)
class FeedFields:
    """Which record fields hold what; a name given by the user is tried before the usual ones."""

    text: tuple[str, ...] = ("text", "body", "content", "content_text", "article", "content_html", "html")
    title: tuple[str, ...] = ("title", "headline", "name")
    url: tuple[str, ...] = ("url", "link", "canonical_url", "href")
    date: tuple[str, ...] = ("published", "date", "date_published", "datepublished", "pubdate", "published_at")
    source: tuple[str, ...] = ("source", "outlet", "publisher", "site", "sitename")
    author: tuple[str, ...] = ("author", "authors", "byline", "creator")

    def with_names(self, **names: str | None) -> FeedFields:
        """These fields, with user-given names (``text="story"``) tried first."""
        given = {key: (value.casefold(), *getattr(self, key)) for key, value in names.items() if value}
        return replace(self, **given)


def feed_format(name: str) -> str | None:
    """The feed format of a file name's suffix (json, jsonl, csv, tsv), or None."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"ndjson": "jsonl"}.get(suffix, suffix) if suffix in (*FEED_FORMATS, "ndjson") else None


def read_feed(text: str, origin: str, fmt: str, fields: FeedFields | None = None,
              source: str | None = None) -> Iterator[ArticleDraft | ReadFailure]:
    """One draft (or failure) per record of a feed's text."""
    fields = fields or FeedFields()
    for label, record in _records(text, origin, fmt):
        if isinstance(record, ReadFailure):
            yield record
            continue
        try:
            yield record_draft(record, f"{origin}#{label}", fields, source)
        except UnreadableText as error:
            yield ReadFailure(f"{origin}#{label}", str(error))


def record_draft(record: dict[str, Any], origin: str, fields: FeedFields, source: str | None) -> ArticleDraft:
    """The article in one record."""
    if not isinstance(record, dict):
        raise UnreadableText(f"{origin}: is a {type(record).__name__}, not a record with fields.")
    folded = {str(key).casefold(): value for key, value in record.items()}
    body = _text_value(_first(folded, fields.text))
    if not body.strip():
        raise UnreadableText(f"{origin}: no article text (looked for fields {', '.join(fields.text[:4])}).")
    title = clean_field(_first(folded, fields.title))
    draft = draft_from_body(clean(body), origin, source, title) if title else read_text(body, origin, source)
    return replace(
        draft,
        url=clean_field(_first(folded, fields.url), 2000),
        published=clean_field(_first(folded, fields.date)),
        source=source or clean_field(_name(_first(folded, fields.source))) or draft.source,
        author=clean_field(_name(_first(folded, fields.author))),
    )


def _records(text: str, origin: str, fmt: str) -> Iterator[tuple[str, Any]]:
    if fmt == "json":
        yield from _json_records(text, origin)
    elif fmt == "jsonl":
        yield from _jsonl_records(text, origin)
    elif fmt in ("csv", "tsv"):
        yield from _csv_records(text, origin, "\t" if fmt == "tsv" else ",")
    else:
        yield "0", ReadFailure(origin, f"{origin}: unknown feed format {fmt!r}.")


def _json_records(text: str, origin: str) -> Iterator[tuple[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield "0", ReadFailure(origin, f"{origin}: not valid JSON (line {error.lineno}: {error.msg}).")
        return
    if isinstance(data, dict):
        items = next((data[k] for k in _ITEM_LISTS if isinstance(data.get(k), list)), [data])
    else:
        items = data if isinstance(data, list) else [data]
    yield from ((str(number), item) for number, item in enumerate(items, 1))


def _jsonl_records(text: str, origin: str) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield f"line{number}", json.loads(line)
        except json.JSONDecodeError as error:
            yield f"line{number}", ReadFailure(f"{origin}#line{number}", f"{origin} line {number}: not valid JSON "
                                                                         f"({error.msg}).")


def _csv_records(text: str, origin: str, delimiter: str) -> Iterator[tuple[str, Any]]:
    csv.field_size_limit(64 * 1024 * 1024)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            yield f"line{reader.line_num}", {k: v for k, v in row.items() if k is not None}
    except csv.Error as error:
        yield f"line{reader.line_num}", ReadFailure(origin, f"{origin} line {reader.line_num}: {error}.")


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _text_value(value: Any) -> str:
    if isinstance(value, list):
        value = "\n\n".join(str(v) for v in value if v)
    text = "" if value is None else str(value)
    if is_html(text) or ("</p>" in text.lower() and text.lstrip().startswith("<")):
        return html_to_text(text)
    return text


def _name(value: Any) -> Any:
    """An author or source given as an object ({"name": ...}) or a list of them, as one name."""
    if isinstance(value, list):
        names = [_name(v) for v in value]
        return ", ".join(str(n) for n in names if n) or None
    if isinstance(value, dict):
        return value.get("name") or value.get("title")
    return value
