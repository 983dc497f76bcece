"""Claims' sentence vectors in the archive (store.vectors, migration m010), on both backends: saved and read back
per model, streamed to embed in id order with an imported check's title, gone with their claim, and dropped by
every write that changes the text they stand for (so no claim is ever matched with a stale vector)."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, content_hash
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import ImportedVerdict

MODEL, OTHER = "test-model-v1", "other-model-v1"
TEXT = "The flood forced 6,000 people from their homes, the ministry said. The dam will cost 4.2 billion crowns."
CHECKS = [
    ImportedVerdict("The dam will cost 4.2 billion crowns.", "disputed", "False", "https://fc.example/1", None,
                    "2026-04-01", "FactDesk", title="No, the dam will not cost that much"),
    ImportedVerdict("Exports rose 3% in March.", "verified", "True", "https://fc.example/2", None, None, "FactDesk"),
]


def vector(n: int) -> bytes:
    return bytes([n % 128]) * 384


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-05-10T09:00:00Z") as s:
        with s.transaction():
            article_id = s.insert_article("Flood", TEXT, content_hash(TEXT), "Harbour Wire")
            s.loaded = s.insert_claims(article_id, [NewClaim(TEXT[:66], 0, 66, 0.9, "quantity", None),
                                                    NewClaim(TEXT[67:], 67, len(TEXT), 0.8, "quantity", None)])
        s.checks = add_earlier_checks(s, CHECKS, origin="import:checks.csv").claim_ids
        yield s


def test_vectors_are_saved_read_back_and_replaced_per_model(store):
    a, b = store.loaded
    store.save_vectors([(a, MODEL, vector(1), None), (b, MODEL, vector(2), vector(3))])
    assert store.vectors_of([a, b, 999], MODEL) == {a: (vector(1), None), b: (vector(2), vector(3))}
    assert store.vectors_of([a, b], OTHER) == {}
    store.save_vectors([(a, OTHER, vector(4), None)])  # another model's vector replaces it: never two of one claim
    assert store.vectors_of([a], MODEL) == {} and store.vectors_of([a], OTHER) == {a: (vector(4), None)}
    assert list(store.all_vectors(MODEL)) == [(b, vector(2), vector(3))]


def test_claims_to_embed_streams_every_claim_without_a_vector_in_id_order_with_an_imported_title(store):
    a, b = store.loaded
    c1, c2 = store.checks
    assert list(store.claims_to_embed(MODEL, batch=1)) == [
        (a, TEXT[:66], None), (b, TEXT[67:], None),
        (c1, "The dam will cost 4.2 billion crowns.", "No, the dam will not cost that much"),
        (c2, "Exports rose 3% in March.", None)]  # no headline: the title is the claim, nothing more to embed
    store.save_vectors([(b, MODEL, vector(1), None), (c1, MODEL, vector(2), vector(3))])
    assert [row[0] for row in store.claims_to_embed(MODEL)] == [a, c2]
    assert [row[0] for row in store.claims_to_embed(MODEL, after_id=a)] == [c2]
    assert [row[0] for row in store.claims_to_embed(OTHER)] == [a, b, c1, c2]
    assert store.vector_counts(MODEL) == (2, 4)


def test_a_deleted_claim_is_neither_embedded_nor_served(store):
    a, b = store.loaded
    store.save_vectors([(a, MODEL, vector(1), None)])
    store.delete_claim(a, "ana")
    store.delete_claim(b, "ana")
    assert a not in [row[0] for row in store.claims_to_embed(MODEL)]
    assert b not in [row[0] for row in store.claims_to_embed(MODEL)]
    assert list(store.all_vectors(MODEL)) == [] and store.vector_counts(MODEL) == (0, 2)


def test_a_vector_goes_with_its_claim(store):
    with store.transaction():
        (gone,) = store.insert_claims(1, [NewClaim("The dam", 67, 74, 0.1, "other", None)])
    store.save_vectors([(gone, MODEL, vector(5), None)])
    store.execute("DELETE FROM claims WHERE id = ?", [gone])
    assert store.execute("SELECT COUNT(*) FROM claim_vectors WHERE claim_id = ?", [gone])[0][0] == 0


def test_a_new_text_drops_the_vector_in_the_same_transaction(store):
    a, b = store.loaded
    c1, c2 = store.checks
    store.save_vectors([(row, MODEL, vector(row), None) for row in (a, b, c1, c2)])
    store.decide(a, "verified", "ana", "checked")  # a verdict leaves the text, and the vector, as they were
    store.change_span(b, 67, 75, "ana")
    assert set(store.vectors_of([a, b], MODEL)) == {a}
    store.save_vectors([(b, MODEL, vector(9), None)])
    first, second = store.split_claim(a, 30, "ana")
    assert store.vectors_of([a, b, second.id], MODEL) == {b: (vector(9), None)}
    store.update_article_metadata(store.claim(c1).article_id, "A new headline", "FactDesk", None, None)
    assert set(store.vectors_of([c1, c2], MODEL)) == {c2}
    assert [row[0] for row in store.claims_to_embed(MODEL)] == [a, c1, second.id]


def test_a_vector_made_from_a_text_since_changed_is_not_saved(store):
    a, b = store.loaded
    text_then = store.claim(b).text
    store.change_span(b, 67, 75, "ana")  # a reviewer edits the claim while it is being embedded
    store.save_vectors([(a, MODEL, vector(1), None), (b, MODEL, vector(2), None)], texts=[TEXT[:66], text_then])
    assert set(store.vectors_of([a, b], MODEL)) == {a}
    assert [row[0] for row in store.claims_to_embed(MODEL)][:1] == [b]
