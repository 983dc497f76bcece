"""Fitting the article rule (claims/extract/article_rank.py) for benchmarks/train_checkworthiness.py: logistic
weights over the article features of every sentence of PolitiFact articles 1-50 (gold: the sentences holding the
checked claim), then the highlight threshold, share and count that keep the checked claim highlighted in the most
articles while the mean highlighted share stays <= 0.40 (a margin under issue 16's 0.45)."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from detection_data import gold_sentences

from claims.extract.article_rank import DEFAULT_ARTICLE, ArticleSentence, article_features, rank_article
from claims.extract.encoder_model import ClaimModel, EncoderScorer
from claims.extract.pipeline import ExtractedClaim, Extractor
from claims.read.inputs import read_file

# Penalties set by hand, not fitted: on PolitiFact pages the checked claim is often restated as a question or next
# to fact-checker furniture, which a fit would learn as a positive signal that does not hold for news.
FIXED = {"furniture": -2.5, "question": -2.5, "hedge": -4.0, "short": -1.0, "is_headline": -2.0}
FITTED_ON = "PolitiFact articles 1-50 (sorted by file name); gold = sentences with >= 50% of the checked claim's words"


class _AllSentences(Extractor):
    """Every scored sentence of each article, before the rule."""

    def rank(self, sentences: list[ExtractedClaim], text: str, title: str | None) -> list[ExtractedClaim]:
        return [replace(s, highlighted=False) for s in sentences]


def read_articles(root: Path, model: ClaimModel, count: int = 50) -> list[tuple[Any, str, list[ExtractedClaim]]]:
    with (root / "index.tsv").open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle, delimiter="\t"), key=lambda r: r["file"])[:count]
    drafts = [read_file(root / r["file"]) for r in rows]
    extractor = _AllSentences(threshold=0.0, scorer=EncoderScorer(model))
    found = extractor.extract_many([d.text for d in drafts], titles=[d.title for d in drafts])
    return [(d, r["vclaim"], s) for d, r, s in zip(drafts, rows, found, strict=True)]


def _sentences(claims: list[ExtractedClaim]) -> list[ArticleSentence]:
    return [ArticleSentence(c.text, c.start, c.end, c.score, c.speaker) for c in claims]


def highlighted_share(articles, params: dict[str, Any]) -> tuple[float, float]:
    """(share of articles whose checked claim is highlighted, mean share of text highlighted)."""
    found, shares = 0, []
    for draft, vclaim, claims in articles:
        ranked = rank_article(_sentences(claims), draft.text, params, draft.title)
        lit = {i for i, r in enumerate(ranked) if r.highlighted}
        found += bool(gold_sentences(claims, vclaim) & lit)
        shares.append(sum(claims[i].end - claims[i].start for i in lit) / max(1, len(draft.text.strip())))
    return found / max(1, len(articles)), float(np.mean(shares))


def fit_article_rule(root: Path, model_dir: Path) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression  # training-only dependency (the bench extra)

    articles = read_articles(root, ClaimModel(model_dir))
    x, y = [], []
    for draft, vclaim, claims in articles:
        gold = gold_sentences(claims, vclaim)
        x.append(article_features(_sentences(claims), draft.text, draft.title))
        y += [i in gold for i in range(len(claims))]
    names = list(DEFAULT_ARTICLE["weights"])
    fitted = [k for k in names if k not in FIXED]
    columns = [names.index(k) for k in fitted]
    layer = LogisticRegression(C=0.3, max_iter=5000, class_weight="balanced")
    layer.fit(np.vstack(x)[:, columns], np.array(y))
    weights = {k: round(float(v), 4) for k, v in zip(fitted, layer.coef_[0], strict=True)} | FIXED
    params: dict[str, Any] = {"weights": {k: weights[k] for k in names}, "bias": round(float(layer.intercept_[0]), 4)}
    best = None
    for threshold in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        for max_share in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45):
            for max_sentences in (3, 5, 8, 12, 20):
                trial = dict(params, threshold=threshold, max_share=max_share, max_sentences=max_sentences)
                found, share = highlighted_share(articles, trial)
                if share <= 0.40 and (best is None or (found, -share) > best[0]):
                    best = ((found, -share), trial)
    chosen = best[1] if best else dict(params, **{k: DEFAULT_ARTICLE[k] for k in ("threshold", "max_share",
                                                                                    "max_sentences")})
    return dict(chosen, fitted_on=FITTED_ON)
