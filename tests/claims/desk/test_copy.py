"""`claimdesk copy --merge` (claims.desk.copy) carries the source's sentence vectors with the claims it merges, on
every route between SQLite and PostgreSQL: a claim added or found by its text gets its source claim's vector (an
earlier check its title's too); a claim that already has one keeps it; a claim whose text differs gets none;
vectors of another model stay behind."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claims.desk import semantic
from claims.desk.copy import copy_archive
from claims.match.encoder import MODEL_ID
from store import Store, content_hash
from tests.store.full_archive import ARTICLES, fill, sentences

CLOCK = "2026-05-10T09:00:00Z"
ROUTES = [("sqlite", "sqlite"), pytest.param(("sqlite", "postgres"), marks=pytest.mark.postgres),
          pytest.param(("postgres", "sqlite"), marks=pytest.mark.postgres)]
EVERY_CLAIM = "SELECT c.id, a.title, c.text FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY c.id"


def vector(n: int) -> bytes:
    """A made-up vector no other claim has (the store never looks inside)."""
    return n.to_bytes(4, "big", signed=True) * 96


@pytest.fixture(params=ROUTES, ids=lambda route: "-to-".join(route))
def route(request):
    return request.param


@pytest.fixture
def source(route, new_archive):
    """The full archive, each claim with a vector of the shipped model (a check's title too), but the last claim
    whose vector is of another model."""
    with Store(new_archive(route[0]), clock=lambda: CLOCK) as store:
        fill(store)
        ids = [row[0] for row in store.execute("SELECT id FROM claims ORDER BY id")]
        checks = {row[0] for row in store.execute("SELECT id FROM claims WHERE origin = 'imported'")}
        store.save_vectors([(claim_id, MODEL_ID, vector(claim_id), vector(-claim_id) if claim_id in checks else None)
                            for claim_id in ids[:-1]] + [(ids[-1], "another-model", vector(0), None)])
        yield store


@pytest.fixture
def target(route, new_archive):
    """The source's first article with its sentences unsplit: the first one's span takes the space after it (its
    text differs), the second has a vector of its own, the third one of an older model."""
    title, where, text = ARTICLES[0]
    with Store(new_archive(route[1]), clock=lambda: CLOCK) as store:
        claims = sentences(text)
        claims[0] = replace(claims[0], text=claims[0].text + " ", end=claims[0].end + 1)
        with store.transaction():
            ids = store.insert_claims(store.insert_article(title, text, content_hash(text), where), claims)
        store.save_vectors([(ids[1], MODEL_ID, vector(1_000_000), None), (ids[2], "older-model", vector(0), None)])
        yield store


def test_merged_claims_get_their_source_vectors(source, target, monkeypatch):
    monkeypatch.setattr(semantic, "EMBED_ON_OPEN", 0)  # matching embeds nothing on the spot: every vector is carried
    first, second, third = (row[0] for row in target.execute("SELECT id FROM claims ORDER BY id LIMIT 3"))
    mine = target.vectors_of([first, second, third], MODEL_ID)
    theirs = source.vectors_of([row[0] for row in source.execute("SELECT id FROM claims")], MODEL_ID)
    every = source.execute(EVERY_CLAIM)
    by_text = {(title, text): theirs[claim_id] for claim_id, title, text in every if claim_id in theirs}
    outcome = copy_archive(source, target, merge=True, index=False)
    assert outcome.merged.added > 5 and outcome.checks_added == 2
    expected = {}
    for claim_id, title, text in target.execute(EVERY_CLAIM):
        if claim_id in mine or (title, text) in by_text:
            expected[claim_id] = mine.get(claim_id) or by_text[(title, text)]
    ids = [row[0] for row in target.execute("SELECT id FROM claims")]
    assert target.vectors_of(ids, MODEL_ID) == expected
    assert sum(title is not None for _, title in expected.values()) == 2  # the checks' title vectors
    assert first not in expected and target.claim(first).text.endswith(" ")  # its text differs: left to embed
    assert expected[second] == mine[second] and third in expected  # its own kept; the older model's replaced
    other = [claim_id for claim_id, title, text in target.execute(EVERY_CLAIM) if (title, text) == every[-1][1:]]
    assert other and other[0] not in expected  # merged, but its vector was of another model


def test_a_second_merge_changes_no_vector(source, target, monkeypatch):
    monkeypatch.setattr(semantic, "EMBED_ON_OPEN", 0)
    copy_archive(source, target, merge=True, index=False)
    ids = [row[0] for row in target.execute("SELECT id FROM claims")]
    before = target.vectors_of(ids, MODEL_ID)
    copy_archive(source, target, merge=True, index=False)
    assert target.vectors_of(ids, MODEL_ID) == before and len(before) > 5
