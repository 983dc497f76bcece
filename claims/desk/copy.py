"""Moving a whole archive from one store to another (``claimdesk copy FROM TO``), between any two backends.

Into an empty target: every table row for row with its ids (store.copying), in one target transaction, then the
target's persisted match index is built from what arrived (never copied: the target is an archive of its own).
Into a target that already holds an archive, with ``merge``: the import rules (store.exchange.merge), as if the
source had been exported with ``--format jsonl --with-articles`` and imported: articles found by content hash (else
added), claims by their text, the later decision wins and the other goes into the history, history rows added
once, the second review (sign-off, second reviewer and time, agreement row) by the import's rule, and a claim
assigned to no one in the target takes the source's assignment (store.copying says the rules); earlier
fact-checks added unless the target has them (store.exchange.earlier_checks); then the checks are linked to the
target's claims and the match index brought up to date. The source's links come with the claims they join
(store.exchange.merge); conflicts between the source's claims are found again by the target's matching, not
carried over. The source's sentence vectors (of the shipped encoder's model)
go with the claims they merge into, batch by batch after each is committed, so `claimdesk embed` has nothing to
redo for them: a vector goes to a target claim that has none of that model yet and holds the very text the vector
was made from (a claim matched by its text with other spacing keeps waiting for `claimdesk embed`). Assignments
are taken the same way, batch by batch after each is committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from claims.desk.import_links import link_earlier_checks
from claims.desk.match_index import open_index
from claims.match.encoder import MODEL_ID
from store.copying import (
    CopiedClaim,
    CopyReport,
    check_columns,
    copy_tables,
    earlier_checks,
    is_empty,
    reviewed_claims,
    row_counts,
)
from store.errors import StoreError
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.merge import ImportReport, merge_export
from store.interface import Archive
from store.wording import counted

Progress = Callable[[int], None]


@dataclass
class CopyOutcome:
    """What a copy did: the rows copied (into an empty target) or what the merge changed."""

    copied: CopyReport | None = None
    merged: ImportReport | None = None
    checks_added: int = 0
    checks_there: int = 0
    links: int = 0
    assignments: int = 0
    indexed: bool = False
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.copied is not None:
            return f"copied {self.copied.summary()}"
        assert self.merged is not None
        return (f"merged: {self.merged.summary(with_links=False)}; {counted(self.checks_added, 'earlier fact-check')}"
                f" added, {self.checks_there} already there, {counted(self.links, 'new link')}")


def work_to_do(source: Archive, merge: bool) -> int:
    """How many steps the progress bar counts: rows copied, or claims and checks merged."""
    counts = row_counts(source)
    if not merge:
        return sum(counts.values())
    return counts["claims"]


def check_copy(source: Archive, target: Archive, merge: bool) -> None:
    """StoreError (one sentence; nothing done yet) when ``target`` is ``source``, or holds an archive and ``merge``
    is off, or ``source`` has a column this version would not copy."""
    check_columns(source)
    if source.archive_id() and source.archive_id() == target.archive_id():
        raise StoreError("FROM and TO are the same archive; nothing was copied.")
    if not merge and not is_empty(target):
        raise StoreError("the target archive is not empty; nothing was copied (copy into a new archive, or merge "
                         "with --merge).")


def copy_archive(source: Archive, target: Archive, merge: bool = False, progress: Progress | None = None,
                 index: bool = True) -> CopyOutcome:
    """Copy ``source`` into ``target`` (see the module docstring); StoreError (target unchanged) when the target
    is the source, or holds an archive and ``merge`` is off."""
    check_copy(source, target, merge)
    if merge and not is_empty(target):
        outcome = _merge(source, target, progress)
    else:
        outcome = CopyOutcome(copied=copy_tables(source, target, progress))
    if index:
        open_index(target).save_if_grown(target, at_least=1)
        outcome.indexed = True
    return outcome


def _merge(source: Archive, target: Archive, progress: Progress | None) -> CopyOutcome:
    outcome = CopyOutcome()

    known: dict[int, int] = {}  # the source's earlier checks added here: their links come too

    def checks_added(added: list) -> None:
        carry_vectors(source, target, [(check.claim_id, check.claim, claim_id) for check, claim_id in added])
        known.update((check.claim_id, claim_id) for check, claim_id in added)

    def claims_merged(landed: list[tuple[CopiedClaim, int]]) -> None:
        carry_vectors(source, target, [(record.claim_id, record.claim, claim_id) for record, claim_id in landed
                                       if record.claim_id is not None])

    checks = add_earlier_checks(target, _counted(earlier_checks(source), progress), origin="copy", keep_ids=False,
                                on_added=checks_added)
    outcome.checks_added, outcome.checks_there = checks.added, checks.duplicates
    outcome.merged = merge_export(target, _counted(reviewed_claims(source), progress), on_chunk=claims_merged,
                                  known=known)
    outcome.problems = list(outcome.merged.problems)
    outcome.assignments = outcome.merged.assignments
    outcome.links = outcome.merged.links + link_earlier_checks(target)
    return outcome


def carry_vectors(source: Archive, target: Archive, pairs: list[tuple[int, str, int]], model: str = MODEL_ID) -> int:
    """Give target claims the source's vectors of ``model``: ``pairs`` are (claim id in the source, its text there,
    claim id in the target). A target claim that already has a vector of ``model`` keeps it; one whose text is not
    the source's gets none. Returns the vectors offered (store.vectors.save_vectors)."""
    found = source.vectors_of([source_id for source_id, _, _ in pairs], model)
    there = target.vectors_of([target_id for _, _, target_id in pairs], model)
    rows, texts = [], []
    for source_id, text, target_id in pairs:
        if source_id in found and target_id not in there:
            rows.append((target_id, model, *found[source_id]))
            texts.append(text)
    return target.save_vectors(rows, texts=texts)


def _counted(items: Iterable, progress: Progress | None, every: int = 100) -> Iterator:
    """``items`` as they are, calling ``progress`` every ``every`` items (and for the last few)."""
    done = 0
    for item in items:
        yield item
        done += 1
        if progress and done % every == 0:
            progress(every)
    if progress and done % every:
        progress(done % every)
