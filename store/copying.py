"""Copying a whole archive, table by table, from one store to another (``claimdesk copy``), whatever their backends.

Every table that holds what reviewers and imports made is copied row for row with its ids: articles (loaded ones
and earlier fact-checks, with their ranking and metadata), claims (verdicts, notes, flags, boilerplate marks,
ranks, deletions), their sentence vectors (claim_vectors), claim_history, claim_links, claim_conflicts, and
archive_meta (but the archive id: the copy is an archive of its own). What the target derives itself is not
copied: its full-text indexes (kept by its own triggers), its claims' change journal (claim_changes, written as
the claims arrive) and the persisted match index (built from the target afterwards: claims.desk.copy).

Only portable SQL: plain SELECT and multi-row INSERT with ``?`` placeholders and explicit, quoted column lists,
through the store's own ``execute`` / ``stream`` / ``transaction`` (no PRAGMA, rowid or INSERT OR …), so the same
code copies into and out of PostgreSQL. Rows stream ``batch`` at a time (memory stays flat) into one target
transaction: a copy that fails or is stopped leaves the target as empty as it was.

``--merge`` into a target that holds an archive does not copy rows: it reads the source's earlier fact-checks
(`earlier_checks`) and its other claims (`reviewed_claims`: each as its JSON Lines export with articles describes
it: rank, highlighting, cue, links, assignment and history included, with the second review's columns ``signoff``,
``second_reviewer``, ``second_reviewed_at``), and claims.desk.copy merges them by the rules of `claimdesk import`
(store.exchange.merge). The second review therefore comes by the import's rule: the source's sign-off applies when
the source's decision is the one on the target's claim and it goes further than the target's (none < awaiting < a
second review given; of two, the later), with its history row and its claim_signoffs row (the agreement figures
of `claimdesk stats`) added once. Assignments: a claim assigned to no one in the target takes the source's
assignee and time (store.assignment_import); a target claim's own assignment stays. Links: the source's links
between claims that both reach the target (merged claims, earlier checks it adds) are added unless there. Merging
twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from store.errors import StoreError
from store.exchange.export import SIGNOFF_SQL, ExportFilter
from store.exchange.fact_checks_in import ImportedVerdict
from store.exchange.jsonl import record_rows
from store.exchange.read_exports import ExportedClaim, parse_record
from store.models import IMPORTED
from store.wording import counted

if TYPE_CHECKING:  # the store's own SQL (execute, stream), not in store.interface.Archive
    from store.store import Store

# (table, columns in the order written, the order rows are read in). The order of tables respects the foreign
# keys: articles before claims, claims before what refers to them. tests/store/test_copying.py checks that these
# lists name every column of the schema, so a column added by a migration cannot be silently left behind.
TABLES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("articles", ("id", "title", "source", "url", "published", "dateline", "text", "content_hash", "loaded_at",
                  "author", "origin", "earlier_check", "subtitle"), "id"),
    ("claims", ("id", "article_id", "start", "end", "text", "score", "type", "speaker", "cue", "status", "note",
                "reviewer", "reviewed_at", "origin", "created_at", "flagged", "evidence", "deleted_at", "linked_at",
                "rank", "highlighted", "assigned_to", "assigned_at", "signoff", "second_reviewer",
                "second_reviewed_at"), "id"),
    ("claim_vectors", ("claim_id", "model", "claim", "title"), "claim_id"),
    ("claim_history", ("id", "claim_id", "at", "reviewer", "from_status", "to_status", "note", "action", "evidence",
                       "source_claim_id"), "id"),
    ("claim_links", ("claim_id", "earlier_id", "score", "kind"), "claim_id, earlier_id"),
    ("claim_conflicts", ("claim_id", "other_id", "differs"), "claim_id, other_id"),
    ("claim_signoffs", ("id", "claim_id", "first_reviewer", "first_status", "first_at", "second_reviewer", "outcome",
                        "at"), "id"),
    ("archive_meta", ("key", "value"), "key"),
)
_OWN_META = ("archive_id",)  # archive_meta keys the target keeps as its own
_MAX_PARAMS = 999  # values in one INSERT (SQLite's oldest limit; PostgreSQL allows 65535)
BATCH = 1000


def _quoted(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def _where(table: str) -> tuple[str, list]:
    if table == "archive_meta":
        return f" WHERE key NOT IN ({', '.join('?' * len(_OWN_META))})", list(_OWN_META)
    return "", []


@dataclass
class CopyReport:
    """How many rows of each table were copied."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def summary(self) -> str:
        get = self.rows.get
        return (f"{counted(get('articles', 0), 'article')}, {counted(get('claims', 0), 'claim')}, "
                f"{counted(get('claim_history', 0), 'history row')}, {counted(get('claim_links', 0), 'link')}, "
                f"{counted(get('claim_conflicts', 0), 'conflict')}")


def row_counts(store: Store) -> dict[str, int]:
    """How many rows each copied table of ``store`` holds (what a copy will write)."""
    counts = {}
    for table, _, _ in TABLES:
        where, params = _where(table)
        counts[table] = store.execute(f"SELECT COUNT(*) FROM {table}{where}", params)[0][0]
    return counts


def is_empty(store: Store) -> bool:
    """Whether ``store`` holds no article, claim or history row (a new archive)."""
    return all(not store.execute(f"SELECT COUNT(*) FROM {table}")[0][0]
               for table in ("articles", "claims", "claim_history"))


def check_columns(store: Store) -> None:
    """StoreError when a copied table of ``store`` has a column TABLES does not name (a copy would lose it)."""
    for table, columns, _ in TABLES:
        rows = store.execute(f"SELECT * FROM {table} LIMIT 1")
        if rows and len(rows[0]) != len(columns):
            raise StoreError(f"this claimdesk does not know every column of the table {table} ({len(rows[0])}, "
                             f"it knows {len(columns)}); nothing was copied: copy with the claimdesk that made it.")


def copy_tables(source: Store, target: Store, progress: Callable[[int], None] | None = None,
                batch: int = BATCH) -> CopyReport:
    """Copy every table of ``source`` into the empty ``target`` in one target transaction; ``progress(n)`` after
    each batch of n rows. StoreError (target unchanged) when the target is not empty."""
    check_columns(source)
    if not is_empty(target):
        raise StoreError("the target archive is not empty; nothing was copied (copy into a new archive, or merge "
                         "with --merge).")
    report = CopyReport()
    with target.transaction():
        for table, columns, order in TABLES:
            report.rows[table] = _copy_table(source, target, table, columns, order, progress, batch)
    return report


def _copy_table(source: Store, target: Store, table: str, columns: tuple[str, ...], order: str,
                progress: Callable[[int], None] | None, batch: int) -> int:
    where, params = _where(table)
    rows = source.stream(f"SELECT {_quoted(columns)} FROM {table}{where} ORDER BY {order}", params, batch)
    per_statement = max(1, _MAX_PARAMS // len(columns))
    count, pending = 0, []
    for row in rows:
        pending.append(row)
        if len(pending) >= batch:
            _insert(target, table, columns, pending, per_statement)
            count += len(pending)
            if progress:
                progress(len(pending))
            pending = []
    if pending:
        _insert(target, table, columns, pending, per_statement)
        count += len(pending)
        if progress:
            progress(len(pending))
    return count


def _insert(target: Store, table: str, columns: tuple[str, ...], rows: list[tuple], per_statement: int) -> None:
    one = "(" + ", ".join("?" * len(columns)) + ")"
    head = f"INSERT INTO {table} ({_quoted(columns)}) VALUES "
    for at in range(0, len(rows), per_statement):
        chunk = rows[at : at + per_statement]
        target.execute(head + ", ".join([one] * len(chunk)), [value for row in chunk for value in row])


# --- what --merge reads from the source (claims.desk.copy merges it with the import rules) ---------------------
_CHECKS_SQL = ("SELECT c.id, c.text, c.status, c.note, a.url, c.speaker, a.published, a.source, a.title, a.subtitle"
               " FROM claims c JOIN articles a ON a.id = c.article_id"
               " WHERE a.earlier_check = 1 AND c.origin = ? AND c.deleted_at IS NULL ORDER BY c.id")
# Beside each claim's JSON Lines record (which holds its rank, highlighting, cue, links and assignment): its origin
# (earlier checks are merged apart) and its second review (the columns an export of an archive using second review
# ends with).
_CLAIM_EXTRAS = f"c.origin, {SIGNOFF_SQL}"


@dataclass(frozen=True)
class CopiedCheck(ImportedVerdict):
    """An earlier fact-check read from the source of a merge, with its claim's id there."""

    claim_id: int = 0


def earlier_checks(source: Store, batch: int = BATCH) -> Iterator[CopiedCheck]:
    """Every live earlier fact-check of ``source``, streamed in id order."""
    for claim_id, text, status, rating, url, speaker, published, organisation, title, subtitle in source.stream(
            _CHECKS_SQL, [IMPORTED], batch):
        yield CopiedCheck(text, status, rating or "", url, speaker, published, organisation,
                          title=None if title == text else title, subtitle=subtitle, claim_id=claim_id)


CopiedClaim = ExportedClaim  # a claim read from the source of a merge (its assignment included)


def reviewed_claims(source: Store) -> Iterator[ExportedClaim]:
    """Every claim of the articles loaded to review in ``source``, as its JSON Lines export with articles and
    second review describes it (decision, rank, highlighting, cue, links, assignment, sign-off, history, article
    text and dateline), streamed: what `claimdesk import` would merge."""
    rows = record_rows(source, ExportFilter(kind="all"), with_articles=True, extra_sql=_CLAIM_EXTRAS)
    for number, (line, (origin, signoff, second, second_at)) in enumerate(rows, start=1):
        if origin == IMPORTED:
            continue
        read = vars(parse_record(line, number)) | {"signoff": signoff, "second_reviewer": second,
                                                   "second_reviewed_at": second_at}
        yield ExportedClaim(**read)
