"""The archive's match index, kept between processes: opened from its snapshot and brought up to date with the
claims changed since, never rebuilt from the whole archive unless the snapshot is missing or cannot be trusted.
It holds every live claim's text and, for an imported fact-check whose headline is not its claim, that title as a
second text of the claim (never a loaded article's title).

Snapshots live in the user's cache folder (``$CLAIMDESK_INDEX_DIR``, else ``match-index/`` in platformdirs'
user cache directory), one folder per archive id: the database itself is never written by a read. A snapshot
is trusted when it belongs to this archive, was made by this matcher version, and the store's change journal
still holds, at the snapshot's change number, the random tag it recorded (an archive restored from an older copy,
or another archive with a copied id, fails that). A failed snapshot write only costs the next process a rebuild.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir

from claims.desk import semantic
from claims.match import snapshot
from claims.match.matcher import Matcher, Thresholds
from store.interface import Archive

INDEX_DIR_ENV = "CLAIMDESK_INDEX_DIR"
MATCHER_VERSION = "lexical-2"  # bump when the matcher's text forms change: older snapshots are rebuilt (2: titles)
REFRESH_AT = 20_000  # claims changed since the snapshot from which a new snapshot is written
log = logging.getLogger(__name__)


@dataclass
class ArchiveIndex:
    """A matcher over the whole archive and the last change of the archive it includes."""

    matcher: Matcher
    seq: int
    directory: Path | None

    def catch_up(self, store: Archive) -> int:
        """Apply the claims changed since ``seq`` (by anyone); returns how many claims were re-read."""
        changed, latest = store.changed_since(self.seq)
        _apply(self.matcher, store, changed)
        semantic.refresh(self.matcher, store, changed)
        self.seq = latest
        return len(changed)

    def save_if_grown(self, store: Archive, at_least: int = REFRESH_AT) -> bool:
        """Write a new snapshot when enough claims changed since the last one (after a load or an import)."""
        if self.directory is None or self.matcher.changed_since_base < at_least:
            return False
        self.catch_up(store)
        return _save(self.matcher, store, self.seq, self.directory)


def index_root() -> Path:
    return Path(os.environ.get(INDEX_DIR_ENV) or Path(user_cache_dir("claimdesk")) / "match-index")


def open_index(store: Archive, thresholds: Thresholds | None = None) -> ArchiveIndex:
    """The archive's matcher: from its snapshot plus the changes since, else built once and snapshotted; matching
    with sentence embeddings when every claim has its vector (claims.desk.semantic)."""
    archive_id = store.archive_id()
    directory = index_root() / archive_id if archive_id else None
    found = snapshot.read(directory) if directory else None
    if found is not None and _trusted(found[1], store, archive_id):
        base, stamp = found
        index = ArchiveIndex(Matcher(thresholds, base=base), stamp.seq, directory)
        index.catch_up(store)
        index.save_if_grown(store)
    else:
        index = _rebuilt(store, thresholds, directory)
    semantic.attach(index.matcher, store)
    return index


def _trusted(stamp: snapshot.Stamp, store: Archive, archive_id: str) -> bool:
    if stamp.archive_id != archive_id or stamp.matcher != MATCHER_VERSION or stamp.seq > store.change_seq():
        return False
    return stamp.seq == 0 or store.change_tag(stamp.seq) == stamp.seq_tag


def _rebuilt(store: Archive, thresholds: Thresholds | None, directory: Path | None) -> ArchiveIndex:
    seq = store.change_seq()  # read first: what changes while the claims stream in is applied on the next catch-up
    matcher = filled(Matcher(thresholds), store)
    if directory is not None:
        _save(matcher, store, seq, directory)
    return ArchiveIndex(matcher, seq, directory)


def filled(matcher: Matcher, store: Archive) -> Matcher:
    """`matcher` with every live claim of the archive added, then the imported checks' titles (all claims first:
    each kind's slots then come in id order, the cheap way to freeze and find them, claims.match.slot_ids)."""
    matcher.add_many(store.claim_texts())
    matcher.add_titles(store.claim_titles())
    return matcher


def _save(matcher: Matcher, store: Archive, seq: int, directory: Path) -> bool:
    stamp = snapshot.Stamp(store.archive_id(), seq, store.change_tag(seq) if seq else None, MATCHER_VERSION)
    try:
        snapshot.write(directory, matcher.frozen(), stamp)
    except OSError as error:
        log.warning("could not keep the match index in %s (%s); the next command will rebuild it", directory, error)
        return False
    return True


def _apply(matcher: Matcher, store: Archive, claim_ids: list[int]) -> None:
    """Bring these claims (changed in the store) up to date: gone ones removed, the others added again with their
    titles (after the claims, as `filled` does)."""
    for claim_id in claim_ids:
        matcher.remove(claim_id)
    titles = []
    for claim in store.indexed_claims(claim_ids):
        matcher.add(claim.id, claim.article_id, claim.text)
        if claim.title:
            titles.append((claim.id, claim.title))
    matcher.add_titles(titles)
