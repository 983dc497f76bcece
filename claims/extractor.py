"""Article text -> check-worthy claims (sentence spans with score, type, speaker and attribution cue)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from claims.checkworthiness import CUE_THRESHOLD, cue_score, gate
from claims.claim_types import classify
from claims.dateline import find_dateline
from claims.nlp import load_nlp
from claims.speakers import NONE, Attribution, attribute_sentences

THRESHOLD_ENV = "CLAIMDESK_CLAIM_THRESHOLD"
CHUNK_CHARS = 100_000
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractedClaim:
    """One sentence of an article; ``text == article[start:end]`` always holds."""

    text: str
    start: int
    end: int
    score: float
    is_claim: bool
    type: str
    speaker: str | None
    cue: str | None


@dataclass(frozen=True)
class _Piece:
    """A chunk of one input text sent through ``nlp.pipe``."""

    index: int
    offset: int
    last: bool
    text: str


class Extractor:
    """Finds claims in articles. The spaCy model is loaded on first use, not at construction."""

    def __init__(self, model: str | None = None, threshold: float | None = None):
        self.model = model
        self._threshold = threshold
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_nlp(self.model)
        return self._nlp

    @property
    def threshold(self) -> float:
        """Constructor argument, else ``$CLAIMDESK_CLAIM_THRESHOLD``, else the scorer's default."""
        if self._threshold is not None:
            return self._threshold
        return _env_float(THRESHOLD_ENV, CUE_THRESHOLD)

    def extract(self, text: str) -> list[ExtractedClaim]:
        """The claims of one article, in reading order."""
        return next(iter(self.extract_many([text], batch_size=1)))

    def extract_many(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[list[ExtractedClaim]]:
        """The claims of each text, one list per text, through batched ``nlp.pipe``."""
        claims: list[ExtractedClaim] = []
        stream = nlp_stream(texts)
        for doc, piece in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            claims.extend(claim for claim in self._sentences(doc, piece) if claim.is_claim)
            if piece.last:
                yield claims
                claims = []

    def score_lines(self, lines: Iterable[str]) -> Iterator[ExtractedClaim]:
        """Each line scored as one text; every line is returned, with ``is_claim`` set."""
        for doc, line in self.nlp.pipe(((line or "", line or "") for line in lines), as_tuples=True):
            start, end = trimmed(line, 0, len(line))
            span = doc[:]
            found = _safe_attribution([span])[0] if len(doc) else NONE
            yield self._claim(span, line, start, end, found, headline_check=False)

    def _sentences(self, doc: Any, piece: _Piece) -> Iterator[ExtractedClaim]:
        if not len(doc):
            return
        sents = list(doc.sents)
        for sent, found in zip(sents, _safe_attribution(sents), strict=True):
            start, end = trimmed(piece.text, piece.offset + sent.start_char, piece.offset + sent.end_char)
            if end > start:
                yield self._claim(sent, piece.text, start, end, found, headline_check=True)

    def _claim(
        self, sent: Any, text: str, start: int, end: int, found: Attribution, headline_check: bool
    ) -> ExtractedClaim:
        body = text[start:end]
        score = min(gate(sent, body, headline_check), cue_score(sent, body, found.speaker is not None))
        return ExtractedClaim(
            text=body,
            start=start,
            end=end,
            score=round(score, 4),
            is_claim=score >= self.threshold and score > 0,
            type=classify(sent, ignore=found.tokens),
            speaker=found.speaker,
            cue=found.cue,
        )


def nlp_stream(texts: Iterable[str]) -> Iterator[tuple[str, _Piece]]:
    """(chunk, piece) pairs: the dateline is skipped, long texts are cut at line breaks."""
    for index, text in enumerate(texts):
        text = text or ""
        dateline = find_dateline(text)
        bounds = chunk_bounds(text, dateline.end if dateline else 0, CHUNK_CHARS)
        for number, (start, end) in enumerate(bounds):
            yield text[start:end], _Piece(index, start, number == len(bounds) - 1, text)


def chunk_bounds(text: str, begin: int, limit: int) -> list[tuple[int, int]]:
    """Cut ``text[begin:]`` into pieces of at most ``limit`` characters, preferring line breaks and spaces."""
    bounds: list[tuple[int, int]] = []
    start = begin
    while len(text) - start > limit:
        end = _cut_point(text, start, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut_point(text: str, start: int, stop: int) -> int:
    for separator in ("\n", ". ", " "):
        cut = text.rfind(separator, start + (stop - start) // 2, stop)
        if cut > start:
            return cut + len(separator)
    return stop


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _safe_attribution(sents: list[Any]) -> list[Attribution]:
    try:
        return attribute_sentences(sents)
    except Exception:  # an odd parse must never stop extraction
        log.warning("speaker detection failed; claims left without speakers", exc_info=True)
        return [NONE] * len(sents)


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "").strip() or default)
    except ValueError:
        log.warning("ignoring %s=%r: not a number", name, os.environ.get(name))
        return default
