"""Turning bytes from files, pipes and the web into safe text, or a clear reason why not."""

from __future__ import annotations

import codecs
import re

# ANSI CSI/OSC escape sequences, then any other C0/C1 control character except tab and newline.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ESCAPES_BYTES = re.compile(_ESCAPES.pattern.encode("ascii"))
MAX_BYTES = 20 * 1024 * 1024


class UnreadableText(ValueError):
    """The input is not text claimdesk can read; the message says why in one line."""


def decode(data: bytes, name: str = "input") -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM; refuse binary data and oversize files."""
    if len(data) > MAX_BYTES:
        mb = 1024 * 1024
        raise UnreadableText(f"{name} is {len(data) // mb} MB; the limit is {MAX_BYTES // mb} MB.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        raise UnreadableText(f"{name} looks like binary data, not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def clean(text: str) -> str:
    """Normalise line ends and drop terminal escape sequences and control characters (tabs and newlines stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def check_bytes(data: bytes, name: str = "input") -> None:
    """Refuse oversize and binary data, as :func:`decode` does, for bytes decoded elsewhere (HTML pages)."""
    if len(data) > MAX_BYTES:
        mb = 1024 * 1024
        raise UnreadableText(f"{name} is {len(data) // mb} MB; the limit is {MAX_BYTES // mb} MB.")
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in data[:8192]:
        raise UnreadableText(f"{name} looks like binary data, not text.")


def clean_field(value: object, limit: int = 300) -> str | None:
    """A one-line metadata value (title, author, date, URL): cleaned, whitespace collapsed, capped; None if empty."""
    if value is None:
        return None
    text = " ".join(clean(str(value)).split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text or None


def strip_escapes(data: bytes | str) -> bytes | str:
    """Drop terminal escape sequences from markup before it is parsed (a parser would keep their visible tail)."""
    if isinstance(data, str):
        return _ESCAPES.sub("", data)
    if b"\x1b" not in data or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data
    return _ESCAPES_BYTES.sub(b"", data)
