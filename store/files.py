"""Writing an output file (an export, a backup) without harming what the path names.

- A regular file (or a new one) is written through ``<name>.partial`` next to it and renamed into place once
  complete, so a failed write never leaves half a file under the name; a file that was there keeps its mode.
- A symbolic link is followed: its target is what gets written (the link stays a link).
- A device, a FIFO or a socket is written straight through (``> /dev/null``, a named pipe a reader waits on);
  it is never replaced by a file.
- A folder is refused. Every write error (a full disk, ``/dev/full``) is a StoreError, never a silent success.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from store.errors import StoreError


def resolve_target(path: Path) -> Path:
    """The file a write to ``path`` should change: the target of a symbolic link, else the path itself."""
    path = Path(path).expanduser()
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def is_special(path: Path) -> bool:
    """Whether ``path`` exists and is a device, a FIFO or a socket (written through, never replaced)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def check_target(path: Path) -> Path:
    """The resolved target, or StoreError (one sentence) when it cannot be written."""
    target = resolve_target(path)
    if target.is_dir():
        raise StoreError(f"{path} is a folder; give a file name to write to.")
    if not is_special(target) and not target.parent.is_dir():
        raise StoreError(f"cannot write {path}: the folder {target.parent} does not exist.")
    return target


def _error(path: Path, error: OSError) -> StoreError:
    return StoreError(f"cannot write {path}: {error.strerror or error}.")


@contextlib.contextmanager
def text_output(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream that ends up in ``path`` (see the module docstring); StoreError if anything fails."""
    target = check_target(path)
    if is_special(target):
        try:
            with target.open("w", encoding=encoding, newline="") as out:
                yield out
        except OSError as error:
            raise _error(path, error) from error
        return
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding=encoding, newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        place(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise _error(path, error) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def place(partial: Path, target: Path) -> None:
    """Rename the finished ``partial`` onto ``target``, giving it the mode of the file it replaces."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(partial, stat.S_IMODE(target.stat().st_mode))
    os.replace(partial, target)
