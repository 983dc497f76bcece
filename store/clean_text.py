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
        return _mostly_utf8(data) or data.decode("cp1252", errors="replace")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes stays UTF-8 (each bad byte shown as �) rather than turning into Latin-1
    mojibake; text with no valid multi-byte sequence at all is taken for Latin-1/cp1252."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return text if good > bad else None


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: ESC shows as ␛, so "\x1b[31m" reads "␛[31m"
    return "\u2421" if code == 0x7F else "\ufffd"  # ␡; C1 controls have no picture


def clean(text: str) -> str:
    """Normalise line ends; show control characters (terminal escapes included) as visible symbols, so they are
    displayed literally and never reach a terminal raw (tabs and newlines stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return show_controls(text)


def show_controls(text: str) -> str:
    """Control characters other than tab, LF and CR shown as visible symbols (ESC as ␛), one for one."""
    return _CONTROLS.sub(_visible, text)


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
