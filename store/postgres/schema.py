"""The database schema on PostgreSQL: the same tables, columns and migration names as store.sqlite.schema's for SQLite.

Each migration here is the PostgreSQL text of the SQLite migration of the same name, so an archive's schema version
means the same on both backends, and `claimdesk copy` moves rows between them column for column. What PostgreSQL
does its own way:

- ids are ``BIGSERIAL`` (SQLite's ``INTEGER PRIMARY KEY``), scores ``DOUBLE PRECISION`` (SQLite's ``REAL``);
- full-text search is a GIN index over ``to_tsvector('english', …)`` (SQLite's FTS5 tables with porter);
- ``text_contains(haystack, needle)`` (store.text_match) is a SQL function over ``unaccent`` and ``lower``;
- ``archive_version.n`` counts committed changes (statement triggers): the app polls it as it polls SQLite's
  ``PRAGMA data_version``, to see other reviewers' decisions within a second;
- applied migrations are listed in ``claimdesk_migrations`` (SQLite: ``_sqlite_migrations``).
"""

from __future__ import annotations

from store.search_sql import ARTICLES_TSV, CLAIMS_TSV
from store.sqlite.schema import MIGRATION_SET, known_migrations

MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS claimdesk_migrations (
    migration_set TEXT NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (migration_set, name))"""

_BUMP = """CREATE OR REPLACE FUNCTION claimdesk_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE archive_version SET n = n + 1 WHERE id = 1; RETURN NULL; END $$"""


def _bumps(table: str) -> str:
    return (f"CREATE TRIGGER {table}_bump AFTER INSERT OR UPDATE OR DELETE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION claimdesk_bump()")


_VERDICTS_VIEW = """CREATE VIEW verdicts AS
SELECT c.id AS claim_id, a.id AS article_id, a.title AS article_title, a.url AS article_url,
       a.source AS article_source, a.published AS published, c.text AS claim, c.speaker AS speaker,
       c.type AS claim_type, ROUND(c.score::numeric, 4)::double precision AS checkworthiness, c.status AS status,
       c.note AS note, c.reviewer AS reviewer, c.reviewed_at AS reviewed_at,
       (SELECT string_agg(l.earlier_id::text, ' ' ORDER BY l.score DESC, l.earlier_id) FROM claim_links l
        WHERE l.claim_id = c.id) AS matched_claim_ids,
       c.evidence AS evidence, c.origin AS claim_origin, a.content_hash AS article_hash{more}
FROM claims c JOIN articles a ON a.id = c.article_id
WHERE c.deleted_at IS NULL"""


MIGRATIONS: dict[str, list[str]] = {
    "m001_initial": [
        """CREATE TABLE articles (
            id BIGSERIAL PRIMARY KEY, title TEXT NOT NULL, source TEXT, url TEXT, published TEXT, dateline TEXT,
            text TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE, loaded_at TEXT NOT NULL)""",
        """CREATE TABLE claims (
            id BIGSERIAL PRIMARY KEY, article_id BIGINT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, text TEXT NOT NULL, score DOUBLE PRECISION NOT NULL DEFAULT 0,
            type TEXT NOT NULL DEFAULT 'other', speaker TEXT, cue TEXT,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'disputed', 'unverified')),
            note TEXT, reviewer TEXT, reviewed_at TEXT, origin TEXT NOT NULL DEFAULT 'extracted',
            created_at TEXT NOT NULL)""",
        "CREATE INDEX idx_claims_article ON claims(article_id, start)",
        "CREATE INDEX idx_claims_status ON claims(status)",
        """CREATE TABLE claim_history (
            id BIGSERIAL PRIMARY KEY, claim_id BIGINT NOT NULL REFERENCES claims(id), at TEXT NOT NULL,
            reviewer TEXT, from_status TEXT, to_status TEXT NOT NULL, note TEXT,
            action TEXT NOT NULL DEFAULT 'status')""",
        "CREATE INDEX idx_history_claim ON claim_history(claim_id, id)",
        """CREATE TABLE claim_links (
            claim_id BIGINT NOT NULL REFERENCES claims(id), earlier_id BIGINT NOT NULL REFERENCES claims(id),
            score DOUBLE PRECISION NOT NULL, kind TEXT NOT NULL DEFAULT 'related',
            PRIMARY KEY (claim_id, earlier_id))""",
        "CREATE INDEX idx_links_earlier ON claim_links(earlier_id)",
        "CREATE TABLE archive_version (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL)",
        "INSERT INTO archive_version (id, n) VALUES (1, 0)",
        _BUMP,
        *(_bumps(table) for table in ("articles", "claims", "claim_history", "claim_links")),
    ],
    "m002_desk": [
        "ALTER TABLE claims ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE claims ADD COLUMN evidence TEXT",
        "ALTER TABLE claims ADD COLUMN deleted_at TEXT",
        "ALTER TABLE claim_history ADD COLUMN evidence TEXT",
        "ALTER TABLE claim_history ADD COLUMN source_claim_id BIGINT",
        "ALTER TABLE articles ADD COLUMN author TEXT",
        "ALTER TABLE articles ADD COLUMN origin TEXT",
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        """CREATE OR REPLACE FUNCTION text_contains(haystack TEXT, needle TEXT) RETURNS BOOLEAN
           LANGUAGE sql STABLE AS $$ SELECT CASE WHEN needle IS NULL OR needle = '' THEN TRUE
           WHEN haystack IS NULL THEN FALSE
           ELSE strpos(lower(unaccent(haystack)), lower(unaccent(needle))) > 0 END $$""",
        f"CREATE INDEX claims_fts ON claims USING gin ({CLAIMS_TSV}) WHERE origin <> 'imported'",
        f"CREATE INDEX articles_fts ON articles USING gin ({ARTICLES_TSV})",
    ],
    "m003_exchange": [
        _VERDICTS_VIEW.format(more=""),
        "CREATE INDEX IF NOT EXISTS idx_claims_reviewed ON claims(reviewed_at)",
        "CREATE INDEX IF NOT EXISTS idx_articles_url ON articles(url)",
    ],
    "m004_linked_at": [
        "ALTER TABLE claims ADD COLUMN linked_at TEXT",
        "UPDATE claims SET linked_at = created_at WHERE origin = 'imported'",
        "CREATE INDEX IF NOT EXISTS idx_claims_unlinked ON claims(origin) WHERE linked_at IS NULL",
    ],
    "m005_match_journal": [
        """CREATE TABLE claim_changes (seq BIGSERIAL PRIMARY KEY, claim_id BIGINT NOT NULL,
           tag BIGINT NOT NULL DEFAULT ((random() * 9007199254740991)::bigint))""",
        """CREATE FUNCTION claim_changes_log() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF TG_OP = 'DELETE' THEN INSERT INTO claim_changes (claim_id) VALUES (OLD.id);
             ELSE INSERT INTO claim_changes (claim_id) VALUES (NEW.id); END IF;
             RETURN NULL;
           END $$""",
        "CREATE TRIGGER claim_changes_insert AFTER INSERT ON claims FOR EACH ROW EXECUTE FUNCTION claim_changes_log()",
        """CREATE TRIGGER claim_changes_update AFTER UPDATE OF text, speaker, article_id, deleted_at ON claims
           FOR EACH ROW EXECUTE FUNCTION claim_changes_log()""",
        "CREATE TRIGGER claim_changes_delete AFTER DELETE ON claims FOR EACH ROW EXECUTE FUNCTION claim_changes_log()",
        "CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "INSERT INTO archive_meta (key, value) VALUES ('archive_id', md5(random()::text || clock_timestamp()::text))",
    ],
    "m006_earlier_checks": [
        "ALTER TABLE articles ADD COLUMN earlier_check INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE articles ADD COLUMN subtitle TEXT",
        "UPDATE articles SET earlier_check = 1 WHERE id IN (SELECT article_id FROM claims WHERE origin = 'imported')",
        "CREATE INDEX idx_articles_queue ON articles(earlier_check, id)",
    ],
    "m007_conflicts": [
        """CREATE TABLE claim_conflicts (
            claim_id BIGINT NOT NULL REFERENCES claims(id), other_id BIGINT NOT NULL REFERENCES claims(id),
            differs TEXT NOT NULL, PRIMARY KEY (claim_id, other_id))""",
        "CREATE INDEX idx_conflicts_other ON claim_conflicts(other_id)",
        _bumps("claim_conflicts"),
    ],
    "m008_ranking": [
        "ALTER TABLE claims ADD COLUMN rank INTEGER",
        "ALTER TABLE claims ADD COLUMN highlighted INTEGER NOT NULL DEFAULT 1",
        """UPDATE claims SET rank = ranked.n FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY article_id
           ORDER BY score DESC, start, id) AS n FROM claims) ranked WHERE ranked.id = claims.id""",
        "CREATE INDEX IF NOT EXISTS idx_claims_article_rank ON claims(article_id, rank)",
        "DROP VIEW IF EXISTS verdicts",
        _VERDICTS_VIEW.format(more=",\n       c.rank AS rank, c.highlighted AS highlighted"),
    ],
    "m009_team": [
        "ALTER TABLE claims ADD COLUMN assigned_to TEXT",
        "ALTER TABLE claims ADD COLUMN assigned_at TEXT",
        "ALTER TABLE claims ADD COLUMN signoff TEXT",
        "ALTER TABLE claims ADD COLUMN second_reviewer TEXT",
        "ALTER TABLE claims ADD COLUMN second_reviewed_at TEXT",
        """CREATE TABLE claim_signoffs (
            id BIGSERIAL PRIMARY KEY, claim_id BIGINT NOT NULL REFERENCES claims(id), first_reviewer TEXT,
            first_status TEXT NOT NULL, first_at TEXT, second_reviewer TEXT NOT NULL, outcome TEXT NOT NULL,
            at TEXT NOT NULL)""",
        "CREATE INDEX idx_signoffs_claim ON claim_signoffs(claim_id)",
        "CREATE INDEX idx_claims_assigned ON claims(assigned_to, status)",
        "CREATE INDEX idx_claims_signoff ON claims(signoff)",
        "CREATE INDEX idx_history_reviewer ON claim_history(reviewer, at)",
        _bumps("claim_signoffs"),
    ],
    # No archive_version bump: a vector written changes nothing a reviewer sees (the app need not refresh).
    "m010_vectors": [
        """CREATE TABLE claim_vectors (
            claim_id BIGINT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE, model TEXT NOT NULL,
            claim BYTEA NOT NULL, title BYTEA)""",
        "CREATE INDEX idx_vectors_model ON claim_vectors(model)",
        """CREATE FUNCTION claim_vectors_text() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN DELETE FROM claim_vectors WHERE claim_id = NEW.id; RETURN NULL; END $$""",
        """CREATE TRIGGER claim_vectors_text AFTER UPDATE OF text ON claims FOR EACH ROW
           WHEN (OLD.text IS DISTINCT FROM NEW.text) EXECUTE FUNCTION claim_vectors_text()""",
        """CREATE FUNCTION claim_vectors_title() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN DELETE FROM claim_vectors WHERE claim_id IN (SELECT id FROM claims WHERE article_id = NEW.id);
           RETURN NULL; END $$""",
        """CREATE TRIGGER claim_vectors_title AFTER UPDATE OF title ON articles FOR EACH ROW
           WHEN (OLD.title IS DISTINCT FROM NEW.title AND NEW.earlier_check = 1)
           EXECUTE FUNCTION claim_vectors_title()""",
    ],
}

assert list(MIGRATIONS) == known_migrations()[: len(MIGRATIONS)], "PostgreSQL migrations follow SQLite's names"


def applied(raw, create: bool = True) -> set[str]:
    """The migrations already applied to the database behind the psycopg connection ``raw`` (with ``create``, the
    table listing them is made first if it is missing)."""
    if create:
        raw.execute(MIGRATIONS_TABLE)
    rows = raw.execute("SELECT name FROM claimdesk_migrations WHERE migration_set = %s", [MIGRATION_SET])
    return {row[0] for row in rows}
