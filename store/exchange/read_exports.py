"""Reading claimdesk's own exports (CSV and JSON Lines) back, to merge them into another database.

`detect_export(path)` says whether a file is one of them ("claimdesk-csv", "claimdesk-jsonl") or None;
`read_export(path, kind, skipped)` yields ExportedClaim records, streamed, with the second review's columns when
the file has them (store.exchange.second_review). Cells the CSV export neutralised (a leading apostrophe before
= + - @ tab or CR) are restored. A file that is not a claimdesk export (binary data, a database, a compressed
file, no claimdesk header) raises StoreError with one sentence; a JSON Lines line that is broken or not a claimdesk
record is skipped, and "line N: why" is added to ``skipped``.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from store.errors import StoreError
from store.exchange.export import unneutralise
from store.exchange.record_stream import json_reason

EXPORT_KINDS = ("claimdesk-csv", "claimdesk-jsonl")
SIGNATURE = frozenset({"claim_id", "article_id", "article_title", "claim", "status", "reviewer", "reviewed_at"})
_HEAD_BYTES = 1 << 16
_MAX_INT = 1 << 63  # the database's integers are 64-bit, signed
_MAGIC = {b"SQLite format 3\x00": "a SQLite database (another claimdesk archive? export it with `claimdesk --db "
                                  "FILE export --format jsonl --with-articles` and import that file)",
          b"\x1f\x8b": "compressed (gzip): decompress it first", b"PK\x03\x04": "a ZIP archive: unpack it first",
          b"\x7fELF": "a program, not a file of verdicts"}


@dataclass(frozen=True)
class ExportedClaim:
    """One claim as an export file describes it."""

    line: int
    claim: str
    status: str
    article_title: str
    article_url: str | None = None
    article_source: str | None = None
    article_hash: str | None = None
    speaker: str | None = None
    claim_type: str | None = None
    checkworthiness: float | None = None
    note: str | None = None
    reviewer: str | None = None
    reviewed_at: str | None = None
    evidence: str | None = None
    history: tuple[dict, ...] | None = None  # None: the file has no history (CSV)
    published: str | None = None
    article_text: str | None = None  # only in exports made --with-articles
    claim_id: int | None = None  # the claim's id in the archive that exported it
    signoff: str | None = None  # the second review (files of an archive that uses it): "awaiting", "confirmed"...
    second_reviewer: str | None = None
    second_reviewed_at: str | None = None
    # What rebuilds the claim as it was (files of claimdesk before these carried fewer of them; None: not in the file)
    start: int | None = None
    end: int | None = None
    rank: int | None = None
    highlighted: bool | None = None
    cue: str | None = None
    claim_origin: str | None = None
    article_dateline: str | None = None
    article_author: str | None = None
    assigned_to: str | None = None
    assigned_at: str | None = None
    links: tuple[dict, ...] | None = None  # {earlier_id, score, kind}: earlier_id is a claim_id of the same file

    @property
    def decision(self) -> tuple:
        return (self.status, self.note, self.reviewer, self.evidence)


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(_HEAD_BYTES)
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}.") from error
    check_not_binary(path, data)
    return data.decode("utf-8-sig", errors="replace")


def looks_binary(head: bytes) -> bool:
    """Whether the first bytes of a file are binary data: NUL bytes in more than 1% of them (a program, an image,
    UTF-16 without its BOM). An export is claimdesk's own text: a stray NUL kept in a note does not make it binary
    (articles and fact-check files stay strict: one NUL and they are refused)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    nuls = head.count(b"\x00")
    return nuls > 0 and nuls * 100 >= len(head)


def check_not_binary(path: Path, data: bytes) -> None:
    """StoreError (one sentence) when the first bytes show a database, an archive, a program or other binary data."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise StoreError(f"{path.name} is {what}; it was not imported.")
    if looks_binary(data[:8192]):
        raise StoreError(f"{path.name} looks like binary data, not a file of verdicts; it was not imported.")


def _first_line(head: str) -> str:
    lines = head.splitlines()  # \n, \r\n and a lone \r all end a line
    return lines[0] if lines else ""


def detect_export(path: Path) -> str | None:
    """"claimdesk-jsonl", "claimdesk-csv", or None when the file is not one of claimdesk's exports."""
    head = _head(path).lstrip()
    first = _first_line(head)
    if head.startswith("{"):
        try:
            record = json.loads(first)
        except (json.JSONDecodeError, RecursionError):
            return None
        return "claimdesk-jsonl" if isinstance(record, dict) and SIGNATURE <= record.keys() else None
    if head.startswith("["):
        return None
    try:
        header = next(csv.reader([first]), [])
    except csv.Error:
        return None
    return "claimdesk-csv" if SIGNATURE <= {h.strip() for h in header} else None


def read_export(path: Path, kind: str, skipped: list[str] | None = None) -> Iterator[ExportedClaim]:
    _head(path)  # refuse binary data before reading it as text
    if kind == "claimdesk-jsonl":
        return _read_jsonl(path, [] if skipped is None else skipped)
    if kind == "claimdesk-csv":
        return _read_csv(path)
    raise StoreError(f"unknown export kind {kind!r}: use one of {', '.join(EXPORT_KINDS)}.")


def _optional(value: object) -> str | None:
    """The cell's text; None when it is empty or only whitespace. Deliberate: a blank note is no note, as in the
    app (the note form strips what is typed and stores nothing when it is blank), so a file's note of spaces
    reads as no note, like every other blank cell."""
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _score(value: object) -> float | None:
    """A finite number, else None (NaN and infinities name no score)."""
    try:
        number = float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and math.isfinite(number) else None


def _id(value: object) -> int | None:
    """A whole number the database can hold (63 bits), else None."""
    try:
        number = int(value) if value not in (None, "") else None
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number is not None and -_MAX_INT <= number < _MAX_INT else None


def _state(value: object) -> str | None:
    text = _optional(value)
    return text.strip().lower() if text is not None else None


def _flag(value: object) -> bool | None:
    text = str(value).strip().lower() if value is not None else ""
    return {"1": True, "true": True, "0": False, "false": False}.get(text)


def _links(value: object) -> tuple[dict, ...] | None:
    """The links of a record: JSON Lines gives a list, a CSV its JSON text; None when the file has none."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else None
        except (json.JSONDecodeError, RecursionError):
            return None
    if not isinstance(value, list):
        return None
    return tuple(link for link in value if isinstance(link, dict) and _id(link.get("earlier_id")) is not None
                 and _score(link.get("score")) is not None)


def _record(line: int, fields: dict, history: tuple[dict, ...] | None) -> ExportedClaim:
    return ExportedClaim(
        line=line,
        claim=str(fields.get("claim") or ""),
        status=str(fields.get("status") or "").strip().lower(),
        article_title=str(fields.get("article_title") or ""),
        article_url=_optional(fields.get("article_url")),
        article_source=_optional(fields.get("article_source")),
        article_hash=_optional(fields.get("article_hash")),
        speaker=_optional(fields.get("speaker")),
        claim_type=_optional(fields.get("claim_type")),
        checkworthiness=_score(fields.get("checkworthiness")),
        note=_optional(fields.get("note")),
        reviewer=_optional(fields.get("reviewer")),
        reviewed_at=_optional(fields.get("reviewed_at")),
        evidence=_optional(fields.get("evidence")),
        history=history,
        published=_optional(fields.get("published")),
        article_text=_optional(fields.get("article_text")),
        claim_id=_id(fields.get("claim_id")),
        signoff=_state(fields.get("signoff")),
        second_reviewer=_optional(fields.get("second_reviewer")),
        second_reviewed_at=_optional(fields.get("second_reviewed_at")),
        start=_id(fields.get("start")),
        end=_id(fields.get("end")),
        rank=_id(fields.get("rank")),
        highlighted=_flag(fields.get("highlighted")),
        cue=_optional(fields.get("cue")),
        claim_origin=_optional(fields.get("claim_origin")),
        article_dateline=_optional(fields.get("article_dateline")),
        article_author=_optional(fields.get("article_author")),
        assigned_to=_optional(fields.get("assigned_to")),
        assigned_at=_optional(fields.get("assigned_at")),
        links=_links(fields.get("links")),
    )


def _read_csv(path: Path) -> Iterator[ExportedClaim]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # \n, \r\n or a lone \r end a record
            reader = csv.DictReader(handle)
            if not SIGNATURE <= set(reader.fieldnames or ()):
                raise StoreError(f"{path.name} is not a claimdesk CSV export (its header lacks "
                                 f"{', '.join(sorted(SIGNATURE - set(reader.fieldnames or ())))}).")
            for row in reader:
                fields = {k: unneutralise(v) for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
                yield _record(reader.line_num, fields, None)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise StoreError(f"cannot read {path.name}: {error}.") from error


def _read_jsonl(path: Path, skipped: list[str]) -> Iterator[ExportedClaim]:
    """The records, each broken line skipped (and said in ``skipped``); StoreError when no line is a record."""
    read, before_first = 0, []  # lines skipped before the first record: an error if no record follows
    try:
        with path.open(encoding="utf-8-sig", newline="\n") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = _json_record(number, line)
                except ValueError as error:
                    (skipped if read else before_first).append(f"line {number}: {error}")
                    continue
                if not read:
                    skipped.extend(before_first)
                read += 1
                yield record
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"cannot read {path.name}: {error}.") from error
    if not read and before_first:
        first = before_first[0].removesuffix(", skipped")
        raise StoreError(f"{path.name} is not a claimdesk JSON Lines export ({first}).")


def parse_record(line: str, number: int = 0) -> ExportedClaim:
    """One record of claimdesk's JSON Lines export (a line of the file, or store.exchange.jsonl.record_lines);
    ValueError when it is not one."""
    return _json_record(number, line)


def _json_record(number: int, line: str) -> ExportedClaim:
    try:
        fields = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({json_reason(error)}), skipped") from error
    except RecursionError as error:
        raise ValueError("nested too deeply to read, skipped") from error
    if not isinstance(fields, dict) or not SIGNATURE <= fields.keys():
        raise ValueError("not a claimdesk export record, skipped")
    history = fields.get("history")
    entries = tuple(h for h in history if isinstance(h, dict)) if isinstance(history, list) else ()
    return _record(number, fields, entries)
