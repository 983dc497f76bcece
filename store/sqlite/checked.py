"""Remembering, between processes, which database files were found whole, so a command on a large archive does
not read every page (``PRAGMA quick_check``: seconds at 10^6 claims) before it answers.

After claimdesk used a file it had checked (or found vouched for), closing it records the file's state: inode,
size and modification time of the database and of its ``-wal``. The next process trusts the file without a
check only when that state is unchanged, so a file anything else wrote, replaced, truncated or damaged since is
checked again. The record is a small JSON file in the user's cache folder (``$CLAIMDESK_CACHE_DIR``, else
platformdirs' user cache directory); losing it only costs the next command a check.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

ENV_CACHE = "CLAIMDESK_CACHE_DIR"
_MAX_FILES = 200


def _record_path() -> Path:
    folder = os.environ.get(ENV_CACHE) or platformdirs.user_cache_dir("claimdesk")
    return Path(folder) / "checked-databases.json"


def file_state(path: Path) -> list[int] | None:
    """Inode, size and modification time of the database and its -wal (None when it cannot be read)."""
    try:
        main = path.stat()
        wal = path.with_name(path.name + "-wal")
        wal_state = wal.stat() if wal.exists() else None
    except OSError:
        return None
    return [main.st_ino, main.st_size, main.st_mtime_ns,
            wal_state.st_size if wal_state else -1, wal_state.st_mtime_ns if wal_state else -1]


def _records() -> dict[str, list[int]]:
    try:
        data = json.loads(_record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def vouched(path: Path) -> bool:
    """Whether claimdesk found this file whole and nothing changed it since."""
    state = file_state(path)
    return state is not None and _records().get(str(path.resolve())) == state


def vouch(path: Path) -> None:
    """Record the file's present state as whole (after claimdesk checked it and wrote only through SQLite)."""
    state = file_state(path)
    if state is None:
        return
    records = _records()
    records.pop(str(path.resolve()), None)
    records[str(path.resolve())] = state
    target = _record_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(dict(list(records.items())[-_MAX_FILES:])), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        return
