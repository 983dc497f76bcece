"""Merging claimdesk's own exports into a database: verdicts, notes, reviewers and history return to their claims.

Matching: the article by its content hash (``article_hash``), else its URL, else its title and source (only when
exactly one article fits); the claim by its whitespace-normalised text within that article (the n-th copy of
a text in the file goes to the n-th copy in the article). A claim that is not there but whose text is in the
article is added (origin "merged"), as the file describes it: its offsets when they still fit, score, type,
speaker, attribution cue, rank and highlighting (a file of a claimdesk before those columns: highlighted, unranked,
as before); anything else is counted as unmatched and left out, never guessed. A record whose article is not in
the database is counted in ``missing_articles`` (the import fails and says so), unless the file was exported
``--with-articles``: then the article is added from the record (title, URL, source, published, dateline, author,
text) and its claims keep the file's origin, so one file rebuilds the archive in an empty database.

Links and assignments: a record's links (JSON Lines ``links``; the CSV's ``links`` column, --with-articles) name
earlier claims by their ids in the exporting archive; once every record is merged, each link whose earlier claim
came with the file (or is in ``known``: claims.desk.copy's earlier fact-checks) is added unless the two claims are
linked already. A claim assigned to no one here takes the file's assignee and time (store.assignment_import);
one assigned here keeps its own. The claim ids of the file are held in memory until the end (a few dozen bytes
a record).

Counting: each record is counted once, as updated, unchanged, kept, added (with whatever decision it brought)
or unmatched (store.exchange.merge_report).

Conflicts: when the file and the database disagree on a claim's decision (status, note, reviewer, evidence), the
one with the later ``reviewed_at`` wins; on a tie, or when the file's decision has no time, the database's
decision stays (a file's decision without a time only fills a claim never decided here). The same decision
reached on both sides is left as it is. The losing decision is never lost: it is (or already was) a row of
claim_history (action "import-conflict" when the file's decision lost; when it won, the database's decision is
already in the history and the file's is added with action "import", unless the history already holds that
decision: a JSON Lines file brings its own row). History rows from a JSON Lines file are added unless an
identical row (same time, reviewer, statuses, note, action) is already there, so importing a file twice changes
nothing.

Second review (the columns ``signoff``, ``second_reviewer``, ``second_reviewed_at`` of an export of an archive that
uses it; a file without them merges exactly as before): the file's sign-off applies only when the file's decision
is the one that ends up on the claim (it won, or the same decision was there already) and it goes further than the
claim's: none < "awaiting" < a second review given ("confirmed", "reopened"), and of two second reviews the one
with the later ``second_reviewed_at`` (on a tie the database's stays); a second review older than the claim's
``reviewed_at`` was of an earlier verdict and does not apply. A winning decision starts with no sign-off
(as any new verdict does), so it brings the file's whatever it is; a losing decision never brings its sign-off. A
second review brought in gets its history row ("confirm" or "reopen", unless one with the same time and reviewer is
there: JSON Lines brings it with the history) and its claim_signoffs row (the agreement statistics) unless an
identical one is there; a reopen read from a CSV gets none of the latter, since a CSV does not say which verdict
was reopened (JSON Lines does). Importing twice changes nothing.

``on_chunk``, if given, is told after each committed transaction which claim each record of it landed on:
(record, claim id here) pairs, for the records that found or added their claim (claims.desk.copy carries the
source's sentence vectors with them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from store.exchange.merge_report import ImportReport
from store.exchange.merge_signoff import agreement_row, carried, decision_time, further_along, history_fields, recorded
from store.exchange.read_exports import ExportedClaim
from store.interface import Archive
from store.models import IMPORTED, STATUSES, HistoryEntry, NewClaim
from store.store import content_hash

__all__ = ["ImportReport", "VerdictMerger", "merge_export"]

_SAME_ROW = ("at", "reviewer", "from_status", "to_status", "note", "action")
_RECORDED = ("at", "reviewer", "to_status")

Landed = Callable[[list[tuple[ExportedClaim, int]]], None]  # records and the claims they landed on


def _entry(claim_id: int, fields: dict) -> HistoryEntry:
    return HistoryEntry(0, claim_id, fields.get("at"), fields.get("reviewer"), fields.get("from_status"),
                        fields.get("to_status"), fields.get("note"), fields.get("action") or "status",
                        fields.get("evidence"))


def _same(a: HistoryEntry, b: HistoryEntry, keys: tuple[str, ...]) -> bool:
    return all(getattr(a, key) == getattr(b, key) for key in keys)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _newer(incoming: str | None, local: str | None) -> bool:
    if incoming is None:
        return False
    return local is None or incoming > local


class VerdictMerger:
    """Merges ExportedClaim records into a store, in short transactions of ``batch`` records."""

    def __init__(self, store: Archive, batch: int = 500, on_chunk: Landed | None = None,
                 known: dict[int, int] | None = None):
        self.store = store
        self.batch = batch
        self.on_chunk = on_chunk
        self._landed: list[tuple[ExportedClaim, int]] = []
        self.report = ImportReport()
        self._articles: dict[tuple, int | None] = {}
        self._claims_of: tuple[int, dict[str, list[int]]] | None = None
        self._text_of: tuple[int, str] | None = None
        self._used: dict[tuple[int, str], int] = {}
        self._rebuilt: set[int] = set()  # articles this merge added from the file
        self._ids: dict[int, int] = dict(known or {})  # claim id in the file -> claim id here
        self._links: list[tuple[int, int, float, str]] = []  # (claim here, earlier claim in the file, score, kind)

    def merge(self, records: Iterable[ExportedClaim]) -> ImportReport:
        chunk: list[ExportedClaim] = []
        for record in records:
            chunk.append(record)
            if len(chunk) >= self.batch:
                self._merge_chunk(chunk)
                chunk = []
        self._merge_chunk(chunk)
        self._add_links()
        return self.report

    def _merge_chunk(self, chunk: list[ExportedClaim]) -> None:
        if not chunk:
            return
        self._landed = []
        with self.store.transaction():
            for record in chunk:
                self._merge_one(record)
        assignments = [(claim_id, r.assigned_to, r.assigned_at) for r, claim_id in self._landed if r.assigned_to]
        if assignments:
            self.report.assignments += self.store.take_assignments(assignments)
        if self.on_chunk is not None and self._landed:
            self.on_chunk(self._landed)

    def _add_links(self) -> None:
        found = [(claim_id, self._ids[earlier], score, kind) for claim_id, earlier, score, kind in self._links
                 if earlier in self._ids and self._ids[earlier] != claim_id]
        for at in range(0, len(found), self.batch):
            self.report.links += self.store.add_links(found[at : at + self.batch])
        self._links = []

    def _merge_one(self, record: ExportedClaim) -> None:
        self.report.records += 1
        if record.status not in STATUSES or not record.claim.strip():
            self._problem(record, f"unknown status {record.status!r}" if record.claim.strip() else "no claim text")
            return
        article_id = self._article_id(record)
        if article_id is None:
            self.report.missing_articles += 1
            self.report.unmatched += 1
            return
        claim_id, added = self._claim_id(article_id, record)
        if claim_id is None:
            self.report.unmatched += 1
            return
        self._landed.append((record, claim_id))
        if record.claim_id is not None:
            self._ids[record.claim_id] = claim_id
        for link in record.links or ():
            self._links.append((claim_id, int(link["earlier_id"]), float(link["score"]), str(link.get("kind")
                                                                                               or "related")))
        if record.history:
            self.report.history += sum(self._add_history(claim_id, h) for h in record.history)
        outcome = self._merge_decision(claim_id, record)
        if added:
            self.report.added += 1
        else:
            setattr(self.report, outcome, getattr(self.report, outcome) + 1)

    def _problem(self, record: ExportedClaim, reason: str) -> None:
        if len(self.report.problems) < 20:
            self.report.problems.append(f"line {record.line}: {reason}")
        self.report.unmatched += 1

    # --- finding the article and the claim -------------------------------------------------------------------
    def _article_id(self, r: ExportedClaim) -> int | None:
        key = (r.article_hash, r.article_url, r.article_title, r.article_source)
        if key not in self._articles:
            self._articles[key] = self._find_article(r)
        return self._articles[key]

    def _find_article(self, r: ExportedClaim) -> int | None:
        found = self.store.find_only_article(r.article_hash, r.article_url, r.article_title, r.article_source)
        if found is not None or not r.article_text:
            return found
        digest = content_hash(r.article_text)
        found = self.store.find_article_by_hash(digest)
        if found is None:
            found = self.store.insert_article(r.article_title or r.article_text[:80], r.article_text, digest,
                                              r.article_source, r.article_url, r.published, r.article_dateline,
                                              author=r.article_author, origin="import")
            self._rebuilt.add(found)
            self.report.articles_added += 1
        return found

    def _texts(self, article_id: int) -> dict[str, list[int]]:
        if self._claims_of is None or self._claims_of[0] != article_id:
            texts: dict[str, list[int]] = {}
            for claim in self.store.desk_claims(article_id):
                texts.setdefault(_norm(claim.text), []).append(claim.id)
            self._claims_of = (article_id, texts)
            self._used = {}
        return self._claims_of[1]

    def _claim_id(self, article_id: int, r: ExportedClaim) -> tuple[int | None, bool]:
        """The claim here the record goes to, and whether it was added for it."""
        texts, text = self._texts(article_id), _norm(r.claim)
        ids, used = texts.get(text, []), self._used.get((article_id, text), 0)
        added = used >= len(ids)
        if added:
            new = self._add_claim(article_id, r)
            if new is None:
                return None, False
            ids = texts.setdefault(text, [])
            ids.append(new)
        self._used[(article_id, text)] = used + 1
        return ids[used], added

    def _article_text(self, article_id: int) -> str:
        if self._text_of is None or self._text_of[0] != article_id:
            self._text_of = (article_id, self.store.article(article_id).text)
        return self._text_of[1]

    def _add_claim(self, article_id: int, r: ExportedClaim) -> int | None:
        article_text = self._article_text(article_id)
        start = r.start if r.start is not None and article_text[r.start : r.start + len(r.claim)] == r.claim else (
            article_text.find(r.claim))
        if start < 0:
            return None
        claim = NewClaim(r.claim, start, start + len(r.claim), r.checkworthiness or 0.0, r.claim_type or "other",
                         r.speaker, r.cue, r.rank, True if r.highlighted is None else r.highlighted)
        rebuilt = article_id in self._rebuilt and r.claim_origin not in (None, IMPORTED)
        return self.store.insert_claims(article_id, [claim], origin=r.claim_origin if rebuilt else "merged")[0]

    # --- decisions and history -------------------------------------------------------------------------------
    def _merge_decision(self, claim_id: int, r: ExportedClaim) -> str:
        """Merge the record's decision; returns what became of it: "unchanged", "updated" or "kept"."""
        claim = self.store.desk_claim(claim_id)
        local = (claim.status, claim.note, claim.reviewer, claim.evidence)
        undecided = r.status == "pending" and r.reviewed_at is None
        decided_at, outcome = claim.reviewed_at, "unchanged"
        if undecided or r.decision == local:
            pass
        elif self._file_newer(claim_id, claim.reviewed_at, r):
            self._apply(claim_id, r)
            decided_at, outcome = r.reviewed_at, "updated"
        else:
            self._keep(claim_id, claim.status, r)
            return "kept"
        if r.signoff is not None and not undecided:  # the file's decision is the claim's
            self._merge_signoff(claim_id, r, decided_at)
        return outcome

    def _file_newer(self, claim_id: int, local_at: str | None, r: ExportedClaim) -> bool:
        mine = decision_time(local_at, self.store.signoff(claim_id))
        theirs = decision_time(r.reviewed_at, carried(claim_id, r))
        return _newer(theirs, mine) or (theirs is None and mine is None)

    def _apply(self, claim_id: int, r: ExportedClaim) -> None:
        """The file's decision on the claim, with its "import" history row unless the history holds it already:
        a row of this verdict here, or the file's own history ending in this status (a verdict, or a reopen)."""
        wanted = _entry(claim_id, {"at": r.reviewed_at, "reviewer": r.reviewer, "to_status": r.status})
        last = r.history[-1] if r.history else {}
        there = (last.get("to_status") == r.status and str(last.get("at") or "") >= (r.reviewed_at or "")) or (
            r.reviewed_at is not None and any(_same(row, wanted, _RECORDED) for row in self.store.history(claim_id)))
        self.store.decide(claim_id, r.status, r.reviewer, note=r.note, evidence=r.evidence, action="import",
                          at=r.reviewed_at, recorded=there)
        self.report.history += not there

    def _keep(self, claim_id: int, status: str, r: ExportedClaim) -> None:
        wanted = _entry(claim_id, {"at": r.reviewed_at, "reviewer": r.reviewer, "to_status": r.status})
        if not any(_same(row, wanted, _RECORDED) for row in self.store.history(claim_id)):
            entry = {"at": r.reviewed_at or self.store.clock(), "reviewer": r.reviewer, "from_status": status,
                     "to_status": r.status, "note": r.note, "action": "import-conflict", "evidence": r.evidence}
            self.report.history += self._add_history(claim_id, entry)

    def _merge_signoff(self, claim_id: int, r: ExportedClaim, decided_at: str | None) -> None:
        incoming = carried(claim_id, r)
        if incoming is None or not further_along(incoming, self.store.signoff(claim_id), decided_at):
            return
        row = None
        if incoming.state != "awaiting":
            if recorded(self.store.history(claim_id), incoming) is None:
                self.report.history += self._add_history(claim_id, history_fields(r, incoming))
            row = agreement_row(r, incoming, recorded(self.store.history(claim_id), incoming))
        self.store.import_signoff(incoming, row)
        self.report.signoffs += 1

    def _add_history(self, claim_id: int, fields: dict) -> int:
        entry = _entry(claim_id, fields)
        if entry.to_status not in STATUSES or not entry.at:
            return 0
        if any(_same(row, entry, _SAME_ROW) for row in self.store.history(claim_id)):
            return 0
        self.store.record_history(claim_id, entry)
        return 1


def merge_export(store: Archive, records: Iterable[ExportedClaim], batch: int = 500,
                 on_chunk: Landed | None = None, known: dict[int, int] | None = None) -> ImportReport:
    """Merge ``records`` into ``store``; ``known`` maps claim ids of the records' archive to claims here that are
    not among the records (earlier fact-checks a copy brought), for their links."""
    return VerdictMerger(store, batch, on_chunk, known).merge(records)
