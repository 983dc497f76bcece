"""The database schema, as a chain of sqlite-utils migrations (the SQL they run: store.sqlite.migration_sql).

Tables (all plain SQLite, readable with `sqlite-utils` and Datasette):

- ``articles``: one row per loaded article; ``content_hash`` (of the whitespace-normalised text) is unique, so
  loading the same article twice does not duplicate it.
  ``earlier_check`` is 1 for an earlier fact-check imported from another organisation (an article holding one
  imported claim: title = the fact-check's headline, else the claim; ``subtitle``; source = the organisation),
  0 for an article loaded to review: the review queue lists only those.
- ``claims``: the claims found in an article; ``start``/``end`` are character offsets into ``articles.text``.
  ``status`` is one of pending, verified, disputed, unverified.
- ``claim_history``: append-only; one row per change of status or note (who, when, from, to, note).
- ``claim_links``: a claim and an earlier claim (of another article) it matches, with the similarity.
  ``claims.linked_at`` says when an imported earlier fact-check was linked to the loaded claims.
- ``claim_conflicts``: two claims that disagree (claims.match.conflicts), the later first, with what differs.
- ``claims_fts``, ``articles_fts``: SQLite FTS5 indexes kept in step by triggers (sqlite-utils ``enable_fts``;
  since m006 claims_fts holds loaded articles' claims only, an earlier check is found through its article).
- ``claims.rank`` / ``claims.highlighted`` (m008): the claim's place among its article's claims by score (1 = most
  worth checking; NULL for a claim added by hand) and whether the app highlights it by default.
- ``claims.assigned_to`` / ``signoff`` / ``second_reviewer`` and ``claim_signoffs`` (m009): assignment and second
  review (the team workflow).
- ``claim_vectors`` (m010): a claim's sentence vector for semantic matching (claims.match.encoder): the model that
  made it, the claim's vector and, for an imported check whose title differs from its claim, the title's (int8
  bytes). Deleted with its claim; dropped by triggers when the claim's text (or the check's title) changes, so
  it is made again, never compared stale.
- ``verdicts`` (view): one row per claim, the same rows and columns as ``claimdesk export`` writes as CSV.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from store.sqlite.migration_sql import (
    CONFLICTS,
    DESK_COLUMNS,
    EARLIER_CHECKS,
    INITIAL,
    MATCH_JOURNAL,
    TEAM,
    VECTORS,
    VERDICTS_VIEW,
)

MIGRATION_SET = "claimdesk"
migrations = Migrations(MIGRATION_SET)


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    for statement in INITIAL:
        db.execute(statement)


@migrations(name="m002_desk")
def m002_desk(db: Database) -> None:
    """Flags, evidence links and soft deletion of claims; article author and origin; full-text search."""
    for statement in DESK_COLUMNS:
        db.execute(statement)
    db["claims"].enable_fts(["text", "speaker", "note"], create_triggers=True, tokenize="porter")
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


@migrations(name="m003_exchange")
def m003_exchange(db: Database) -> None:
    """The ``verdicts`` view (the CSV export as a table) and indexes for the export filters."""
    db.execute(VERDICTS_VIEW)
    db.execute("CREATE INDEX IF NOT EXISTS idx_claims_reviewed ON claims(reviewed_at)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_articles_url ON articles(url)")


@migrations(name="m004_linked_at")
def m004_linked_at(db: Database) -> None:
    """``claims.linked_at``: when an imported earlier fact-check was matched against the loaded claims (NULL: not
    yet, e.g. an import stopped between storing the checks and linking them; the next import finishes it). Checks
    imported before this version were linked by the import that stored them."""
    db.execute("ALTER TABLE claims ADD COLUMN linked_at TEXT")
    db.execute("UPDATE claims SET linked_at = created_at WHERE origin = 'imported'")
    db.execute("CREATE INDEX IF NOT EXISTS idx_claims_unlinked ON claims(origin) WHERE linked_at IS NULL")


@migrations(name="m005_match_journal")
def m005_match_journal(db: Database) -> None:
    """The claims' change journal (for persisted match indexes) and the archive's own id."""
    for statement in MATCH_JOURNAL:
        db.execute(statement)


@migrations(name="m006_earlier_checks")
def m006_earlier_checks(db: Database) -> None:
    """The review queue and the reference archive apart: ``articles.earlier_check`` is 1 for an earlier
    fact-check imported from another organisation (its title is the fact-check's headline, ``subtitle`` its
    subtitle or description), 0 for an article loaded to review."""
    for statement in EARLIER_CHECKS:
        db.execute(statement)


@migrations(name="m007_conflicts")
def m007_conflicts(db: Database) -> None:
    """``claim_conflicts``: two claims on one subject that disagree (a place, a number, a date, a negation), the
    later claim first, with what differs (claims.match.conflicts); within one article or across articles."""
    for statement in CONFLICTS:
        db.execute(statement)


@migrations(name="m008_ranking")
def m008_ranking(db: Database) -> None:
    """``claims.rank`` and ``claims.highlighted`` (claims.extract.article_rank). Claims stored before: all stay
    highlighted (as they were drawn) and are ranked by their score within their article. The ``verdicts`` view
    (the CSV export) gains both as its last columns."""
    db.execute("ALTER TABLE claims ADD COLUMN rank INTEGER")
    db.execute("ALTER TABLE claims ADD COLUMN highlighted INTEGER NOT NULL DEFAULT 1")
    db.execute(
        """UPDATE claims SET rank = (SELECT n FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY article_id
           ORDER BY score DESC, start, id) AS n FROM claims) ranked WHERE ranked.id = claims.id)"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_claims_article_rank ON claims(article_id, rank)")
    db.execute("DROP VIEW IF EXISTS verdicts")
    db.execute(VERDICTS_VIEW.replace(
        "       c.evidence AS evidence, c.origin AS claim_origin, a.content_hash AS article_hash\n",
        "       c.evidence AS evidence, c.origin AS claim_origin, a.content_hash AS article_hash,\n"
        "       c.rank AS rank, c.highlighted AS highlighted\n"))


@migrations(name="m009_team")
def m009_team(db: Database) -> None:
    """The team workflow (store.team, store.review). ``claims.assigned_to``/``assigned_at``: the reviewer a claim
    is assigned to and since when. ``claims.signoff`` (NULL: no second review asked; "awaiting", "confirmed",
    "reopened"), ``second_reviewer``, ``second_reviewed_at``: the second review of its verdict. ``claim_signoffs``:
    one row per second review given (the first verdict, who gave it and when; who reviewed it second, the outcome
    "confirmed" or "reopened", when), for the agreement statistics. Plain columns and tables, no triggers."""
    for statement in TEAM:
        db.execute(statement)


@migrations(name="m010_vectors")
def m010_vectors(db: Database) -> None:
    """``claim_vectors``: one sentence vector per claim and model (claims.match.encoder), made by loads, imports
    and `claimdesk embed`; none is made here (an upgraded archive's claims are embedded by `claimdesk embed`)."""
    for statement in VECTORS:
        db.execute(statement)


def known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]
