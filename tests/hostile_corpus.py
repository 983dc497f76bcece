"""A corpus of hostile and broken article files, written on demand (nothing big is committed).

Each Case is a file name, its bytes, and what claimdesk must do with it: load it and show ``literal`` exactly
(markup and escapes as visible text), or refuse it with a one-line reason containing ``reason``.
``python -m tests.hostile_corpus DIR`` writes the corpus into DIR to try by hand (with the 50 MB file).
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

DATELINE = "PORT ELLIS, May 2 (Harbour Wire) - "
HUGE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    literal: str | None = None  # loaded: this text is stored and shown exactly
    reason: str | None = None  # refused: the one-line reason holds this

    @property
    def loads(self) -> bool:
        return self.reason is None


def article(title: str, body: str) -> str:
    return f"{title}\n\n{DATELINE}{body} The flood forced 6,000 people from their homes, officials said.\n"


def _cases() -> list[Case]:
    markup = "[bold]4,000[/] homes [link=https://evil.example]flooded[/link] [@click=app.quit]click[/] [red]x[/]"
    utf8_with_bad_bytes = ("Café owners in Zürich said 40 shops closed – ".encode() + b"\xc3\x28\xff"
                           + b" the mayor said 12 000 crowns were lost.")
    return [
        Case("markup.txt", article("Mayor [bold]denies[/] cuts", f"The mayor said {markup}.").encode(),
             literal=markup),
        Case("markup-title.txt", article("[@click=app.quit]Click me[/] [b]now[/b]", "The port handled 4 "
                                         "million boxes, officials said.").encode(),
             literal="[@click=app.quit]Click me[/] [b]now[/b]"),
        Case("ansi.txt", article("Port \x1b[31mrecord\x1b[0m", "The port handled \x1b[1;31m4 million\x1b[0m "
                                 "boxes, officials said.").encode(), literal="␛[1;31m4 million␛[0m"),
        Case("osc.txt", article("Title \x1b]0;pwned\x07 set", "See \x1b]8;;https://evil.example\x1b\\this "
                                "link\x1b]8;;\x1b\\ where 9 ships docked, officials said.").encode(),
             literal="␛]8;;https://evil.example␛\\this link"),
        Case("controls.txt", article("Bell\x07 and backspace\x08", "The\x01 port\x0b handled\x0c 4\x7f million"
                                     "\x1b boxes\x9b, officials said.").encode(), literal="The␁ port␋ handled␌"),
        Case("nul.txt", article("Nul", "The dam\x00 will cost 4.2 billion crowns, the ministry said.").encode(),
             reason="binary"),
        Case("invalid-utf8.txt", b"Cafe closures\n\n" + DATELINE.encode() + utf8_with_bad_bytes, literal="Zürich"),
        Case("utf16-bom.txt", article("Łódź schools", "The minister said 300 schools closed in Łódź.")
             .encode("utf-16"), literal="closed in Łódź"),
        Case("latin1.txt", article("Cafés fermés", "Le maire a dit que 3 000 cafés ont fermé.").encode("latin-1"),
             literal="cafés ont fermé"),
        Case("binary.txt", random.Random(3).randbytes(6000), reason="binary"),
        Case("empty.txt", b"", reason="empty"),
        Case("blank.txt", b"\n \n\t\n", reason="empty"),
        Case("rtl.txt", article("עדכון \u202eevil\u202c", "قال الوزير إن 300 مدرسة أغلقت. "
                                "השר אמר כי 40 בתי ספר נסגרו.").encode(), literal="قال الوزير إن 300 مدرسة أغلقت."),
        Case("zero-width.txt", article("Zero\u200bwidth", "The port\u200b handled 4\u200d000 boxes\ufeff, "
                                       "officials said.").encode(), literal="The port\u200b handled 4\u200d000"),
        Case("emoji.txt", article("🚢 Port record", "The port 🚢 handled 4 million 📦 boxes, 👩🏽‍🚒 officials "
                                  "said.").encode(), literal="4 million 📦 boxes, 👩🏽‍🚒 officials"),
        Case("combining.txt", article("Zu\u0308rich", "The mayor of Zu\u0308rich said 3\u0301 000 people "
                                      "left.").encode(), literal="Zu\u0308rich said 3\u0301 000"),
    ]


CASES = _cases()
HUGE = Case("huge.txt", b"", reason="limit")


def write_corpus(folder: Path, huge: bool = True) -> list[Case]:
    """Write every case into ``folder`` (the 50 MB file too, unless ``huge`` is False); returns the cases."""
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (folder / case.name).write_bytes(case.data)
    if not huge:
        return list(CASES)
    line = b"The port handled 4 million boxes, officials said. " * 20 + b"\n"
    with (folder / HUGE.name).open("wb") as out:
        for _ in range(HUGE_BYTES // len(line) + 1):
            out.write(line)
    return [*CASES, HUGE]


if __name__ == "__main__":
    for case in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")):
        print(case.name, "loads" if case.loads else f"refused ({case.reason})")
