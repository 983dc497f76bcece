"""Match index snapshots: a frozen index written as plain numpy files, opened memory-mapped (nothing is read
until a query needs it), so a new process answers its first query without re-reading the archive.

A snapshot belongs to one archive and one moment of it: ``meta.json`` holds the archive's id, the number of the
last change of its claims the snapshot includes (the store's change journal) and that change's random tag, so a
snapshot of another archive, or of an archive restored from an older copy, is never trusted.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claims.match.storage import Base

FORMAT = 2  # 2: a per-slot "kinds" column (a claim's text or its title; claims.match.slot_ids)
_ARRAYS = ("term_hashes", "term_offsets", "postings", "blob", "offsets")


@dataclass(frozen=True)
class Stamp:
    """Which archive a snapshot is of, and up to which change of its claims."""

    archive_id: str
    seq: int
    seq_tag: int | None  # the random tag of the journal's entry `seq` (None when seq is 0)
    matcher: str  # the matcher's own version: a snapshot made by other text forms is rebuilt


def write(directory: Path, base: Base, stamp: Stamp) -> None:
    """Write the snapshot into ``directory`` (replacing one there) all at once: readers see the old or the new."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=directory.parent))
    try:
        for name in _ARRAYS:
            np.save(staging / f"{name}.npy", np.ascontiguousarray(getattr(base, name)))
        for name, values in base.columns.items():
            np.save(staging / f"column-{name}.npy", np.ascontiguousarray(values))
        meta = {"format": FORMAT, "stamp": stamp.__dict__, "speaker_names": base.speaker_names,
                "total_length": base.total_length, "columns": sorted(base.columns)}
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        _swap(staging, directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, directory: Path) -> None:
    old = None
    if directory.exists():
        old = directory.with_name(f".old-{directory.name}-{os.getpid()}")
        os.replace(directory, old)
    os.replace(staging, directory)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read(directory: Path) -> tuple[Base, Stamp] | None:
    """The snapshot in ``directory``, memory-mapped; None when there is none or it cannot be read whole."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            return None
        arrays = {name: np.load(directory / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
        columns = {name: np.load(directory / f"column-{name}.npy", mmap_mode="r") for name in meta["columns"]}
        stamp = Stamp(**meta["stamp"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    base = Base(arrays["term_hashes"], arrays["term_offsets"], arrays["postings"], columns, arrays["blob"],
                arrays["offsets"], list(meta["speaker_names"]), int(meta["total_length"]))
    return base, stamp
