"""The CLI's progress on stderr (tui.cli.progress), for bytes read and for claims counted: a plain line every 10%
when piped (never the 100% line: the summary follows), a bar on a terminal that is gone at the end."""

from __future__ import annotations

import io
import sys

import pytest

from tui.cli.progress import BYTES, ProgressBar


class Terminal(io.StringIO):
    """stderr as a terminal would be (what rich writes there is kept to read)."""

    def isatty(self) -> bool:
        return True


def test_bytes_read_piped_say_the_share_read_every_tenth(capsys):
    with ProgressBar("importing checks.csv", 1_000, unit=BYTES) as progress:
        for done in (50, 100, 150, 420, 430, 999, 1_000):
            progress.update(done)
    assert capsys.readouterr().err.splitlines() == [
        "progress importing checks.csv: 10% read",
        "progress importing checks.csv: 40% read",
        "progress importing checks.csv: 90% read",
    ]


def test_claims_counted_piped_say_how_many_of_how_many(capsys):
    with ProgressBar("embedding", 2_500) as progress:
        for _ in range(5):
            progress.advance(500)
    assert progress.done == 2_500
    assert capsys.readouterr().err.splitlines() == [
        "progress embedding: 20% (500 of 2,500 claims)",
        "progress embedding: 40% (1,000 of 2,500 claims)",
        "progress embedding: 60% (1,500 of 2,500 claims)",
        "progress embedding: 80% (2,000 of 2,500 claims)",
    ]


@pytest.mark.parametrize(("unit", "total", "shown"), [(BYTES, 2_000_000, "1.0/2.0 MB"), ("claims", 1_000, "500/1000")])
def test_on_a_terminal_a_bar_shows_the_amount_in_its_unit_and_is_gone_at_the_end(monkeypatch, unit, total, shown):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with ProgressBar("working", total, unit=unit) as progress:
        progress.update(total // 2)
    written = terminal.getvalue()
    assert shown in written and "working" in written and "progress working" not in written
    assert written.endswith("\x1b[2K")  # the bar's line erased
