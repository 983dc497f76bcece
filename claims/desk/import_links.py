"""Linking imported earlier fact-checks to the claims already loaded, so the match panel shows them.

An import stores the checks first (store.exchange.earlier_checks) and links them afterwards, in two steps:

- which loaded claims could match a new check: each check searched, with no score floor, against a matcher that
  holds only the loaded claims (its LIMIT nearest; cheap for a small import into a big archive);
- what those claims match: each is searched against the whole archive (claims.desk.match_index, the new checks
  included) exactly as a load, a rematch and the panel search it (claims.desk.rematch), and its links replaced by
  what that search shows. A loaded claim therefore shows the same earlier checks, with the same scores and
  thresholds, whether the checks were imported before its article was loaded or after. (Storing what the reverse
  search showed did not: scored against the few loaded claims, a check's common words look rare, and a claim
  about insurance was "possibly related" to 27 imported checks that mention insurance.)

Which checks were linked is recorded with the links (``claims.linked_at``, in the same short transaction), so an
import stopped in between (Ctrl-C, a kill, a crash) loses nothing: the next import (of any file) links every check
still waiting. The waiting checks are taken BATCH at a time (flat memory for archives of any size); a loaded claim
is searched once per run (the whole archive, every new check in it, is what it meets). With nothing loaded to link
them to, they are all marked linked in one statement (a later load matches its claims against them).
"""

from __future__ import annotations

from collections.abc import Iterable

from claims.desk import semantic
from claims.desk.match_index import ArchiveIndex, open_index
from claims.match.boilerplate import search_claims
from claims.match.matcher import Matcher, MatchHit
from store.interface import Archive
from store.models import IMPORTED

BATCH = 500
LIMIT = 10  # loaded claims nearest to a new check that are searched again


def link_earlier_checks(store: Archive, limit: int = LIMIT, batch: int = BATCH) -> int:
    """Link every imported check not linked yet to the loaded claims that match it; returns how many new links
    from loaded claims to imported checks were stored."""
    if not store.imported_checks_to_link(limit=1):
        return 0
    if not store.has_loaded_claims():
        store.set_all_linked()
        return 0
    nearby, boilerplate = loaded_matcher(store), store.boilerplate_ids()
    archive: ArchiveIndex | None = None
    searched: set[int] = set()
    count = 0
    while chunk := store.imported_checks_to_link(limit=batch):
        semantic.remember(nearby, store, chunk)  # the checks' stored vectors: none is embedded twice
        near = sorted(near_claims(nearby, store, chunk, boilerplate, limit) - searched)
        if near:
            archive = open_index(store) if archive is None else _caught_up(archive, store)
        links = {claim_id: matches(archive, store, claim_id, boilerplate) for claim_id in near}
        had = {claim_id: set(store.linked_ids(claim_id)) for claim_id in near}
        with store.transaction():
            for claim_id, hits in links.items():
                store.replace_links(claim_id, [(hit.claim_id, hit.score, hit.kind) for hit in hits])
            store.set_linked(chunk)
        count += sum(_new_to_checks(store, hits, had[claim_id]) for claim_id, hits in links.items())
        searched.update(near)
    return count


def loaded_matcher(store: Archive) -> Matcher:
    """A matcher over the loaded claims only (semantic when the archive's is), to find those near a new check."""
    matcher = Matcher()
    loaded = list(store.claim_texts(origin_not=IMPORTED))
    matcher.add_many(loaded)
    semantic.attach(matcher, store, [row[0] for row in loaded])
    return matcher


def near_claims(nearby: Matcher, store: Archive, check_ids: Iterable[int], boilerplate: set[int],
                limit: int) -> set[int]:
    """The loaded claims among the `limit` nearest to any of these checks (no score floor)."""
    found: set[int] = set()
    for claim in store.indexed_claims(list(check_ids)):  # a query per batch, not per check
        hits = search_claims(nearby, claim.text, boilerplate, limit=limit, min_score=0.0)
        found.update(hit.claim_id for hit in hits)
    return found


def matches(archive: ArchiveIndex | None, store: Archive, claim_id: int, boilerplate: set[int]) -> list[MatchHit]:
    """What the loaded claim matches in the whole archive, as a load or a rematch stores it (nothing for a claim
    deleted or marked boilerplate since)."""
    claim = store.desk_claim(claim_id)
    if archive is None or claim.deleted_at is not None or claim_id in boilerplate:
        return []
    return search_claims(archive.matcher, claim.text, boilerplate, exclude_article_id=claim.article_id)


def _caught_up(archive: ArchiveIndex, store: Archive) -> ArchiveIndex:
    archive.catch_up(store)  # claims changed meanwhile (a reviewer's edit in the app) are searched as they are now
    return archive


def _new_to_checks(store: Archive, hits: list[MatchHit], had: set[int]) -> int:
    """The links among `hits` that are new (not in `had`) and go to an imported check."""
    return sum(hit.claim_id not in had and store.claim(hit.claim_id).origin == IMPORTED for hit in hits)
