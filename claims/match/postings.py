"""The postings of a match index in their frozen form (CSR: terms keyed by a stable hash, each term's slots end to
end), read a term at a time; and the index made into one frozen base (claims.match.index.MatchIndex.frozen): live
postings merged into CSR form, and the slots' texts as one blob.
"""

from __future__ import annotations

import hashlib
from array import array

import numpy as np

from claims.match.columns import Texts

_NO_SLOTS = np.zeros(0, dtype=np.int32)

CSR = tuple[np.ndarray, np.ndarray, np.ndarray]  # sorted term hashes (uint64), term offsets (int64), slots (int32)


def term_hash(term: str) -> int:
    """A stable 64-bit hash of a term (Python's own hash() changes from one process to the next)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


def csr_slots(csr: CSR, term: str) -> np.ndarray:
    """The slots that have `term` in postings of CSR form (none when the term is not there)."""
    hashes, offsets, postings = csr
    key = np.uint64(term_hash(term))
    at = int(np.searchsorted(hashes, key))
    if at >= len(hashes) or hashes[at] != key:
        return _NO_SLOTS
    return postings[int(offsets[at]) : int(offsets[at + 1])]


def merged_postings(base: CSR | None, term_ids: dict[str, int], tail: list[array], remap: np.ndarray) -> CSR:
    """Base and tail postings as one CSR (sorted term hashes, offsets, slots), slots renumbered by ``remap``
    (-1: dropped)."""
    hashes, slots = [], []
    if base is not None and len(base[2]):  # the base's (term hashes, term offsets, postings)
        hashes.append(np.repeat(base[0], np.diff(base[1])))
        slots.append(np.asarray(base[2], dtype=np.int64))
    for term, term_id in term_ids.items():
        if len(tail[term_id]):
            hashes.append(np.full(len(tail[term_id]), term_hash(term), dtype=np.uint64))
            slots.append(np.frombuffer(tail[term_id], dtype=np.int32).astype(np.int64))
    if not hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64), _NO_SLOTS
    all_hashes, all_slots = np.concatenate(hashes), remap[np.concatenate(slots)]
    keep = all_slots >= 0
    all_hashes, all_slots = all_hashes[keep], all_slots[keep]
    order = np.lexsort((all_slots, all_hashes))
    all_hashes, all_slots = all_hashes[order], all_slots[order].astype(np.int32)
    unique, counts = np.unique(all_hashes, return_counts=True)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return unique, offsets, all_slots


def postings_in_order(term_ids: dict[str, int], tail: list[array], remap: np.ndarray) -> CSR | None:
    """`merged_postings` for an index without a base whose ``remap`` keeps the slots' order: each term's postings
    are already in slot order, so they are laid end to end in the order of the terms' hashes, with no array per
    posting (at 10^6 claims, a build's peak memory falls by more than half). None when two terms share a hash (the
    general merge joins them)."""
    terms = [term for term, term_id in term_ids.items() if len(tail[term_id])]
    hashes = np.fromiter((term_hash(t) for t in terms), dtype=np.uint64, count=len(terms))
    order = np.argsort(hashes, kind="stable")
    hashes = hashes[order]
    if len(hashes) > 1 and not np.all(hashes[1:] > hashes[:-1]):
        return None
    chosen = [tail[term_ids[terms[n]]] for n in order.tolist()]
    counts = np.fromiter(map(len, chosen), dtype=np.int64, count=len(chosen))
    postings = np.empty(int(counts.sum()), dtype=np.int32)
    at = 0
    for found in chosen:
        postings[at : at + len(found)] = np.frombuffer(found, dtype=np.int32)
        at += len(found)
    kept = postings if len(remap) and np.array_equal(remap, np.arange(len(remap))) else remap[postings]
    if len(kept) and int(kept.min()) < 0:  # removed claims' postings out; the order of the rest is kept
        live = kept >= 0
        counts = np.add.reduceat(live.astype(np.int64), np.concatenate([[0], np.cumsum(counts)[:-1]]))
        kept, keep_terms = kept[live], counts > 0
        hashes, counts = hashes[keep_terms], counts[keep_terms]
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return hashes, offsets, kept.astype(np.int32)


def gathered_texts(texts: Texts, slots: np.ndarray, chunk: int = 65_536) -> tuple[np.ndarray, np.ndarray]:
    """The texts of ``slots``, in that order, as one UTF-8 blob and its offsets (gathered a chunk at a time; taken
    as they are when ``slots`` is every slot in order)."""
    blob, offsets = texts.all()
    if len(slots) == len(offsets) - 1 and (not len(slots) or (slots[0] == 0 and np.all(np.diff(slots) == 1))):
        return blob, np.asarray(offsets, dtype=np.uint64)
    starts, ends = offsets[slots].astype(np.int64), offsets[slots + 1].astype(np.int64)
    sizes = ends - starts
    new_offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.uint64)
    parts = []
    for at in range(0, len(slots), chunk):
        s, z = starts[at : at + chunk], sizes[at : at + chunk]
        within = np.arange(int(z.sum())) - np.repeat(np.cumsum(z) - z, z)
        parts.append(blob[np.repeat(s, z) + within])
    return (np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint8)), new_offsets
