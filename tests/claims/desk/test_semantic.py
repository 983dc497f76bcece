"""Semantic matching (claims.desk.semantic): an earlier check worded differently is found once the archive's claims
are embedded; until then matching stays lexical; the vectors follow edits, deletions and other programs' loads."""

from __future__ import annotations

import pytest

from claims.desk.embed import embed_claims
from claims.desk.load import Loader
from claims.desk.match_index import open_index
from claims.desk.semantic import attach
from claims.match.encoder import MODEL_ID
from claims.read.article import ArticleDraft
from store import Store
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict
from tests.claims.desk.test_load import SentenceExtractor

CHECKS = [
    "Drinking hot water every fifteen minutes kills the coronavirus.",
    "The city council voted to close every public library by next summer.",
    "A photo shows sharks swimming on a flooded highway after the hurricane.",
    "Eating two bananas a day prevents heart attacks.",
    "The mayor's salary was doubled last year.",
    "Wind turbines cause cancer in people living nearby.",
    "The governor banned the sale of gasoline cars starting in 2030.",
    "Unemployment among young people reached a record high in March.",
]
# (a sentence worded unlike any check, the check it repeats: None when none does)
REWORDED = [
    ("Pictures of a shark on a submerged freeway after the storm went viral.", CHECKS[2]),
    ("People who live close to wind farms are getting tumours, the leaflet claimed.", CHECKS[5]),
    ("The state will outlaw new petrol-powered vehicles from 2030.", CHECKS[6]),
    ("Penguins huddle together in the Antarctic winter.", None),
]


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-05-10T09:00:00Z") as s:
        checks = [ImportedVerdict(text, "disputed", "False", f"https://checks.example.org/{n}", None, None,
                                  "Example Checks") for n, text in enumerate(CHECKS)]
        add_earlier_checks(s, checks, origin="import:checks.csv")
        yield s


def matched(store: Store) -> dict[str, str | None]:
    """Each reworded sentence -> the check the archive's matcher shows first (None: nothing shown)."""
    matcher = open_index(store).matcher
    found = {}
    for text, _ in REWORDED:
        hits = matcher.search(text)
        found[text] = store.claim(hits[0].claim_id).text if hits else None
    return found


def test_an_embedded_archive_finds_checks_worded_differently_and_nothing_for_the_rest(store, encoder):
    lexical = matched(store)
    embed_claims(store, encoder)
    semantic = matched(store)
    assert semantic == {text: check for text, check in REWORDED}
    assert sum(lexical[text] == check for text, check in REWORDED if check) <= 1  # lexical matching misses them


def test_matching_stays_lexical_until_the_archive_is_embedded(store, encoder, monkeypatch):
    matcher = open_index(store).matcher
    assert not matcher.semantic
    monkeypatch.setattr("claims.desk.semantic.EMBED_ON_OPEN", 3)
    embed_claims(store, encoder)
    assert open_index(store).matcher.semantic
    # a few claims without a vector (a load that could not embed) are embedded when the matcher opens
    draft = ArticleDraft("Wire", "Bananas stop heart attacks, the post says. Penguins huddle in winter.", "a.txt", "W")
    list(Loader(store, SentenceExtractor(), embed=False).load([draft]))
    assert store.vector_counts(MODEL_ID) == (len(CHECKS), len(CHECKS) + 2)
    assert open_index(store).matcher.semantic and store.vector_counts(MODEL_ID) == (len(CHECKS) + 2,) * 2


def test_a_deleted_check_is_no_longer_found(store, encoder):
    embed_claims(store, encoder)
    index = open_index(store)
    (hit,) = index.matcher.search(REWORDED[0][0])
    assert index.matcher.semantic and store.claim(hit.claim_id).text == CHECKS[2]
    store.delete_claim(hit.claim_id, "ana")
    index.catch_up(store)
    assert index.matcher.search(REWORDED[0][0]) == []


def test_an_archive_never_embedded_stays_lexical_and_a_few_missing_vectors_are_made(store, encoder):
    claim_ids = [row[0] for row in store.claim_texts()]
    assert not attach(open_index(store).matcher, store, claim_ids)  # nothing embedded (no encoder at import)
    embed_claims(store, encoder)
    draft = ArticleDraft("Wire", "Bananas stop heart attacks, the post says.", "a.txt", "Wire")
    (loaded,) = Loader(store, SentenceExtractor(), embed=False).load([draft])
    (new_claim,) = store.claims(loaded.article_id)
    assert attach(open_index(store).matcher, store, [*claim_ids, new_claim.id])  # embedded on the spot
    assert store.vector_counts(MODEL_ID) == (len(CHECKS) + 1, len(CHECKS) + 1)
