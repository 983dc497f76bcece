"""Snapshots of the main screens at fixed sizes, on the fixed-clock review database of conftest.py.

Regenerate after a deliberate change of look:  .venv/bin/python -m pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

SCREENS = [
    pytest.param((), (100, 30), id="article-list-100x30"),
    pytest.param(("down", "enter"), (100, 30), id="article-with-match-100x30"),
    pytest.param(("down", "enter"), (80, 24), id="article-with-match-80x24"),
    pytest.param(("enter", "d", "f"), (100, 30), id="after-verdict-and-flag-100x30"),
    pytest.param(("s",), (100, 30), id="statistics-100x30"),
    pytest.param(("down", "enter", "question_mark"), (100, 30), id="help-100x30"),
    pytest.param(("slash", *"flood"), (100, 30), id="search-100x30"),
    pytest.param(("down", "enter", "e", "shift+left"), (80, 24), id="select-mode-80x24"),
    pytest.param((), (80, 24), id="article-list-80x24"),
    pytest.param(("f", "tab", *"2026", "enter"), (80, 24), id="article-list-filtered-80x24"),  # two-line header
    pytest.param((), (200, 50), id="article-list-200x50"),
    pytest.param(("c",), (80, 24), id="claim-list-80x24"),
    pytest.param(("c",), (200, 50), id="claim-list-200x50"),
]


async def settled(pilot) -> None:
    """Wait for workers (the search runs in one) and the redraw after them."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize(("keys", "size"), SCREENS)
def test_screen_looks_as_before(snap_compare, make_app, keys, size):
    async def press_then_settle(pilot) -> None:
        await pilot.press(*keys)
        await settled(pilot)

    assert snap_compare(make_app(), run_before=press_then_settle, terminal_size=size)
