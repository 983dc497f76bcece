"""Reading files of earlier fact-checks record by record, in flat memory, whatever their size.

- `open_text(path)`: the file as a text stream (UTF-8 with or without a BOM, UTF-16 with a BOM, else cp1252 when
  the start is not UTF-8), after refusing binary data; `bytes_read()` tells a progress bar how far it got.
- `csv_table(stream)`: the header, and (line number, cells) per row; the delimiter (comma or tab) from the header.
- `json_records(path)`: (where, object) per record of JSON Lines (a broken line is reported and skipped), of a
  top-level JSON list (streamed element by element, so a list of any size reads in flat memory; a list broken or
  cut off after its first element keeps the elements before, and says in ``skipped`` what was not read), or of
  one JSON object (``@graph`` and Fact Check Tools ``claims`` lists included). One object larger than MAX_DOCUMENT_BYTES
  is refused, with a sentence advising JSON Lines or a list: it cannot be read without holding it whole.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from store.errors import StoreError

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_CHUNK = 1 << 16
_DECODER = json.JSONDecoder()
csv.field_size_limit(16 * 1024 * 1024)  # a long review text in one cell is still one cell


class RecordFileError(StoreError, ValueError):
    """The file cannot be read as records; the message says why in one line."""


class TextFile(io.TextIOWrapper):
    """A text stream over a binary file that knows how many bytes it has read (for a progress bar)."""

    def bytes_read(self) -> int:
        return self.buffer.tell()


def open_text(path: Path) -> TextFile:
    """The file as text; RecordFileError for a missing, unreadable or binary file."""
    try:
        raw = path.open("rb")
    except OSError as error:
        raise RecordFileError(f"cannot read {path.name}: {error.strerror or error}.") from error
    head = raw.read(8192)
    raw.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in head:
        raw.close()
        raise RecordFileError(f"{path.name} looks like binary data, not text.")
    else:
        encoding = "utf-8-sig" if _utf8ish(head) else "cp1252"
    return TextFile(raw, encoding=encoding, errors="replace", newline="")


def _utf8ish(head: bytes) -> bool:
    """Whether the file's start reads as UTF-8 (a multi-byte character cut at the end of the sample is fine)."""
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3 or _mostly_utf8(head)


def _mostly_utf8(head: bytes) -> bool:
    text = head.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return sum(1 for ch in text if ord(ch) > 127) - bad > bad


def first_text(path: Path) -> str:
    """The first non-blank characters of the file (to tell JSON from CSV)."""
    with open_text(path) as stream:
        return stream.read(4096).lstrip("\ufeff \t\r\n")[:1]


def csv_table(stream: TextFile, name: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (BOMs and surrounding spaces removed) and an iterator of (line, cells) per data row."""
    first = stream.readline()
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(_chain(first, stream), delimiter=delimiter)
    try:
        header = [cell.replace("\ufeff", "").strip() for cell in next(reader, [])]
    except csv.Error as error:
        raise RecordFileError(f"{name} line 1 cannot be read as CSV ({error}).") from error
    return header, _rows(reader, name)


def _rows(reader, name: str) -> Iterator[tuple[int, list[str]]]:
    try:
        for row in reader:
            if row:
                yield reader.line_num, row
    except csv.Error as error:
        raise RecordFileError(f"{name} line {reader.line_num} cannot be read as CSV ({error}).") from error


def _chain(first: str, rest: io.TextIOBase) -> Iterator[str]:
    yield first
    yield from rest


def json_records(path: Path, skipped: list[str],
                 progress: Callable[[int], None] | None = None) -> Iterator[tuple[str, object]]:
    """(where, value) per top-level JSON value (or element of a top-level list); lines passed over are added to
    ``skipped``; ``progress`` is told the bytes read every 1,000 values."""
    with open_text(path) as stream:
        for number, found in enumerate(_json_values(path, stream, skipped)):
            yield found
            if progress is not None and number % 1000 == 0:
                progress(stream.bytes_read())


def _json_values(path: Path, stream: TextFile, skipped: list[str]) -> Iterator[tuple[str, object]]:
    start = stream.read(_CHUNK)
    body = start.lstrip("\ufeff \t\r\n")
    if _first_line_is_json(body):
        yield from _json_lines(_chain(start, stream), path.name, skipped)
    elif body.startswith("["):
        yield from _json_list(body[1:], stream, path.name, skipped)
    elif path.stat().st_size > MAX_DOCUMENT_BYTES:
        yield from _json_lines(_chain(start, stream), path.name, skipped, big=True)
    else:
        text = start + stream.read()
        try:
            value = json.loads(text.lstrip("\ufeff"))
        except RecursionError as error:
            raise RecordFileError(f"{path.name} is nested too deeply to read.") from error
        except json.JSONDecodeError:
            yield from _json_lines(io.StringIO(text, newline=""), path.name, skipped)
            return
        yield "record", value


def _first_line_is_json(body: str) -> bool:
    line = body.split("\n", 1)[0].strip()
    if not line.startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _json_lines(chunks, name: str, skipped: list[str], big: bool = False) -> Iterator[tuple[str, object]]:
    bad: list[str] = []
    found = False
    for number, line in enumerate(_split_lines(chunks, name), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            bad.append(f"line {number}: not JSON ({json_reason(error)}), skipped")
            continue
        except RecursionError:
            bad.append(f"line {number}: nested too deeply to read, skipped")
            continue
        found = True
        skipped.extend(bad)
        bad = []
        yield f"line {number}", value
    if not found:
        where = bad[0].split(":", 1)[0] if bad else "line 1"
        if big:
            raise RecordFileError(f"{name} is one JSON object of more than {MAX_DOCUMENT_BYTES // 2**20} MB, too "
                                  "big to read whole: write it as JSON Lines (one ClaimReview a line) or as a list.")
        raise RecordFileError(f"{name} is neither JSON nor JSON Lines ({where}).")
    skipped.extend(bad)


def _split_lines(chunks, name: str = "the file") -> Iterator[str]:
    """Lines of a text given in pieces (a piece may hold many lines or part of one); \\n, \\r\\n, \\r end them. A line
    longer than MAX_DOCUMENT_BYTES is refused before it is held whole."""
    pending = ""
    for piece in chunks:
        pending += piece
        lines = pending.splitlines(keepends=True)
        pending = lines.pop() if lines and not lines[-1].endswith(("\n", "\r")) else ""
        if len(pending) > MAX_DOCUMENT_BYTES:
            raise RecordFileError(f"{name} holds one JSON value of more than {MAX_DOCUMENT_BYTES // 2**20} MB, too "
                                  "big to read whole: write it as JSON Lines (one ClaimReview a line) or as a list.")
        yield from (line.rstrip("\r\n") for line in lines)
    if pending:
        yield pending


def _json_list(buffer: str, stream: io.TextIOBase, name: str, skipped: list[str]) -> Iterator[tuple[str, object]]:
    """The elements of a top-level JSON list, decoded one at a time from a buffer refilled as needed. A list
    broken (or cut off) after its first record keeps the records before: what was not read is added to
    ``skipped`` (a list cannot be read on past a broken element)."""
    number = 0
    while True:
        buffer = _refill(buffer.lstrip(" \t\r\n"), stream)
        if not buffer:
            if not number:
                raise RecordFileError(f"{name} ends inside its JSON list, before any record.")
            skipped.append(f"the file ends inside its JSON list, after record {number}")
            return
        if buffer[0] == "]":
            return
        if buffer[0] == "," and number:
            buffer = buffer[1:]
            continue
        number += 1
        try:
            value, buffer = _decode_one(buffer, stream, name, number)
        except _BrokenRecord as broken:
            if number == 1:
                raise RecordFileError(f"{name} record 1 is not JSON ({broken.reason}).") from broken
            skipped.append(f"record {number}: the file ends inside it ({broken.reason})" if broken.at_end else
                           f"record {number}: not JSON ({broken.reason}); it and the rest of the list were not read")
            return
        yield f"record {number}", value


class _BrokenRecord(ValueError):
    """An element of a JSON list that does not decode; ``at_end`` when the file ends inside it."""

    def __init__(self, reason: str, at_end: bool) -> None:
        super().__init__(reason)
        self.reason, self.at_end = reason, at_end


def json_reason(error: json.JSONDecodeError) -> str:
    """The decoder's reason as a whole phrase ("Unterminated string starting at" -> "unterminated string")."""
    reason = error.msg.removesuffix(" starting at").removesuffix(" at")
    return reason[:1].lower() + reason[1:]


def _refill(buffer: str, stream: io.TextIOBase) -> str:
    while len(buffer) < 2 and (more := stream.read(_CHUNK)):
        buffer = (buffer + more).lstrip(" \t\r\n")
    return buffer


def _decode_one(buffer: str, stream: io.TextIOBase, name: str, number: int) -> tuple[object, str]:
    """One JSON value from the start of ``buffer``, reading more of the stream while the value runs past it;
    _BrokenRecord when it does not decode."""
    while True:
        more = ""
        try:
            value, end = _DECODER.raw_decode(buffer)
            if end < len(buffer) or not (more := stream.read(_CHUNK)):
                return value, buffer[end:]
        except RecursionError as error:
            raise RecordFileError(f"{name} record {number} is nested too deeply to read.") from error
        except json.JSONDecodeError as error:
            cut = error.pos >= len(buffer) - 1 or error.msg.startswith("Unterminated string")
            if not cut or len(buffer) > MAX_DOCUMENT_BYTES or not (more := stream.read(_CHUNK)):
                at_end = cut and not more and len(buffer) <= MAX_DOCUMENT_BYTES
                raise _BrokenRecord(json_reason(error), at_end) from error
        buffer += more
