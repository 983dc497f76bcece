"""Embedding claims for semantic matching: each claim's sentence vector (and an imported check's title's) made by
claims.match.encoder and stored in the archive (store.vectors), so nothing is embedded again at start-up.

Three callers: `claimdesk embed` (every claim without a vector: `embed_claims`), `claimdesk load` and the app's
load dialog (an article's claims as it is stored: `vector_rows`, through claims.desk.load.Loader), and
`claimdesk import` (the checks it added, up to EMBED_AT_IMPORT of them: `embed_after_import`). Vectors are
stored `batch` claims to a transaction, after the claims themselves are committed: stopping an embed loses at
most the batch under way, and the next run goes on where it stopped (it asks only for claims without a vector).
A claim edited while it was being embedded keeps no vector (store.vectors.save_vectors with ``texts``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from claims.match.encoder import MODEL_ID, Encoder, quantise, shared_encoder
from store.interface import Archive

BATCH = 256  # claims per encode and per transaction
EMBED_AT_IMPORT = 50_000  # an import embeds the checks it added up to this many (about 5 min on one core)
MISSING = ("semantic matching needs the sentence encoder (onnxruntime, tokenizers and the model files of "
           "claims/match/data/minilm/), which is not installed here; matching stays lexical.")

Progress = Callable[[int], None]  # called with how many claims were just embedded


class EncoderMissing(Exception):
    """The encoder (runtime or model files) is not installed; the message says so in one sentence."""

    def __init__(self) -> None:
        super().__init__(MISSING)


def vector_rows(encoder: Encoder, claim_ids: Sequence[int], texts: Sequence[str],
                titles: Sequence[str | None] | None = None) -> list[tuple[int, str, bytes, bytes | None]]:
    """The rows store.save_vectors takes for these claims (claims and titles encoded in one call)."""
    titles = titles or [None] * len(texts)
    with_title = [n for n, title in enumerate(titles) if title]
    vectors = encoder.encode([*texts, *(titles[n] for n in with_title)])
    title_of = dict(zip(with_title, vectors[len(texts):], strict=True))
    return [(claim_id, MODEL_ID, quantise(vectors[n]), quantise(title_of[n]) if n in title_of else None)
            for n, claim_id in enumerate(claim_ids)]


def rows_from(claim_ids: Sequence[int], vectors: np.ndarray) -> list[tuple[int, str, bytes, None]]:
    """Rows for claims already encoded (a load encodes its claims before it matches them)."""
    return [(claim_id, MODEL_ID, quantise(vector), None) for claim_id, vector in zip(claim_ids, vectors, strict=True)]


def embed_claims(store: Archive, encoder: Encoder | None = None, batch: int = BATCH, after_id: int = 0,
                 progress: Progress | None = None) -> int:
    """Embed every live claim after ``after_id`` that has no vector of this model; returns how many were.
    EncoderMissing (nothing changed) when the encoder is not installed."""
    encoder = encoder or shared_encoder()
    if encoder is None:
        raise EncoderMissing
    done, pending = 0, []
    for row in store.claims_to_embed(MODEL_ID, batch, after_id):
        pending.append(row)
        if len(pending) >= batch:
            done += _store_batch(store, encoder, pending, progress)
            pending = []
    if pending:
        done += _store_batch(store, encoder, pending, progress)
    return done


def _store_batch(store: Archive, encoder: Encoder, rows: list[tuple[int, str, str | None]],
                 progress: Progress | None) -> int:
    ids, texts, titles = zip(*rows, strict=True)
    store.save_vectors(vector_rows(encoder, ids, texts, titles), texts=list(texts))
    if progress is not None:
        progress(len(rows))
    return len(rows)


@dataclass(frozen=True)
class ImportEmbedding:
    """What an import did about its checks' vectors."""

    embedded: int = 0
    left: int = 0  # checks it added and did not embed (`claimdesk embed` does)
    why: str = ""  # "", "over the cap", "turned off", "no encoder"
    cap: int = EMBED_AT_IMPORT  # the most an import embeds


def import_decision(added: int, embed: bool | None) -> str:
    """Why an import leaves the ``added`` checks it stored without vectors ("" when it embeds them): ``embed``
    True embeds them, False never, None (the default) up to EMBED_AT_IMPORT."""
    if embed is False:
        return "turned off"
    if embed is None and added > EMBED_AT_IMPORT:
        return "over the cap"
    if shared_encoder() is None:
        return "no encoder"
    return ""


def embed_after_import(store: Archive, added: int, first_id: int | None, embed: bool | None,
                       progress: Progress | None = None) -> ImportEmbedding:
    """Embed the ``added`` checks an import stored (ids from ``first_id`` on), once they are committed, as
    `import_decision` says."""
    if not added or first_id is None:
        return ImportEmbedding()
    if why := import_decision(added, embed):
        return ImportEmbedding(left=added, why=why, cap=EMBED_AT_IMPORT)
    return ImportEmbedding(embedded=embed_claims(store, shared_encoder(), after_id=first_id - 1, progress=progress))
