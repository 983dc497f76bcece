"""Linking imported earlier fact-checks to the claims already loaded, so the match panel shows them.

An import stores the checks first (store.exchange.earlier_checks) and links them afterwards. Which checks were
linked is recorded with their links (``claims.linked_at``, in the same transaction), so an import stopped in
between (Ctrl-C, a kill, a crash) loses nothing: the next import (of any file) links every check still waiting.
The waiting checks are taken BATCH at a time (flat memory for archives of any size), their texts read in one query,
their links written with one statement on PostgreSQL (store.claims.insert_links); with nothing loaded to
link them to, they are all marked linked in one statement (a later load matches its claims against them).
"""

from __future__ import annotations

from claims.desk import semantic
from claims.match.boilerplate import search_claims
from claims.match.matcher import Matcher
from store.interface import Archive
from store.models import IMPORTED

BATCH = 500


def link_earlier_checks(store: Archive, limit: int = 10, batch: int = BATCH) -> int:
    """Link every imported check not linked yet to the loaded claims it matches; returns the links stored."""
    if not store.imported_checks_to_link(limit=1):
        return 0
    if not store.has_loaded_claims():
        store.set_all_linked()
        return 0
    matcher = Matcher()
    loaded = list(store.claim_texts(origin_not=IMPORTED))
    matcher.add_many(loaded)
    semantic.attach(matcher, store, [row[0] for row in loaded])  # the same model as every other match, if on
    count, boilerplate = 0, store.boilerplate_ids()
    while chunk := store.imported_checks_to_link(limit=batch):
        semantic.remember(matcher, store, chunk)  # the checks' stored vectors: none is embedded twice
        texts = {claim.id: claim.text for claim in store.indexed_claims(chunk)}  # a query per batch, not per check
        links = [(hit.claim_id, check_id, hit.score, hit.kind) for check_id in chunk
                 for hit in search_claims(matcher, texts.get(check_id) or store.claim(check_id).text, boilerplate,
                                          limit=limit)]
        with store.transaction():  # the links and the mark together (matched before: the lock is held briefly)
            store.insert_links(links)
            store.set_linked(chunk)
        count += len(links)
    return count
