"""The database schema, as a chain of sqlite-utils migrations.

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

MIGRATION_SET = "claimdesk"
migrations = Migrations(MIGRATION_SET)

_INITIAL = [
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        source TEXT,
        url TEXT,
        published TEXT,
        dateline TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        loaded_at TEXT NOT NULL
    )""",
    """CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        score REAL NOT NULL DEFAULT 0,
        type TEXT NOT NULL DEFAULT 'other',
        speaker TEXT,
        cue TEXT,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'verified', 'disputed', 'unverified')),
        note TEXT,
        reviewer TEXT,
        reviewed_at TEXT,
        origin TEXT NOT NULL DEFAULT 'extracted',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX idx_claims_article ON claims(article_id, start)",
    "CREATE INDEX idx_claims_status ON claims(status)",
    """CREATE TABLE claim_history (
        id INTEGER PRIMARY KEY,
        claim_id INTEGER NOT NULL REFERENCES claims(id),
        at TEXT NOT NULL,
        reviewer TEXT,
        from_status TEXT,
        to_status TEXT NOT NULL,
        note TEXT,
        action TEXT NOT NULL DEFAULT 'status'
    )""",
    "CREATE INDEX idx_history_claim ON claim_history(claim_id, id)",
    """CREATE TABLE claim_links (
        claim_id INTEGER NOT NULL REFERENCES claims(id),
        earlier_id INTEGER NOT NULL REFERENCES claims(id),
        score REAL NOT NULL,
        kind TEXT NOT NULL DEFAULT 'related',
        PRIMARY KEY (claim_id, earlier_id)
    )""",
    "CREATE INDEX idx_links_earlier ON claim_links(earlier_id)",
]


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    for statement in _INITIAL:
        db.execute(statement)


_DESK_COLUMNS = [
    "ALTER TABLE claims ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE claims ADD COLUMN evidence TEXT",
    "ALTER TABLE claims ADD COLUMN deleted_at TEXT",
    "ALTER TABLE claim_history ADD COLUMN evidence TEXT",
    "ALTER TABLE claim_history ADD COLUMN source_claim_id INTEGER",
    "ALTER TABLE articles ADD COLUMN author TEXT",
    "ALTER TABLE articles ADD COLUMN origin TEXT",
]


@migrations(name="m002_desk")
def m002_desk(db: Database) -> None:
    """Flags, evidence links and soft deletion of claims; article author and origin; full-text search."""
    for statement in _DESK_COLUMNS:
        db.execute(statement)
    db["claims"].enable_fts(["text", "speaker", "note"], create_triggers=True, tokenize="porter")
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


# The verdicts view gives exactly the rows of the CSV export (store/export.py reads from it): one per claim that
# is not deleted, its article, its verdict, and the ids of the earlier claims it matches, best first.
_VERDICTS_VIEW = """CREATE VIEW verdicts AS
SELECT c.id AS claim_id, a.id AS article_id, a.title AS article_title, a.url AS article_url,
       a.source AS article_source, a.published AS published, c.text AS claim, c.speaker AS speaker,
       c.type AS claim_type, ROUND(c.score, 4) AS checkworthiness, c.status AS status, c.note AS note,
       c.reviewer AS reviewer, c.reviewed_at AS reviewed_at,
       (SELECT GROUP_CONCAT(earlier_id, ' ') FROM
           (SELECT earlier_id FROM claim_links l WHERE l.claim_id = c.id ORDER BY l.score DESC, l.earlier_id)
       ) AS matched_claim_ids,
       c.evidence AS evidence, c.origin AS claim_origin, a.content_hash AS article_hash
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE c.deleted_at IS NULL"""


@migrations(name="m003_exchange")
def m003_exchange(db: Database) -> None:
    """The ``verdicts`` view (the CSV export as a table) and indexes for the export filters."""
    db.execute(_VERDICTS_VIEW)
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


# The change journal of claims: every insert, delete, or change of a claim's text, speaker, article or deletion
# mark appends its claim id, whoever writes (this process, another one, a triggered edit). A match index snapshot
# records the last change it includes; the changes after it are all a process applies on opening it.
_MATCH_JOURNAL = [
    "CREATE TABLE claim_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, claim_id INTEGER NOT NULL,"
    " tag INTEGER NOT NULL DEFAULT (random()))",
    """CREATE TRIGGER claim_changes_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claim_changes (claim_id) VALUES (new.id); END""",
    """CREATE TRIGGER claim_changes_update AFTER UPDATE OF text, speaker, article_id, deleted_at ON claims BEGIN
        INSERT INTO claim_changes (claim_id) VALUES (new.id); END""",
    """CREATE TRIGGER claim_changes_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claim_changes (claim_id) VALUES (old.id); END""",
    "CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "INSERT INTO archive_meta (key, value) VALUES ('archive_id', lower(hex(randomblob(16))))",
]


@migrations(name="m005_match_journal")
def m005_match_journal(db: Database) -> None:
    """The claims' change journal (for persisted match indexes) and the archive's own id."""
    for statement in _MATCH_JOURNAL:
        db.execute(statement)


_EARLIER_CHECKS = [
    "ALTER TABLE articles ADD COLUMN earlier_check INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE articles ADD COLUMN subtitle TEXT",
    "UPDATE articles SET earlier_check = 1 WHERE id IN (SELECT article_id FROM claims WHERE origin = 'imported')",
    "CREATE INDEX idx_articles_queue ON articles(earlier_check, id)",
    # The full-text triggers re-indexed a row on ANY update (a verdict, a flag, linked_at): only when a column
    # the index holds changes now, so a decision or a million checks marked linked cost no re-indexing. An
    # imported check is indexed once, through its article (title = headline, text = the claim): claims_fts holds
    # the claims of loaded articles only, so a bulk import tokenizes each check once, not twice.
    "INSERT INTO claims_fts (claims_fts, rowid, text, speaker, note)"
    " SELECT 'delete', id, text, speaker, note FROM claims WHERE origin = 'imported'",
    "DROP TRIGGER IF EXISTS claims_ai",
    "DROP TRIGGER IF EXISTS claims_ad",
    "DROP TRIGGER IF EXISTS claims_au",
    """CREATE TRIGGER claims_ai AFTER INSERT ON claims WHEN new.origin != 'imported' BEGIN
        INSERT INTO claims_fts (rowid, text, speaker, note) VALUES (new.rowid, new.text, new.speaker, new.note);
    END""",
    """CREATE TRIGGER claims_ad AFTER DELETE ON claims WHEN old.origin != 'imported' BEGIN
        INSERT INTO claims_fts (claims_fts, rowid, text, speaker, note)
            VALUES ('delete', old.rowid, old.text, old.speaker, old.note);
    END""",
    """CREATE TRIGGER claims_au AFTER UPDATE OF text, speaker, note ON claims WHEN old.origin != 'imported' BEGIN
        INSERT INTO claims_fts (claims_fts, rowid, text, speaker, note)
            VALUES ('delete', old.rowid, old.text, old.speaker, old.note);
        INSERT INTO claims_fts (rowid, text, speaker, note) VALUES (new.rowid, new.text, new.speaker, new.note);
    END""",
    "DROP TRIGGER IF EXISTS articles_au",
    """CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
]


@migrations(name="m006_earlier_checks")
def m006_earlier_checks(db: Database) -> None:
    """The review queue and the reference archive apart: ``articles.earlier_check`` is 1 for an earlier
    fact-check imported from another organisation (its title is the fact-check's headline, ``subtitle`` its
    subtitle or description), 0 for an article loaded to review."""
    for statement in _EARLIER_CHECKS:
        db.execute(statement)


_CONFLICTS = [
    """CREATE TABLE claim_conflicts (
        claim_id INTEGER NOT NULL REFERENCES claims(id),
        other_id INTEGER NOT NULL REFERENCES claims(id),
        differs TEXT NOT NULL,
        PRIMARY KEY (claim_id, other_id)
    )""",
    "CREATE INDEX idx_conflicts_other ON claim_conflicts(other_id)",
]


@migrations(name="m007_conflicts")
def m007_conflicts(db: Database) -> None:
    """``claim_conflicts``: two claims on one subject that disagree (a place, a number, a date, a negation), the
    later claim first, with what differs (claims.match.conflicts); within one article or across articles."""
    for statement in _CONFLICTS:
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
    db.execute(_VERDICTS_VIEW.replace(
        "       c.evidence AS evidence, c.origin AS claim_origin, a.content_hash AS article_hash\n",
        "       c.evidence AS evidence, c.origin AS claim_origin, a.content_hash AS article_hash,\n"
        "       c.rank AS rank, c.highlighted AS highlighted\n"))


_TEAM = [
    "ALTER TABLE claims ADD COLUMN assigned_to TEXT",
    "ALTER TABLE claims ADD COLUMN assigned_at TEXT",
    "ALTER TABLE claims ADD COLUMN signoff TEXT",
    "ALTER TABLE claims ADD COLUMN second_reviewer TEXT",
    "ALTER TABLE claims ADD COLUMN second_reviewed_at TEXT",
    """CREATE TABLE claim_signoffs (
        id INTEGER PRIMARY KEY,
        claim_id INTEGER NOT NULL REFERENCES claims(id),
        first_reviewer TEXT,
        first_status TEXT NOT NULL,
        first_at TEXT,
        second_reviewer TEXT NOT NULL,
        outcome TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX idx_signoffs_claim ON claim_signoffs(claim_id)",
    "CREATE INDEX idx_claims_assigned ON claims(assigned_to, status)",
    "CREATE INDEX idx_claims_signoff ON claims(signoff)",
    "CREATE INDEX idx_history_reviewer ON claim_history(reviewer, at)",
]


@migrations(name="m009_team")
def m009_team(db: Database) -> None:
    """The team workflow (store.team, store.review). ``claims.assigned_to``/``assigned_at``: the reviewer a claim
    is assigned to and since when. ``claims.signoff`` (NULL: no second review asked; "awaiting", "confirmed",
    "reopened"), ``second_reviewer``, ``second_reviewed_at``: the second review of its verdict. ``claim_signoffs``:
    one row per second review given (the first verdict, who gave it and when; who reviewed it second, the outcome
    "confirmed" or "reopened", when), for the agreement statistics. Plain columns and tables, no triggers."""
    for statement in _TEAM:
        db.execute(statement)


# A vector is dropped by the write that makes it stale, whoever writes: a claim's new text (a span edit, a split)
# or an earlier check's new title; `claimdesk embed` (or the next load or import) makes it again.
_VECTORS = [
    """CREATE TABLE claim_vectors (
        claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        claim BLOB NOT NULL,
        title BLOB
    )""",
    "CREATE INDEX idx_vectors_model ON claim_vectors(model)",
    """CREATE TRIGGER claim_vectors_text AFTER UPDATE OF text ON claims WHEN old.text IS NOT new.text BEGIN
        DELETE FROM claim_vectors WHERE claim_id = new.id; END""",
    """CREATE TRIGGER claim_vectors_title AFTER UPDATE OF title ON articles
        WHEN old.title IS NOT new.title AND new.earlier_check = 1 BEGIN
        DELETE FROM claim_vectors WHERE claim_id IN (SELECT id FROM claims WHERE article_id = new.id); END""",
]


@migrations(name="m010_vectors")
def m010_vectors(db: Database) -> None:
    """``claim_vectors``: one sentence vector per claim and model (claims.match.encoder), made by loads, imports
    and `claimdesk embed`; none is made here (an upgraded archive's claims are embedded by `claimdesk embed`)."""
    for statement in _VECTORS:
        db.execute(statement)


def known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]
