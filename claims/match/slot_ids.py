"""Which slot of the match index holds a claim's text, and which its title: the claim id -> slot lookup.

A claim has at most two live slots: one for its own text (kind CLAIM) and, for an imported fact-check whose
headline says more than its claim, one for that title (kind TITLE). Each kind is found the same way, with no Python
object per claim: a snapshot's base lays out the claims' slots in increasing claim id order, then the titles' the
same way, so a binary search over each run finds them; slots added since in increasing claim id order, one right
after another, form a run of the tail searched the same way (one run per kind); the few added out of order (a
replaced claim, a claim between two titles) are kept in a dict. A claim id occurs at most once in each of these, and
at most one of its slots of a kind is alive, so the first live slot found is the one.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np

from claims.match.columns import Column

CLAIM, TITLE = 0, 1
KINDS = (CLAIM, TITLE)


class SlotIds:
    """claim id -> slot, per kind, over the index's `claim_ids` and `kinds` columns and its `alive` marks."""

    def __init__(self, claim_ids: Column, kinds: Column, alive: bytearray):
        self._ids = claim_ids
        self._kinds = kinds
        self._alive = alive  # the index's own bytearray: marks written there are seen here
        n = len(claim_ids.base)
        title_from = int(np.searchsorted(np.asarray(kinds.base), TITLE)) if n else 0
        self._base = ((0, title_from), (title_from, n))  # per kind, the base slots [start, stop) of its run
        self._runs: list[list[int] | None] = [None, None]  # per kind, the tail's run [start, stop), once begun
        self._unsorted: list[dict[int, int]] = [{}, {}]

    def added(self, kind: int, claim_id: int, slot: int) -> None:
        """Record that `slot` (just appended) holds `claim_id`'s text of `kind`."""
        run = self._runs[kind]
        if run is None:
            self._runs[kind] = [slot, slot + 1]
        elif run[1] == slot and claim_id > self._ids[slot - 1]:
            run[1] += 1
        else:
            self._unsorted[kind][claim_id] = slot

    def removed(self, kind: int, claim_id: int) -> None:
        """Forget an out-of-order entry of a claim whose slot of `kind` was just marked dead (runs keep theirs)."""
        self._unsorted[kind].pop(claim_id, None)

    def find(self, kind: int, claim_id: int) -> int | None:
        """The live slot of `claim_id`'s text of `kind`, None when it has none."""
        slot = self._unsorted[kind].get(claim_id)
        if slot is not None and self._alive[slot]:
            return slot
        run = self._runs[kind]
        if run is not None:
            tail, n = self._ids.tail, len(self._ids.base)
            at = bisect_left(tail, claim_id, run[0] - n, run[1] - n)
            if at < run[1] - n and tail[at] == claim_id and self._alive[n + at]:
                return n + at
        start, stop = self._base[kind]
        if stop > start:
            base = self._ids.base[start:stop]
            at = int(np.searchsorted(base, claim_id))
            if at < len(base) and int(base[at]) == claim_id and self._alive[start + at]:
                return start + at
        return None
