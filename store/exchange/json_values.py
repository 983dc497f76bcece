"""Values as SQLite's JSON functions write them, for PostgreSQL's exports to match SQLite's byte for byte
(store.exchange.json_text, and the ``links`` column of a CSV exported --with-articles: store.exchange.export)."""

from __future__ import annotations

import json

# A claim's links as a JSON array, best first (SQLite's: store.exchange.export.LINKS_SQL).
POSTGRES_LINKS = """(SELECT COALESCE(json_agg(json_build_object('earlier_id', earlier_id, 'score', score, 'kind', kind)
    ORDER BY score DESC, earlier_id), '[]'::json) FROM claim_links l WHERE l.claim_id = c.id)"""


def links_json(links: list[dict]) -> str:
    """PostgreSQL's links (POSTGRES_LINKS, read back as a list) as SQLite's JSON text: a score is REAL there."""
    return sqlite_json([{**link, "score": float(link["score"])} for link in links])


def sqlite_json(value: object) -> str:
    """``value`` as SQLite's JSON functions write it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return sqlite_real(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ",".join(f"{sqlite_json(str(k))}:{sqlite_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(sqlite_json(item) for item in value) + "]"
    return sqlite_json(str(value))


def sqlite_real(number: float) -> str:
    """A real as SQLite prints one in JSON (``%!.15g``): 0.5, 1.0, 1.0e+20."""
    if number != number or number in (float("inf"), float("-inf")):
        return "null"
    text = f"{number:.15g}"
    mantissa, _, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return f"{mantissa}e{exponent}" if exponent else mantissa
