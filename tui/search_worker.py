"""The body of a debounced search worker: wait for the reader to stop typing, then query with its own store.

Screens run it inside ``@work(thread=True, exclusive=True)``: a newer key starts a new worker and cancels the
running one, so a search that was overtaken never reaches the screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.worker import get_current_worker

from store import Store


def query_after_pause(db_path: Path, wait: float, query: Callable[[Store], list]) -> tuple[list, str | None] | None:
    """``(rows, None)``, ``([], "what failed")``, or None when a newer search cancelled this one."""
    worker = get_current_worker()
    time.sleep(wait)  # debounce: a key typed meanwhile cancels this worker
    if worker.is_cancelled:
        return None
    try:
        with Store(db_path) as store:  # its own connection: this runs in a thread
            rows = query(store)
    except Exception as error:  # noqa: BLE001 - a failed search is reported, the app stays up
        return [], f"{type(error).__name__}: {error}"
    return None if worker.is_cancelled else (rows, None)
