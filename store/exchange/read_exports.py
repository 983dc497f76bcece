"""Reading claimdesk's own exports (CSV and JSON Lines) back, to merge them into another database.

`detect_export(path)` says whether a file is one of them ("claimdesk-csv", "claimdesk-jsonl") or None;
`read_export(path, kind)` yields ExportedClaim records, streamed. Cells the CSV export neutralised (a leading
apostrophe before = + - @ tab or CR) are restored. A file that is not a claimdesk export raises StoreError.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from store.errors import StoreError
from store.exchange.export import unneutralise

EXPORT_KINDS = ("claimdesk-csv", "claimdesk-jsonl")
SIGNATURE = frozenset({"claim_id", "article_id", "article_title", "claim", "status", "reviewer", "reviewed_at"})
_HEAD_BYTES = 1 << 16


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

    @property
    def decision(self) -> tuple:
        return (self.status, self.note, self.reviewer, self.evidence)


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD_BYTES).decode("utf-8-sig", errors="replace")
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror or error}.") from error


def detect_export(path: Path) -> str | None:
    """"claimdesk-jsonl", "claimdesk-csv", or None when the file is not one of claimdesk's exports."""
    head = _head(path).lstrip()
    first = head.split("\n", 1)[0]
    if head.startswith("{"):
        try:
            record = json.loads(first)
        except json.JSONDecodeError:
            return None
        return "claimdesk-jsonl" if isinstance(record, dict) and SIGNATURE <= record.keys() else None
    if head.startswith("["):
        return None
    header = next(csv.reader([first]), [])
    return "claimdesk-csv" if SIGNATURE <= {h.strip() for h in header} else None


def read_export(path: Path, kind: str) -> Iterator[ExportedClaim]:
    if kind == "claimdesk-jsonl":
        return _read_jsonl(path)
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
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


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
    )


def _read_csv(path: Path) -> Iterator[ExportedClaim]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not SIGNATURE <= set(reader.fieldnames or ()):
                raise StoreError(f"{path.name} is not a claimdesk CSV export (its header lacks "
                                 f"{', '.join(sorted(SIGNATURE - set(reader.fieldnames or ())))}).")
            for row in reader:
                fields = {k: unneutralise(v) for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
                yield _record(reader.line_num, fields, None)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise StoreError(f"cannot read {path.name}: {error}.") from error


def _read_jsonl(path: Path) -> Iterator[ExportedClaim]:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _json_record(path, number, line)
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"cannot read {path.name}: {error}.") from error


def _json_record(path: Path, number: int, line: str) -> ExportedClaim:
    try:
        fields = json.loads(line)
    except json.JSONDecodeError as error:
        raise StoreError(f"{path.name} line {number} is not JSON: {error.msg}.") from error
    if not isinstance(fields, dict) or not SIGNATURE <= fields.keys():
        raise StoreError(f"{path.name} line {number} is not a claimdesk export record.")
    history = fields.get("history")
    entries = tuple(h for h in history if isinstance(h, dict)) if isinstance(history, list) else ()
    return _record(number, fields, entries)
