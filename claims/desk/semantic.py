"""Semantic matching on or off for an archive, and its vectors kept in step with the matcher.

Matching uses sentence embeddings (claims.match.semantic) when the encoder is installed (claims.match.encoder), the
shipped model is there, the archive holds at most SEMANTIC_MAX claims, and every claim has its vector (stored as it
was loaded or imported: claims.desk.embed). A few claims without one (a reviewer edited them, a load failed to
store them) are embedded on the spot, up to EMBED_ON_OPEN; more than that, and matching
stays lexical until `claimdesk embed` has made them. The vectors are read from the archive once per process (about
0.1 s per 10,000 claims), never made at start-up; they are held in memory (768 bytes a claim), which is what
SEMANTIC_MAX bounds.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence

import numpy as np

from claims.desk.embed import embed_claims, vector_rows
from claims.match import encoder as sentence_encoder
from claims.match.dense import DenseVectors, from_bytes
from claims.match.matcher import Matcher
from claims.match.semantic import load_model
from store.interface import Archive

SEMANTIC_MAX = 200_000  # claims up to which matching is semantic (their vectors in memory: about 150 MB)
EMBED_ON_OPEN = 500  # claims without a vector that opening the matcher embeds itself
CACHE = 4_096  # recent texts whose vectors are kept (a load embeds its claims, then matches them)


class CachedEncoder:
    """The process's sentence encoder with the vectors of the last CACHE texts kept (thread-safe): a load embeds
    its claims to store them, then matches them, and each is encoded once."""

    def __init__(self, encoder: sentence_encoder.Encoder):
        self.encoder = encoder
        self._lock = threading.Lock()
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Vectors already made for these texts."""
        with self._lock:
            for text, vector in zip(texts, vectors, strict=True):
                self._recent[sentence_encoder.normalise(text)] = np.asarray(vector, dtype=np.float32)
                self._recent.move_to_end(sentence_encoder.normalise(text))
            while len(self._recent) > CACHE:
                self._recent.popitem(last=False)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [sentence_encoder.normalise(text) for text in texts]
        with self._lock:
            known = {k: self._recent[k] for k in keys if k in self._recent}
        missing = sorted({k for k in keys if k not in known})
        if missing:
            made = self.encoder.encode(missing)
            known.update(zip(missing, made, strict=True))
            self.remember(missing, made)
        return np.array([known[k] for k in keys], dtype=np.float32).reshape(len(keys), sentence_encoder.DIMS)

    __call__ = encode


_cached: CachedEncoder | None = None
_cached_lock = threading.Lock()


def cached_encoder() -> CachedEncoder | None:
    """The process's one encoder, with its cache; None when it is not installed."""
    global _cached
    with _cached_lock:
        if _cached is None and (shared := sentence_encoder.shared_encoder()) is not None:
            _cached = CachedEncoder(shared)
        return _cached


def attach(matcher: Matcher, store: Archive, claim_ids: list[int] | None = None) -> bool:
    """Turn semantic matching on for `matcher` when it can be: it holds the whole archive's claims, or only
    `claim_ids`, and each of them has its vector (at most EMBED_ON_OPEN are embedded now). An empty archive is on
    from its first load; one whose claims were never embedded is not. True if it is on."""
    model, encode = load_model(), cached_encoder()
    held = len(matcher) if claim_ids is None else len(claim_ids)
    if model is None or encode is None or held > SEMANTIC_MAX:
        return False
    if held and next(store.all_vectors(sentence_encoder.MODEL_ID, batch=1), None) is None:
        return False  # an archive never embedded (told apart without counting it): `claimdesk embed` turns it on
    if claim_ids is None:
        embedded, claims = store.vector_counts(sentence_encoder.MODEL_ID)
        if claims - embedded > EMBED_ON_OPEN:
            return False
        if embedded < claims:
            embed_claims(store, encode)
        rows = store.all_vectors(sentence_encoder.MODEL_ID)
    else:
        found = store.vectors_of(claim_ids, sentence_encoder.MODEL_ID)
        if len(claim_ids) - len(found) > EMBED_ON_OPEN:
            return False
        if len(found) < len(claim_ids):
            embed_these(store, [claim_id for claim_id in claim_ids if claim_id not in found], encode)
            found = store.vectors_of(claim_ids, sentence_encoder.MODEL_ID)
        rows = ((claim_id, claim, title) for claim_id, (claim, title) in found.items())
    matcher.use_semantics(DenseVectors.from_rows(rows), encode, model)
    return True


def refresh(matcher: Matcher, store: Archive, claim_ids: Iterable[int]) -> None:
    """Bring the vectors of claims that changed (added, edited, deleted) up to date; a live claim without one is
    embedded now (an edit drops its vector)."""
    if not matcher.semantic:
        return
    ids = list(claim_ids)
    stored = store.vectors_of(ids, sentence_encoder.MODEL_ID)
    if len(stored) < len(ids):
        embed_these(store, [claim_id for claim_id in ids if claim_id not in stored], cached_encoder())
        stored = store.vectors_of(ids, sentence_encoder.MODEL_ID)
    for claim_id in ids:
        claim, title = stored.get(claim_id, (None, None))
        matcher.put_vectors(claim_id, from_bytes(claim), from_bytes(title))


def embed_these(store: Archive, claim_ids: list[int], encode: CachedEncoder) -> None:
    """Embed and store these claims (the live ones; an imported check with its title)."""
    claims = list(store.indexed_claims(claim_ids))
    if claims:
        texts = [claim.text for claim in claims]
        rows = vector_rows(encode, [claim.id for claim in claims], texts, [claim.title for claim in claims])
        store.save_vectors(rows, texts=texts)


def remember(matcher: Matcher, store: Archive, claim_ids: list[int]) -> None:
    """Put the stored vectors of these claims (about to be searched for) in the encoder's cache by their text."""
    if not matcher.semantic or _cached is None:
        return
    stored = store.vectors_of(claim_ids, sentence_encoder.MODEL_ID)
    ids = list(stored)
    _cached.remember([store.claim(claim_id).text for claim_id in ids],
                     [sentence_encoder.dequantise(stored[claim_id][0]) for claim_id in ids])
