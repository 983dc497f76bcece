"""Full-text search, the one part of a query each backend says its own way: FTS5 on SQLite, tsvector on PostgreSQL.

A search is "every word the user typed occurs, the last may be the start of a word", best match first. On SQLite
the words become an FTS5 query (``"flood" "displac"*``) over the ``claims_fts`` / ``articles_fts`` tables; on
PostgreSQL a tsquery (``flood & displac:*``) over the GIN indexes of store.postgres.schema (the same English
stemming as FTS5's porter tokenizer). `FullText` gives the FROM, WHERE and ORDER BY pieces; the store's modules
write the rest of the query once for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The texts PostgreSQL indexes (store.postgres.schema builds its GIN indexes on exactly these expressions).
CLAIMS_TSV = "to_tsvector('english', coalesce(text, '') || ' ' || coalesce(speaker, '') || ' ' || coalesce(note, ''))"
ARTICLES_TSV = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def fts_query(words: str) -> str | None:
    """The user's words as a safe FTS5 query: every word must occur; the last may be a prefix."""
    tokens = words_of(words)
    if not tokens:
        return None
    quoted = [f'"{t}"' for t in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


def ts_query(words: str) -> str | None:
    """The same as a PostgreSQL tsquery text: every word (a lexeme), the last a prefix."""
    tokens = words_of(words)
    if not tokens:
        return None
    return " & ".join(tokens[:-1] + [f"{tokens[-1]}:*"])


@dataclass(frozen=True)
class FullText:
    """Pieces of a full-text query on claims (alias ``c``) or articles (alias ``a``)."""

    source: str  # FROM … (the searched table under its alias, and the index when it is a table of its own)
    where: str  # the match condition, taking the query as one parameter
    order: str  # best first
    query: str | None  # the parameter: the words as this backend's query text (None: no words)


def claims_text(dialect: str, words: str) -> FullText:
    """Loaded claims whose text, speaker or note hold every word."""
    if dialect == "postgresql":
        vector = _aliased(CLAIMS_TSV, "c", ("text", "speaker", "note"))
        return FullText("claims c", f"c.origin <> 'imported' AND {vector} @@ to_tsquery('english', ?)",
                        f"ts_rank({vector}, to_tsquery('english', ?)) DESC, c.id", ts_query(words))
    return FullText("claims_fts JOIN claims c ON c.rowid = claims_fts.rowid", "claims_fts MATCH ?",
                    "claims_fts.rank", fts_query(words))


def articles_text(dialect: str, words: str) -> FullText:
    """Articles (loaded, or earlier checks: title = headline, text = the claim) whose title or text hold every word."""
    if dialect == "postgresql":
        vector = _aliased(ARTICLES_TSV, "a", ("title", "text"))
        return FullText("articles a", f"{vector} @@ to_tsquery('english', ?)",
                        f"ts_rank({vector}, to_tsquery('english', ?)) DESC, a.id", ts_query(words))
    return FullText("articles_fts JOIN articles a ON a.rowid = articles_fts.rowid", "articles_fts MATCH ?",
                    "articles_fts.rank", fts_query(words))


def snippet(dialect: str, query_param: str) -> str:
    """SQL for a dozen words of ``a.text`` around the matched words, without marks."""
    if dialect == "postgresql":
        return (f"ts_headline('english', a.text, to_tsquery('english', {query_param}),"
                " 'StartSel=\"\", StopSel=\"\", MaxWords=12, MinWords=6, ShortWord=0')")
    return "snippet(articles_fts, 1, '', '', '…', 12)"


def order_params(dialect: str, text: FullText) -> list:
    """The parameters the ORDER BY piece takes (PostgreSQL ranks by the query again; FTS5 knows its rank)."""
    return [text.query] if dialect == "postgresql" else []


def _aliased(vector: str, alias: str, columns: tuple[str, ...]) -> str:
    for column in columns:
        vector = re.sub(rf"(?<![\w.]){column}\b(?!\s*\()", f"{alias}.{column}", vector)
    return vector
