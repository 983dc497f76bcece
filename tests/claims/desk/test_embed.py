"""Claims embedded as they arrive (claims.desk.embed, claims.desk.load): a load stores its claims' vectors with
them, on both backends; a failing encoder never loses an article; `embed_claims` catches up on the rest and, when
stopped, goes on where it stopped."""

from __future__ import annotations

import pytest

from claims.desk.embed import embed_claims
from claims.desk.load import Loader
from claims.match.encoder import MODEL_ID, Encoder, dequantise, quantise
from claims.read.article import ArticleDraft
from store import NewClaim, Store, content_hash
from tests.claims.desk.test_load import SentenceExtractor

TEXT = ("The council cut the police budget by 12 percent in 2021. Penguins huddle together in the Antarctic winter. "
        "Exports of wheat doubled last year, the ministry said.")


@pytest.fixture
def store(backend_db):
    with Store(backend_db, clock=lambda: "2026-05-10T09:00:00Z") as s:
        yield s


def load(store, text: str = TEXT, **kwargs):
    draft = ArticleDraft("Budget", text, "in/1.txt", "Wire")
    return list(Loader(store, SentenceExtractor(), **kwargs).load([draft]))


def test_a_load_stores_its_claims_vectors_with_them(store, encoder):
    (result,) = load(store)
    claims = store.claims(result.article_id)
    assert result.status == "loaded" and len(claims) == 3
    assert store.vector_counts(MODEL_ID) == (3, 3) and list(store.claims_to_embed(MODEL_ID)) == []
    stored = store.vectors_of([c.id for c in claims], MODEL_ID)
    made = encoder.encode([c.text for c in claims])
    for claim, vector in zip(claims, made, strict=True):
        claim_vector, title_vector = stored[claim.id]
        assert float(dequantise(claim_vector) @ vector) > 0.9995 and title_vector is None


def test_a_broken_encoder_never_loses_the_article(store, tmp_path):
    (tmp_path / "model.onnx").write_bytes(b"not a model")
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    (result,) = load(store, encoder=Encoder(tmp_path))
    assert result.status == "loaded" and result.claims == 3
    assert store.vector_counts(MODEL_ID) == (0, 3)  # `claimdesk embed` makes them later


def test_a_load_without_embedding_stores_no_vector(store):
    load(store, embed=False)
    assert store.vector_counts(MODEL_ID) == (0, 3)


def add_claims(store: Store, count: int) -> list[int]:
    sentences = [f"The harbour budget grew by {n} percent in {1990 + n}." for n in range(count)]
    text = " ".join(sentences)
    claims, at = [], 0
    for sentence in sentences:
        claims.append(NewClaim(sentence, at, at + len(sentence), 0.9, "quantity", None))
        at += len(sentence) + 1
    with store.transaction():
        article_id = store.insert_article("Harbour", text, content_hash(text), "Wire")
        return store.insert_claims(article_id, claims)


def test_embedding_stopped_goes_on_where_it_stopped_and_a_second_run_does_nothing(store, encoder):
    ids = add_claims(store, 7)
    seen = []

    def stop_after_two_batches(count):
        seen.append(count)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        embed_claims(store, encoder, batch=3, progress=stop_after_two_batches)
    assert store.vector_counts(MODEL_ID) == (6, 7)  # both finished batches kept
    assert embed_claims(store, encoder, batch=3) == 1
    assert embed_claims(store, encoder, batch=3) == 0
    vectors = store.vectors_of(ids, MODEL_ID)
    again = encoder.encode([store.claim(i).text for i in ids])
    assert all(vectors[i][0] == quantise(v) for i, v in zip(ids, again, strict=True))
