"""Reading every input a user names (files, folders, URLs, feeds, stdin) into drafts, or a failure per input.

One bad input never stops the others: each yields its drafts or a :class:`ReadFailure` with a one-line reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from claims.read.article import HTML_SUFFIXES, ArticleDraft, ReadFailure, is_html, read_text, visible_names
from claims.read.feeds import FEED_FORMATS, FeedFields, feed_format, read_feed
from claims.read.fetch import TIMEOUT_S, fetch, is_url, new_client
from claims.read.html import read_html
from claims.read.metadata import GivenMetadata
from claims.read.sources import expand_paths
from store.clean_text import MAX_BYTES, UnreadableText, decode

FORMATS = ("auto", "text", "html", *FEED_FORMATS)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")  # a URL (ftp://, file://...), not a path
STDIN = "-"


@dataclass(frozen=True)
class ReadOptions:
    """How to read the inputs: the outlet, a folder filter, feed field names, the format, fetch limits, and the
    URL, date and title given for a single article (refused for a feed)."""

    source: str | None = None
    glob: str | None = None
    fields: FeedFields = field(default_factory=FeedFields)
    fmt: str = "auto"
    timeout: float = TIMEOUT_S
    max_bytes: int = MAX_BYTES
    given: GivenMetadata = field(default_factory=GivenMetadata)


def list_inputs(items: Iterable[str], options: ReadOptions | None = None) -> list[str]:
    """The inputs to read, folders expanded (cheap: nothing is read yet)."""
    return list(expand_paths(items, glob=(options or ReadOptions()).glob))


def read_inputs(items: Iterable[str], options: ReadOptions | None = None,
                stdin: IO[Any] | None = None) -> Iterator[ArticleDraft | ReadFailure]:
    """The drafts of each input in turn (a feed gives one per record), failures in their place."""
    reader = InputReader(options or ReadOptions(), stdin)
    try:
        for item in items:
            yield from reader.read(item)
    finally:
        reader.close()


def read_file(path: Path, source: str | None = None) -> ArticleDraft:
    """A .txt/.md article, or an .html page (main text and metadata through trafilatura)."""
    data = read_bytes(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html(data, str(path), source)
    return read_text(decode(data, str(path)), str(path), source)


class InputReader:
    """Reads one input at a time; keeps one HTTP client for all the URLs."""

    def __init__(self, options: ReadOptions, stdin: IO[Any] | None = None):
        self.options = options
        self.stdin = stdin
        self._client: Any = None

    def read(self, item: str) -> Iterator[ArticleDraft | ReadFailure]:
        origin = "<stdin>" if item == STDIN else item
        try:
            for found in self._read(item, origin):
                yield self.options.given.apply(visible_names(found)) if isinstance(found, ArticleDraft) else found
        except UnreadableText as error:
            yield ReadFailure(origin, str(error))
        except OSError as error:
            yield ReadFailure(origin, f"cannot read {origin}: {error.strerror or error}.")
        except Exception as error:  # noqa: BLE001 - odd content must never stop the other inputs
            yield ReadFailure(origin, f"cannot read {origin} ({type(error).__name__}: {error}).")

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _read(self, item: str, origin: str) -> Iterator[ArticleDraft | ReadFailure]:
        if item == STDIN:
            yield from self._from_text(self._stdin_text(), origin, self._format_of_text)
        elif is_url(item):
            yield from self._from_url(item)
        elif _SCHEME.match(item) and not Path(item).exists():
            yield ReadFailure(origin, f"cannot load {item}: only http:// and https:// URLs are fetched.")
        else:
            yield from self._from_file(Path(item))

    def _from_file(self, path: Path) -> Iterator[ArticleDraft | ReadFailure]:
        fmt = self.options.fmt if self.options.fmt != "auto" else _format_of_name(path.name)
        data = read_bytes(path, self.options.max_bytes)
        if fmt in FEED_FORMATS:
            yield from self._feed(decode(data, str(path)), str(path), fmt)
        elif fmt == "html":
            yield read_html(data, str(path), self.options.source)
        else:
            yield read_text(decode(data, str(path)), str(path), self.options.source)

    def _from_url(self, url: str) -> Iterator[ArticleDraft]:
        if self._client is None:
            self._client = new_client(self.options.timeout)
        page = fetch(url, self.options.timeout, self.options.max_bytes, self._client)
        if page.is_html:
            body: bytes | str = _decoded(page.body, page.encoding)
            yield read_html(body, url, self.options.source, page.final_url)
        else:
            draft = read_text(decode(page.body, url), url, self.options.source)
            yield _with_url(draft, page.final_url)

    def _from_text(self, text: str, origin: str, sniff) -> Iterator[ArticleDraft | ReadFailure]:
        fmt = self.options.fmt if self.options.fmt != "auto" else sniff(text)
        if fmt in FEED_FORMATS:
            yield from self._feed(text, origin, fmt)
        elif fmt == "html":
            yield read_html(text, origin, self.options.source)
        else:
            yield read_text(text, origin, self.options.source)

    def _feed(self, text: str, origin: str, fmt: str) -> Iterator[ArticleDraft | ReadFailure]:
        if self.options.given:
            raise UnreadableText(f"{origin} is a feed: a URL, date or title given for one article cannot apply to "
                                 f"its records (name their fields instead).")
        yield from read_feed(text, origin, fmt, self.options.fields, self.options.source)

    def _stdin_text(self) -> str:
        if self.stdin is None:
            raise UnreadableText("nothing to read from standard input.")
        return read_stdin(self.stdin, self.options.max_bytes)

    @staticmethod
    def _format_of_text(text: str) -> str:
        head = text.lstrip()[:1]
        if is_html(text):
            return "html"
        if head == "[":
            return "json"
        if head == "{":
            first = text.lstrip().split("\n", 1)[0]
            return "jsonl" if _parses(first) and text.strip() != first.strip() else "json"
        return "text"


def _format_of_name(name: str) -> str:
    if name.lower().endswith(HTML_SUFFIXES):
        return "html"
    return feed_format(name) or "text"


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes; one larger than ``max_bytes`` is refused without being read whole."""
    try:
        with path.open("rb") as handle:
            return read_limited(handle, str(path), max_bytes)
    except OSError as error:
        raise UnreadableText(f"cannot read {path}: {error.strerror or error}.") from error


def read_stdin(stdin: IO[Any], max_bytes: int = MAX_BYTES) -> str:
    """Standard input as text, read up to ``max_bytes`` (one byte more and it is refused: a pipe has no end)."""
    data = read_limited(getattr(stdin, "buffer", stdin), "<stdin>", max_bytes)
    return decode(data, "<stdin>") if isinstance(data, bytes) else data


def read_limited(handle: IO[Any], origin: str, max_bytes: int) -> Any:
    """At most ``max_bytes`` from ``handle``; :class:`UnreadableText` if there is more."""
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableText(f"{origin} is larger than {max_bytes / (1024 * 1024):g} MB, the limit for one input.")
    return data


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _with_url(draft: ArticleDraft, url: str) -> ArticleDraft:
    return replace(draft, url=url)


def _decoded(body: bytes, encoding: str | None) -> bytes | str:
    """The page decoded with the charset the server named; the bytes (trafilatura detects it) if none or unknown."""
    try:
        return body.decode(encoding, "replace") if encoding else body
    except LookupError:
        return body
