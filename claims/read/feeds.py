"""Feeds: JSON, JSON Lines and CSV/TSV files (or stdin) holding one article per record.

Fields are recognised by name (case-insensitive): the text from ``text``/``body``/``content`` (HTML in it is
reduced to its text), ``title``, ``url``, ``published``/``date``, ``source``, ``author``; options name others.
A record that cannot be read is a :class:`ReadFailure` naming its line or number; the other records still load.
A date that reads as none (``"not a date"``) is left out, with a warning on the draft; the article loads.
A field holds text: a number is written out, a list of strings is joined (text by paragraphs, a title by spaces,
authors by commas); an object, or a number where the article text should be, makes the record a failure. In CSV,
a quote that is not closed where it should be stops the file at that record, with the line named (a lenient
reader would merge the records after it into one article).
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
from claims.read.metadata import feed_date
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
        except RecursionError:
            yield ReadFailure(f"{origin}#{label}", f"{origin}#{label}: the record is nested too deeply to read.")


def record_draft(record: dict[str, Any], origin: str, fields: FeedFields, source: str | None) -> ArticleDraft:
    """The article in one record."""
    if not isinstance(record, dict):
        raise UnreadableText(f"{origin}: is a {type(record).__name__}, not a record with fields.")
    folded = {str(key).casefold(): value for key, value in record.items()}
    body = _text_value(*_first(folded, fields.text), origin)
    if not body.strip():
        raise UnreadableText(f"{origin}: no article text (looked for fields {', '.join(fields.text[:4])}).")
    title = clean_field(_scalar(*_first(folded, fields.title), origin, join=" "))
    draft = draft_from_body(clean(body), origin, source, title) if title else read_text(body, origin, source)
    written = clean_field(_scalar(*_first(folded, fields.date), origin))
    published = feed_date(written) if written else None
    return replace(
        draft,
        url=clean_field(_scalar(*_first(folded, fields.url), origin), 2000),
        published=published,
        warning=None if published or not written else f"{origin}: {written!r} is not a date; stored without one.",
        source=source or clean_field(_name(*_first(folded, fields.source), origin)) or draft.source,
        author=clean_field(_name(*_first(folded, fields.author), origin)),
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
    except RecursionError:
        yield "0", ReadFailure(origin, f"{origin}: the JSON is nested too deeply to read.")
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
        except RecursionError:
            yield f"line{number}", ReadFailure(f"{origin}#line{number}", f"{origin} line {number}: the JSON is "
                                                                         f"nested too deeply to read.")


def _csv_records(text: str, origin: str, delimiter: str) -> Iterator[tuple[str, Any]]:
    csv.field_size_limit(64 * 1024 * 1024)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 2  # the line the next record starts on (the header is line 1)
    try:
        for row in reader:
            yield f"line{start}", {k: v for k, v in row.items() if k is not None}
            start = reader.line_num + 1
    except csv.Error as error:
        yield f"line{start}", ReadFailure(f"{origin}#line{start}", f"{origin} line {start}: a quote is not closed "
                                          f"where it should be ({error}); nothing from line {start} on was read.")


def _first(record: dict[str, Any], names: tuple[str, ...]) -> tuple[str, Any]:
    """The first of ``names`` with a value in ``record``: (name, value); (first name, None) if none has one."""
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return name, value
    return names[0], None


def _text_value(name: str, value: Any, origin: str) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(v for v in value if v)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise UnreadableText(f"{origin}: the {name} field holds {_kind(value)}, not the article's text.")
    if is_html(value) or ("</p>" in value.lower() and value.lstrip().startswith("<")):
        return html_to_text(value, origin)
    return value


def _scalar(name: str, value: Any, origin: str, join: str | None = None) -> str | None:
    """A one-line field as text: a string, a number written out, or (with ``join``) a list of those joined."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if join is not None and isinstance(value, list):
        parts = [_scalar(name, v, origin) for v in value if not isinstance(v, list)]
        if len(parts) == len(value):
            return join.join(p for p in parts if p) or None
    raise UnreadableText(f"{origin}: the {name} field holds {_kind(value)}, not text.")


def _name(name: str, value: Any, origin: str) -> str | None:
    """An author or source given as text, an object ({"name": ...}) or a list of them, as one name."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    elif isinstance(value, list):
        value = [v.get("name") or v.get("title") if isinstance(v, dict) else v for v in value]
    return _scalar(name, value, origin, join=", ")


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"a number ({value})"
    return f"a {type(value).__name__}"
