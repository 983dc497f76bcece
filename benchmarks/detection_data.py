"""Reading issue 16's labelled data and scoring against it (for benchmarks/detection.py): gold sentences of a
PolitiFact article, whether a speaker names the claimant, F1, average precision, the debate-context features."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claims.extract.article_rank import content_words

STOP_NAMES = {"the", "of", "and", "a", "an", "for", "in", "on", "to", "u.s.", "us", "party", "state", "jr.", "sr."}
# PolitiFact's names for anonymous claimants, and the words an article uses for them
GENERIC = {
    "facebook posts": ("facebook", "post", "posts", "meme", "social media", "users", "viral", "image", "video"),
    "bloggers": ("blog", "blogger", "bloggers", "article", "headline", "website", "story", "post", "site"),
    "viral image": ("image", "photo", "picture", "meme", "post", "graphic", "viral"),
    "instagram posts": ("instagram", "post", "posts", "meme", "social media", "users", "viral", "image", "video"),
    "tweets": ("tweet", "twitter", "post"),
    "viral video": ("video", "clip", "post"),
}


def gold_sentences(claims: Sequence[Any], vclaim: str) -> set[int]:
    """Indexes of the claims holding the checked claim: >= 50% of its content words, or two adjacent claims
    holding >= 60% together (each >= 20%; a quotation split over two sentences)."""
    want = content_words(vclaim)
    if not want:
        return set()
    words = [content_words(c.text) for c in claims]
    found = {i for i, w in enumerate(words) if len(want & w) / len(want) >= 0.5}
    for i in range(len(words) - 1):
        parts = [len(want & words[i]) / len(want), len(want & words[i + 1]) / len(want)]
        if min(parts) >= 0.2 and len(want & (words[i] | words[i + 1])) / len(want) >= 0.6:
            found.update((i, i + 1))
    return found


def _names(claimant: str) -> set[str]:
    tokens = [t.strip(".,'\"").lower() for t in re.split(r"[\s\-]+", claimant)]
    return {t for t in tokens if len(t) > 2 and t not in STOP_NAMES}


def names_claimant(speaker: str | None, claimant: str, forms: bool = False) -> bool:
    """A person: their surname in the speaker; an organisation: any content word; an anonymous post: its kind.
    ``forms``: also an organisation's initials ("GDOT" for the Georgia Department of Transportation) and a kind's
    plural ("posts" where the kind is "post"), the two ways the strict reading misses a speaker that names the
    claimant."""
    if not speaker:
        return False
    plural = "s?" if forms else ""
    words = GENERIC.get(claimant.casefold())
    if words:
        low = speaker.casefold()
        return any(re.search(r"\b" + re.escape(w) + plural + r"\b", low) for w in words)
    said = {t.strip(".,'\"’s").lower() for t in re.split(r"[\s\-]+", speaker)}
    names = _names(claimant)
    if forms and _initials(claimant) in {t.strip(".,'\"’").lower() for t in speaker.split() if t.isupper()}:
        return True
    return bool(names) and (bool(names & said) or any(n in speaker.lower() for n in names))


def _initials(claimant: str) -> str:
    words = re.split(r"[\s\-]+", claimant)
    return "".join(w[0] for w in words if w[:1].isalpha()).lower() if len(words) > 2 else "-"


def f1_of(labels: np.ndarray, predicted: np.ndarray) -> float:
    return 2 * float(np.sum(labels & predicted)) / max(1.0, float(labels.sum() + predicted.sum()))


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    hits = labels[np.argsort(-scores, kind="stable")]
    if not hits.any():
        return 0.0
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision[hits].mean())


def read_sentence_sets(data: Path) -> dict[str, tuple[list[str], np.ndarray]]:
    """CheckThat! 2024 dev-test, and ClaimBuster's 2012 + 2016 debates (never used in training)."""
    with (data / "claimbuster" / "crowdsourced.csv").open(encoding="utf-8", newline="") as handle:
        unseen = [r for r in csv.DictReader(handle) if r["File_id"][:4] in ("2012", "2016")]
    with (data / "checkthat2024-task1-en" / "CT24_checkworthy_english_dev-test.tsv").open(encoding="utf-8") as h:
        ct24 = list(csv.DictReader(h, delimiter="\t"))
    return {
        "CheckThat! 2024 dev-test": ([r["Text"] for r in ct24], np.array([r["class_label"] == "Yes" for r in ct24])),
        "ClaimBuster unseen debates 2012+2016": ([r["Text"] for r in unseen],
                                                 np.array([r["Verdict"] == "1" for r in unseen])),
    }


def read_ct19(data: Path) -> list[tuple[str, list[str], list[str], np.ndarray]]:
    """(name, speakers, sentences, labels) of each CheckThat! 2019 training transcript, in order."""
    out = []
    for path in sorted((data / "checkthat2019-task1-debates" / "training").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.reader(handle, delimiter="\t") if len(r) >= 4]
        out.append((path.stem, [r[1] for r in rows], [r[2] for r in rows], np.array([r[3] == "1" for r in rows])))
    return out


def debate_features(p: np.ndarray, speakers: list[str], texts: list[str]) -> np.ndarray:
    """The model's logit, its neighbours', how much the speaker talks, sentence length, a question mark."""
    clipped = np.clip(p, 1e-4, 1 - 1e-4)
    logit = np.log(clipped / (1 - clipped))
    previous = np.concatenate([[0.0], logit[:-1]])
    following = np.concatenate([logit[1:], [0.0]])
    counts: dict[str, int] = {}
    for s in speakers:
        counts[s] = counts.get(s, 0) + 1
    main = {s for s, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:3]}
    share = np.array([counts[s] / len(speakers) for s in speakers])
    words = np.array([min(40, len(t.split())) / 40 for t in texts])
    same = np.array([i > 0 and speakers[i] == speakers[i - 1] for i in range(len(speakers))], float)
    question = np.array([t.rstrip().endswith("?") for t in texts], float)
    return np.column_stack([logit, previous, following, share, np.array([s in main for s in speakers], float),
                            words, same, question])
