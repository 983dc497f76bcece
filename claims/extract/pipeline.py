"""Article text -> check-worthy claims (sentence spans with score, rank, default highlight, type, speaker and cue).

Every sentence is scored by the model (its probability, capped by the gate); the article rule
(claims.extract.article_rank) then gives each a final score, a rank and a default highlight. A sentence is kept as
a claim when its probability reaches the threshold (highlighted when the rule also picks it); its ``score`` is then
the final score and ``rank`` its place among the article's claims (1 = most worth checking).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from claims.extract.article_rank import DEFAULT_ARTICLE, ArticleSentence, rank_article
from claims.extract.checkworthiness import Scorer, gate, load_scorer
from claims.extract.claim_types import classify, reads_parse
from claims.extract.nlp import load_nlp
from claims.extract.speakers import NONE, Attribution, attribute_sentences, may_name_speaker
from claims.read.dateline import find_dateline

THRESHOLD_ENV = "CLAIMDESK_CLAIM_THRESHOLD"
CHUNK_CHARS = 100_000
# Characters parsed at once: the parser's memory grows with it (about 4 MB per 1,000 characters, measured with
# benchmarks/big_article.py), so a batch holds 32 texts or this many characters, whichever comes first; a usual
# batch of 32 news articles is about this size, and a long article no longer goes through in one batch.
BATCH_CHARS = 200_000
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
    rank: int | None = None  # place among its article's claims, 1 = best (None: scored alone, e.g. per line)
    highlighted: bool = True  # drawn highlighted by default (the others are one key away, dimmer)


@dataclass(frozen=True)
class _Piece:
    """A chunk of one input text sent through ``nlp.pipe``."""

    index: int
    offset: int
    last: bool
    text: str


class Extractor:
    """Finds claims in articles. The spaCy model and the scorer load on first use, not at construction."""

    def __init__(
        self, model: str | None = None, threshold: float | None = None, scorer: Scorer | None = None
    ):
        self.model = model
        self._threshold = threshold
        self._nlp: Any = None
        self._scorer = scorer

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_nlp(self.model)
        return self._nlp

    @property
    def scorer(self) -> Scorer:
        if self._scorer is None:
            self._scorer = load_scorer()
        return self._scorer

    @property
    def threshold(self) -> float:
        """Constructor argument, else ``$CLAIMDESK_CLAIM_THRESHOLD``, else the scorer's default."""
        if self._threshold is not None:
            return self._threshold
        return _env_float(THRESHOLD_ENV, self.scorer.threshold)

    @property
    def article_params(self) -> dict[str, Any]:
        """The article rule's weights: the model's fitted ones, else the defaults."""
        return getattr(self.scorer, "article_params", None) or DEFAULT_ARTICLE

    def extract(self, text: str, title: str | None = None) -> list[ExtractedClaim]:
        """The claims of one article, in reading order (``title``: its headline, when stored apart from it)."""
        return next(iter(self.extract_many([text], batch_size=1, titles=[title])))

    def extract_many(self, texts: Iterable[str], batch_size: int = 32,
                     titles: Sequence[str | None] | None = None) -> Iterator[list[ExtractedClaim]]:
        """The claims of each text, one list per text, through batched ``nlp.pipe``; ``titles`` (one per text, or
        None) are the articles' headlines, read by the article rule."""
        sentences: list[ExtractedClaim] = []
        threshold = self.threshold
        for group in char_batches(nlp_stream(texts), batch_size, BATCH_CHARS):
            # The whole group's sentences are scored in one call: the encoder sorts them by length into batches
            # (an article at a time, 40 sentences or so, ran 2.7x slower: more padding, smaller batches).
            found = [(piece, self._candidates(doc, piece, titles[piece.index] if titles is not None else None))
                     for doc, piece in self.nlp.pipe(group, as_tuples=True, batch_size=len(group))]
            scored = iter(self._claims([c for _, pairs in found for c, _ in pairs],
                                       [a for _, pairs in found for _, a in pairs], threshold, headline_check=True))
            for piece, pairs in found:
                sentences.extend(next(scored) for _ in pairs)
                if piece.last:
                    title = titles[piece.index] if titles is not None else None
                    yield self.rank(sentences, piece.text, title)
                    sentences = []

    def rank(self, sentences: list[ExtractedClaim], text: str, title: str | None) -> list[ExtractedClaim]:
        """The article's claims (reading order) with final score, rank and default highlight (article_rank)."""
        ranked = rank_article([ArticleSentence(s.text, s.start, s.end, s.score, s.speaker) for s in sentences],
                              text, self.article_params, title)
        kept = [(s, r) for s, r in zip(sentences, ranked, strict=True) if s.is_claim]
        places = {id(s): n for n, (s, _) in enumerate(sorted(kept, key=lambda sr: sr[1].rank), start=1)}
        return [replace(s, score=r.final, rank=places[id(s)], highlighted=r.highlighted)
                for s, r in kept]

    def score_lines(self, lines: Iterable[str], batch_size: int = 2048) -> Iterator[ExtractedClaim]:
        """Each line scored as one text; every line is returned, with ``is_claim`` set.

        The trained model reads lexical features only, so the tokenizer alone runs over every line. The parser
        (no NER) runs only over lines that could name a speaker (a speech verb or "according to") or hold a word
        whose type reading needs the parse (claims.extract.claim_types.reads_parse: "more likely", "grew sharper",
        "criminal record"); the other lines get no speaker (the full path would give none either). Types come
        from words and, where parsed, dependencies (see claims.extract.claim_types). The scores are exactly those of the
        full path. With the cue scorer (no trained model) every line goes through the full pipeline. Lines are
        scored ``batch_size`` at a time: the encoder sorts each batch by length, and bigger batches pad less
        (measured: 2048 lines at once take 0.7 of the time of 256 at a time).
        """
        threshold = self.threshold
        for batch in _batches((line or "" for line in lines), batch_size):
            yield from self._score_batch(batch, threshold, 256)

    def _score_batch(self, lines: list[str], threshold: float, batch_size: int) -> list[ExtractedClaim]:
        if getattr(self.scorer, "lexical", False):
            docs = list(self.nlp.tokenizer.pipe(lines, batch_size=batch_size))
            wanted = [n for n, doc in enumerate(docs) if may_name_speaker(doc) or reads_parse(doc)]
        else:
            docs, wanted = list(lines), list(range(len(lines)))
        parsed_docs = self.nlp.pipe([lines[n] for n in wanted], batch_size=64, disable=self._skipped_on_lines)
        for n, doc in zip(wanted, parsed_docs, strict=True):
            docs[n] = doc
        pairs = zip(docs, lines, strict=True)
        candidates = [_Candidate(doc[:], *trimmed(line, 0, len(line)), line) for doc, line in pairs]
        parsed = set(wanted)
        attributions = [
            _safe_attribution([c.span])[0] if n in parsed and len(c.span) else NONE
            for n, c in enumerate(candidates)
        ]
        return self._claims(candidates, attributions, threshold, headline_check=False)

    @property
    def _skipped_on_lines(self) -> list[str]:
        """The lexical model needs no entities; NER (with its own tok2vec) is most of spaCy's cost."""
        return ["ner"] if getattr(self.scorer, "lexical", False) and "ner" in self.nlp.pipe_names else []

    def _candidates(self, doc: Any, piece: _Piece, title: str | None = None) -> list[tuple[_Candidate, Attribution]]:
        """The doc's sentences (whitespace-trimmed, empty ones left out) with their attribution (``title``: the
        article's headline, whose claimant a sentence restating its claim is given)."""
        if not len(doc):
            return []
        sents = list(doc.sents)
        candidates = []
        for sent in sents:
            start, end = trimmed(piece.text, piece.offset + sent.start_char, piece.offset + sent.end_char)
            candidates.append(_Candidate(sent, start, end, piece.text))
        return [(c, a) for c, a in zip(candidates, _safe_attribution(sents, title), strict=True) if c.end > c.start]

    def _claims(
        self, candidates: list[_Candidate], found: list[Attribution], threshold: float, headline_check: bool
    ) -> list[ExtractedClaim]:
        texts = [c.body for c in candidates]
        raw = self.scorer.score([c.span for c in candidates], texts, [a.speaker is not None for a in found])
        return [
            _claim(c, a, min(gate(c.span, c.body, headline_check), value), threshold)
            for c, a, value in zip(candidates, found, raw, strict=True)
        ]


@dataclass(frozen=True)
class _Candidate:
    """A sentence span and its whitespace-trimmed character range in the original text."""

    span: Any
    start: int
    end: int
    text: str

    @property
    def body(self) -> str:
        return self.text[self.start : self.end]


def _claim(candidate: _Candidate, found: Attribution, score: float, threshold: float) -> ExtractedClaim:
    score = round(min(1.0, max(0.0, score)), 4)
    return ExtractedClaim(
        text=candidate.body,
        start=candidate.start,
        end=candidate.end,
        score=score,
        is_claim=score >= threshold and score > 0,
        type=classify(candidate.span, ignore=found.tokens),
        speaker=found.speaker,
        cue=found.cue,
    )


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def char_batches(pieces: Iterable[tuple[str, _Piece]], size: int, chars: int) -> Iterator[list[tuple[str, _Piece]]]:
    """``pieces`` in order, cut after ``size`` pieces or once a batch holds ``chars`` characters."""
    batch: list[tuple[str, _Piece]] = []
    held = 0
    for item in pieces:
        batch.append(item)
        held += len(item[0])
        if len(batch) >= size or held >= chars:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


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


def _safe_attribution(sents: list[Any], title: str | None = None) -> list[Attribution]:
    try:
        return attribute_sentences(sents, title)
    except Exception:  # an odd parse must never stop extraction
        log.warning("speaker detection failed; claims left without speakers", exc_info=True)
        return [NONE] * len(sents)


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "").strip() or default)
    except ValueError:
        log.warning("ignoring %s=%r: not a number", name, os.environ.get(name))
        return default
