"""The article rule: from the model's sentence scores, each sentence's final score, its rank in the article and
whether it is highlighted by default (the claims a fact-checker would keep).

The final score is a logistic model over the model's logit and what the article says about the sentence: the lead
(first three body sentences), overlap with the headline (the title), a named speaker, a quotation, reporting
verbs, and fixed penalties for page furniture ("Share the Facts", verdict sentences), questions, hedges ("It is
not clear whether ...") and very short sentences. Its weights were fitted on the first 50 of 100 PolitiFact articles
(articles 51-100 held out; benchmarks/detection.py) and ship in the model's meta.json ("article"); the defaults
below serve a model without them (the numpy fallback).

Highlighted by default: best first, while the final score is >= ``threshold``, at most ``max_sentences`` sentences
and at most ``max_share`` of the article's characters (the best sentence is always allowed when it passes).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class ArticleSentence:
    text: str
    start: int
    end: int
    score: float  # the model's probability
    speaker: str | None = None


@dataclass(frozen=True)
class RankedSentence:
    final: float
    rank: int  # 1 = best in its article
    highlighted: bool


FURNITURE = re.compile(
    r"share the facts|politifact rating|\bwe rate\b|\bour ruling\b|\bour rating\b|featured fact-check|"
    r"\bstated on\b|^(?:by|updated|published|posted|sources?|related|read more|click|subscribe|sign up)\b|"
    r"\bemail(?:ed)? interview\b|\binterview with (?:politifact|the author)\b|\bpolitifact\b|"
    r"\bfact-check(?:ed|ing)?\b|\bwe (?:reached|asked|contacted|found|checked|looked|wanted)\b|"
    r"\b(?:truth-o-meter|pants on fire|mostly (?:true|false)|half true)\b|\bcopyright\b|\ball rights reserved\b",
    re.IGNORECASE,
)
HEDGE = re.compile(r"^it is (?:not|un)clear\b|\bit is not known\b|\bremains (?:unclear|to be seen)\b", re.IGNORECASE)
REPORTING = re.compile(
    r"\b(?:said|says|say|told|claimed|claims|claim|stated|states|wrote|writes|tweeted|posted|according to|"
    r"reported|reports|alleged|alleges|argued|argues|insisted|insists|declared|announced|warned)\b", re.IGNORECASE)
QUOTES = re.compile(r"[\"\u201c\u201d]")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*")
STOP = frozenset(
    """a an the of to in on for and or but is are was were be been being that this these those it its with as at by
    from has have had he she they we you i his her their our your not no so if than then there about into over
    after before said says say says will would can could do does did just also more most very""".split()
)

# Weights of the article score (a logistic model over the features below), fitted on the first 50 PolitiFact
# articles (evaluate.py --fit-article); the defaults here are replaced by meta.json's "article" block when present.
DEFAULT_ARTICLE = {
    "weights": {"logit": 1.0, "lead": 0.8, "position": -1.0, "headline": 2.0, "speaker": 0.6, "reporting": 0.4,
                "quote": 0.3, "furniture": -3.0, "question": -2.5, "hedge": -3.0, "short": -1.0, "is_headline": -2.0},
    "bias": 0.0,
    "threshold": 0.5,
    "max_share": 0.35,
    "max_sentences": 8,
}


def content_words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if w.lower() not in STOP and len(w) > 1}


def title_words(title: str | None, text: str) -> set[str]:
    """The content words of the article's title, unless the title is only the text's own first words (a title
    taken from the first sentence says nothing about which sentence matters)."""
    title = (title or "").strip()
    if not title or text.lstrip()[: len(title) + 40].find(title.rstrip(".…")[:60]) >= 0:
        return set()
    return content_words(title)


def headline_of(text: str) -> tuple[int, int] | None:
    """The article's first line when it reads as a headline (no final stop, a line break after it)."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    line_end = stripped.find("\n")
    if line_end <= 0:
        return None
    line = stripped[:line_end].strip()
    if not line or line[-1] in ".!?:;\"\u201d" or len(line.split()) < 4 or len(line.split()) > 30:
        return None
    return offset, offset + line_end


def article_features(sentences: Sequence[ArticleSentence], text: str, title: str | None = None) -> np.ndarray:
    """One row of features per sentence (order of DEFAULT_ARTICLE["weights"]). The headline is the article's first
    line when it reads as one, else ``title`` (stored apart from the text when the article was read)."""
    head = headline_of(text)
    head_words = content_words(text[head[0]:head[1]]) if head else title_words(title, text)
    n = len(sentences)
    rows = []
    body_index = 0
    for s in sentences:
        is_headline = bool(head) and s.start < head[1] and s.end > head[0]
        words = content_words(s.text)
        overlap = 0.0
        if head_words and words and not is_headline:
            overlap = len(words & head_words) / math.sqrt(len(words) * len(head_words))
        p = min(max(float(s.score), 1e-4), 1 - 1e-4)
        stripped = s.text.rstrip(" \t\r\n\"'\u201d\u2019)")
        rows.append([
            math.log(p / (1 - p)),
            float(not is_headline and body_index < 3),
            (s.start / max(1, len(text))),
            overlap,
            float(s.speaker is not None),
            float(bool(REPORTING.search(s.text))),
            float(bool(QUOTES.search(s.text))),
            float(bool(FURNITURE.search(s.text))),
            float(stripped.endswith("?")),
            float(bool(HEDGE.search(s.text))),
            float(len(WORD.findall(s.text)) < 6),
            float(is_headline),
        ])
        body_index += 0 if is_headline else 1
    return np.array(rows, np.float64).reshape(n, len(DEFAULT_ARTICLE["weights"]))


def rank_article(sentences: Sequence[ArticleSentence], text: str, params: dict[str, Any] | None = None,
                 title: str | None = None) -> list[RankedSentence]:
    """Final score (0..1), rank in the article and the default highlight of each sentence, in input order.

    Highlighted by default: best first, while the final score is >= ``threshold``, at most ``max_sentences``
    sentences and at most ``max_share`` of the article's characters (the best sentence is always allowed when it
    passes the threshold)."""
    params = params or DEFAULT_ARTICLE
    if not sentences:
        return []
    names = list(DEFAULT_ARTICLE["weights"])
    w = np.array([params["weights"].get(k, 0.0) for k in names])
    z = article_features(sentences, text, title) @ w + params.get("bias", 0.0)
    final = 1.0 / (1.0 + np.exp(-z))
    order = np.argsort(-final, kind="stable")
    rank = np.empty(len(order), int)
    rank[order] = np.arange(1, len(order) + 1)
    budget = params["max_share"] * max(1, len(text.strip()))
    used, count = 0, 0
    highlighted = np.zeros(len(order), bool)
    for i in order:
        if final[i] < params["threshold"] or count >= params["max_sentences"]:
            break
        length = sentences[i].end - sentences[i].start
        if count and used + length > budget:
            continue
        highlighted[i] = True
        used += length
        count += 1
    return [RankedSentence(round(float(f), 4), int(r), bool(h)) for f, r, h in zip(final, rank, highlighted,
                                                                                  strict=True)]
