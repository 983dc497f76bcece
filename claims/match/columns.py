"""Per-slot columns of the match index: a frozen base read from a snapshot (memory-mapped numpy arrays) and the
slots added since, in growable arrays.

A slot below ``len(base)`` lives in the base, the rest in the tail; readers take one slot or a numpy array of
slots and never see the split. The base is never written: claims removed from it are marked in ``alive``, a
plain bytearray copied from the snapshot when it is opened.
"""

from __future__ import annotations

from array import array

import numpy as np

_DTYPES = {"q": np.int64, "Q": np.uint64, "i": np.int32, "I": np.uint32, "H": np.uint16, "B": np.uint8}


class Column:
    """One value per slot: ``base`` (read-only numpy array) followed by ``tail`` (an ``array`` of ``code``)."""

    def __init__(self, code: str, base: np.ndarray | None = None):
        self.code = code
        self.dtype = _DTYPES[code]
        self.base = np.zeros(0, dtype=self.dtype) if base is None else base
        self.tail = array(code)

    def __len__(self) -> int:
        return len(self.base) + len(self.tail)

    def __getitem__(self, slot: int) -> int:
        n = len(self.base)
        return int(self.base[slot]) if slot < n else self.tail[slot - n]

    def append(self, value: int) -> None:
        self.tail.append(value)

    def take(self, slots: np.ndarray) -> np.ndarray:
        """The values of many slots at once, in their order."""
        n = len(self.base)
        if not len(self.tail):
            return np.asarray(self.base[slots])
        tail = np.frombuffer(self.tail, dtype=self.dtype)
        if not n:
            return tail[slots]
        low = slots < n
        out = np.empty(len(slots), dtype=self.dtype)
        out[low] = self.base[slots[low]]
        out[~low] = tail[slots[~low] - n]
        return out

    def values(self) -> np.ndarray:
        """Every slot's value (a copy when there is a tail)."""
        if not len(self.tail):
            return np.asarray(self.base)
        return np.concatenate([np.asarray(self.base), np.frombuffer(self.tail, dtype=self.dtype)])


class Texts:
    """Each slot's text: a base blob with offsets (from a snapshot) followed by texts added since."""

    def __init__(self, blob: np.ndarray | None = None, offsets: np.ndarray | None = None):
        self.base_blob = np.zeros(0, dtype=np.uint8) if blob is None else blob
        self.base_offsets = np.zeros(1, dtype=np.uint64) if offsets is None else offsets
        self._base_bytes = memoryview(np.asarray(self.base_blob))  # slices without numpy's per-slice cost
        self.blob = bytearray()
        self.offsets = array("Q", [0])

    def __len__(self) -> int:
        return len(self.base_offsets) - 1 + len(self.offsets) - 1

    def __getitem__(self, slot: int) -> str:
        n = len(self.base_offsets) - 1
        if slot < n:
            start, end = int(self.base_offsets[slot]), int(self.base_offsets[slot + 1])
            return str(self._base_bytes[start:end], "utf-8")
        slot -= n
        return self.blob[self.offsets[slot] : self.offsets[slot + 1]].decode("utf-8")

    def many(self, slots: np.ndarray) -> list[str]:
        """The texts of many slots, in their order (the base's offsets read with one numpy gather)."""
        n = len(self.base_offsets) - 1
        slots = np.asarray(slots, dtype=np.int64)
        if not len(self.offsets) > 1 or (len(slots) and int(slots.max()) < n):
            starts, ends = self.base_offsets[slots].tolist(), self.base_offsets[slots + 1].tolist()
            view = self._base_bytes
            return [str(view[s:e], "utf-8") for s, e in zip(starts, ends, strict=True)]
        return [self[int(slot)] for slot in slots]

    def append(self, text: str) -> None:
        self.blob += text.encode("utf-8")
        self.offsets.append(len(self.blob))

    def all(self) -> tuple[np.ndarray, np.ndarray]:
        """The whole blob and its offsets (base and tail together), for writing a snapshot."""
        n_base = int(self.base_offsets[-1])
        tail = np.frombuffer(self.offsets, dtype=np.uint64)[1:] + np.uint64(n_base)
        if not n_base:  # one copy of the texts added (a view would stop the bytearray from growing again)
            return np.array(self.blob, dtype=np.uint8), np.concatenate([np.asarray(self.base_offsets), tail])
        blob = np.concatenate([np.asarray(self.base_blob), np.frombuffer(bytes(self.blob), dtype=np.uint8)])
        return blob, np.concatenate([np.asarray(self.base_offsets), tail])
