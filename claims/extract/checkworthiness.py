"""Check-worthiness scorers and the gate: the fine-tuned encoder (default, claims.extract.encoder_model), the numpy
n-gram model (when onnxruntime or tokenizers is not installed, or chosen by ``$CLAIMDESK_DETECTOR_DIR``), or
hand-written cues (when no model is usable).

Every score is capped by :func:`gate` (fragments, questions and headline-like lines cannot be claims).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from claims.extract.detector import DEFAULT_DIR, load_detector
from claims.extract.encoder_model import ENCODER_DIR, ClaimModel, EncoderScorer, is_encoder_dir
from claims.onnx_model import runtime_available

Span = Any  # spacy.tokens.Span

CUE_THRESHOLD = 0.5
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "LAW", "FAC", "PRODUCT"})
NUMBER_ENTS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
TIME_ENTS = frozenset({"DATE", "TIME"})
COMPARISON_WORDS = frozenset(
    """more less fewer most least than highest lowest largest smallest biggest record increase increased
    decrease decreased rose fell doubled tripled halved grew declined""".split()
)
OPINION = re.compile(
    r"\b(?:i|we) (?:think|believe|feel|hope|want|wish|guess|love|need)\b|\bin my (?:opinion|view)\b"
    r"|\bshould\b|\bought to\b|\bthank you\b|\blet me\b|\blet's\b|\bnot clear\b|\bunclear\b"
    r"|\bperhaps\b|\bmaybe\b"
    r"|\b(?:great|wonderful|terrible|horrible|disgrace(?:ful)?|amazing|awful|beautiful)\b",
    re.IGNORECASE,
)
MIN_WORDS = 4
DETECTOR_ENV = "CLAIMDESK_DETECTOR_DIR"


def word_count(sent: Span) -> int:
    return sum(1 for token in sent if not (token.is_punct or token.is_space))


def gate(sent: Span, text: str, headline_check: bool = True) -> float:
    """Upper bound on the score: 0 for fragments, low for questions and headline-like lines, else 1."""
    if word_count(sent) < MIN_WORDS or not any(char.isalpha() for char in text):
        return 0.0
    stripped = text.rstrip(" \t\r\n\"'\u201d\u2019)")
    if stripped.endswith("?"):
        return 0.15
    if headline_check and stripped[-1:] not in ".!:;" and "\n" not in text:
        return 0.2 if word_count(sent) < 20 else 1.0
    return 1.0


def _has_unlabelled_name(sent: Span) -> bool:
    """A capitalised word inside the sentence that the entity recogniser left unlabelled."""
    return any(token.is_title and not token.ent_type_ and not token.is_sent_start for token in sent[1:])


def cue_score(sent: Span, text: str, has_attribution: bool) -> float:
    """A 0..1 check-worthiness score from numbers, names, dates, attribution, comparisons, opinion words."""
    labels = {token.ent_type_ for token in sent if token.ent_type_}
    score = 0.25
    if labels & NUMBER_ENTS or any(token.like_num for token in sent if token.ent_type_ not in TIME_ENTS):
        score += 0.3
    score += min(0.25, 0.125 * (len(labels & NAME_ENTS) + _has_unlabelled_name(sent)))
    score += 0.1 if labels & TIME_ENTS else 0.0
    score += 0.15 if has_attribution else 0.0
    score += 0.1 if any(token.lower_ in COMPARISON_WORDS for token in sent) else 0.0
    score -= 0.25 if OPINION.search(text) else 0.0
    return min(1.0, max(0.0, score))


class Scorer(Protocol):
    name: str
    threshold: float
    lexical: bool  # True when score() needs only tokenized spans (no parser or NER)

    def score(
        self, sents: Sequence[Span], texts: Sequence[str], attributed: Sequence[bool]
    ) -> list[float]: ...


class CueScorer:
    """The hand-written cues of :func:`cue_score`."""

    name = "cues"
    threshold = CUE_THRESHOLD
    lexical = False  # needs entities and attribution: the full pipeline

    def score(self, sents: Sequence[Span], texts: Sequence[str], attributed: Sequence[bool]) -> list[float]:
        return [cue_score(*row) for row in zip(sents, texts, attributed, strict=True)]


class ModelScorer:
    """The trained detector's probability of ClaimBuster's check-worthy class."""

    name = "model"
    lexical = True  # reads token text only (claims.extract.detector_features): the tokenizer is enough

    def __init__(self, detector: Any):
        self.detector = detector
        self.threshold = detector.threshold

    def score(self, sents: Sequence[Span], texts: Sequence[str], attributed: Sequence[bool]) -> list[float]:
        return [float(value) for value in self.detector.score_spans(list(sents))]


def load_scorer(directory: str | Path | None = None) -> Scorer:
    """The model in ``directory``, ``$CLAIMDESK_DETECTOR_DIR`` or the package: an encoder directory (model.onnx)
    or a numpy model directory (weights.npz). The packaged encoder needs onnxruntime and tokenizers; without them
    the packaged numpy model is used. Hand-written cues if no model is usable."""
    chosen = directory or os.environ.get(DETECTOR_ENV, "").strip()
    path = Path(chosen) if chosen else (ENCODER_DIR if runtime_available() else DEFAULT_DIR)
    if is_encoder_dir(path) and not runtime_available():
        warnings.warn(f"{path} needs onnxruntime and tokenizers; using the numpy model", stacklevel=2)
        path = DEFAULT_DIR
    try:
        if is_encoder_dir(path):
            return EncoderScorer(ClaimModel(path))
        return ModelScorer(load_detector(path))
    except (OSError, ValueError, KeyError, TypeError) as error:
        message = f"check-worthiness model not usable ({path}: {error}); using hand-written cues"
        warnings.warn(message, stacklevel=2)
        return CueScorer()
