"""The SQL text the SQLite migrations of store.sqlite.schema run: each migration's tables, columns, indexes,
triggers and the ``verdicts`` view, one list of statements per migration (m001 INITIAL, m002 DESK_COLUMNS, m003
VERDICTS_VIEW, m005 MATCH_JOURNAL, m006 EARLIER_CHECKS, m007 CONFLICTS, m009 TEAM, m010 VECTORS; m004 and m008 hold
their few statements themselves). Migrations are applied to existing databases: a statement here never changes
once released, a new one goes into a new migration."""

from __future__ import annotations

INITIAL = [
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


DESK_COLUMNS = [
    "ALTER TABLE claims ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE claims ADD COLUMN evidence TEXT",
    "ALTER TABLE claims ADD COLUMN deleted_at TEXT",
    "ALTER TABLE claim_history ADD COLUMN evidence TEXT",
    "ALTER TABLE claim_history ADD COLUMN source_claim_id INTEGER",
    "ALTER TABLE articles ADD COLUMN author TEXT",
    "ALTER TABLE articles ADD COLUMN origin TEXT",
]


# The verdicts view gives exactly the rows of the CSV export (store/export.py reads from it): one per claim that
# is not deleted, its article, its verdict, and the ids of the earlier claims it matches, best first.
VERDICTS_VIEW = """CREATE VIEW verdicts AS
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


# The change journal of claims: every insert, delete, or change of a claim's text, speaker, article or deletion
# mark appends its claim id, whoever writes (this process, another one, a triggered edit). A match index snapshot
# records the last change it includes; the changes after it are all a process applies on opening it.
MATCH_JOURNAL = [
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


EARLIER_CHECKS = [
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


CONFLICTS = [
    """CREATE TABLE claim_conflicts (
        claim_id INTEGER NOT NULL REFERENCES claims(id),
        other_id INTEGER NOT NULL REFERENCES claims(id),
        differs TEXT NOT NULL,
        PRIMARY KEY (claim_id, other_id)
    )""",
    "CREATE INDEX idx_conflicts_other ON claim_conflicts(other_id)",
]


TEAM = [
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


# A vector is dropped by the write that makes it stale, whoever writes: a claim's new text (a span edit, a split)
# or an earlier check's new title; `claimdesk embed` (or the next load or import) makes it again.
VECTORS = [
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
