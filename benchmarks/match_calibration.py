"""Stage 3 of the match model: the data and the fit of the score (claims.match.signals.CALIBRATION).

The ranking logit (stages 1-2, fitted on CheckThat! train queries) orders candidates well, but as a probability it
was calibrated on the ClaimMatch pairs, whose negatives are random: two claims on one topic then read as the same
claim. The score model is fitted on pairs that look like an archive's: journalistic rewordings of one claim and
different claims on one topic, at even odds (balanced classes). No CheckThat! query and no dev label is used:

- positives: a fact-check's title searched against the pool's claims (2021 2A and 2B pools; the title restates
  the claim), and the same with one number changed or a negation added or removed in the title (a contradicted
  claim is still the same claim for a fact-checker); the ClaimMatch positives;
- negatives: the best other claims for the same title (not near copies, not restating the title's claim),
  sentence pairs from one PolitiFact article (same topic, different sentences; pairs that both restate the
  article's checked claim are left out), the ClaimMatch negatives.

    .venv/bin/python benchmarks/match_quality.py ../shared/data --fit   # prints CALIBRATION with the weights
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from checkthat import Collection, load_pairs
from rapidfuzz import fuzz

from claims.match import signals as match_features
from claims.match.matcher import Matcher
from claims.match.normalise import fuzz_key

Row = tuple[str, int, list[float]]  # source, label, signals (match_features.FEATURES)
Logit = Callable[[list[float]], float]  # the ranking logit of a candidate's signals (match_features.logit)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_AUXILIARY = re.compile(r"\b(is|are|was|were|has|have|had|will|did|does|do|can|would)\b( not\b)?", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[A-Z\"“])")
TITLES_PER_POOL = 1500
ARTICLE_SENTENCES = 1500


def ranked(matcher: Matcher, text: str, logit: Logit) -> list[tuple[int, list[float], str]]:
    """The candidates for `text`, best ranking logit first: (claim id, signals, normalised text)."""
    found = [(c.claim_id, values, matcher._index.text(c.slot)) for c, values in matcher.signals(text)]
    return sorted(found, key=lambda f: -logit(f[1]))


def changed_number(text: str, rnd: random.Random) -> str | None:
    def bigger(m: re.Match) -> str:
        return str(int(float(m.group().replace(",", ""))) * rnd.choice((10, 2, 3)) + rnd.choice((0, 1)))

    return _NUMBER.sub(bigger, text, count=1) if _NUMBER.search(text) else None


def negated(text: str) -> str | None:
    m = _AUXILIARY.search(text)
    if not m:
        return None
    return text[: m.start()] + (m.group(1) if m.group(2) else m.group(1) + " not") + text[m.end() :]


def title_rows(collection: Collection, logit: Logit) -> Iterator[Row]:
    ids = list(collection.pool)
    matcher = Matcher()
    matcher.add_many((n, None, collection.pool[i]["vclaim"]) for n, i in enumerate(ids))
    rnd, pick = random.Random(3), random.Random(2)
    for n in pick.sample(range(len(ids)), min(TITLES_PER_POOL, len(ids))):
        title, claim = collection.pool[ids[n]].get("title", ""), fuzz_key(collection.pool[ids[n]]["vclaim"])
        if len(title.split()) < 6:
            continue
        negatives, key = 0, fuzz_key(title)
        for claim_id, values, text in ranked(matcher, title, logit):
            if claim_id == n:
                yield f"{collection.name} titles", 1, values
            elif negatives < 3 and fuzz.ratio(key, text) < 80 and fuzz.token_set_ratio(text, claim) < 80:
                negatives += 1
                yield f"{collection.name} titles", 0, values
        for changed in (changed_number(title, rnd), negated(title)):
            found = [v for claim_id, v, _ in ranked(matcher, changed, logit) if claim_id == n] if changed else []
            yield from ((f"{collection.name} contradicted titles", 1, values) for values in found[:1])


def article_rows(data: Path, logit: Logit) -> Iterator[Row]:
    root = data / "politifact-articles"
    sentences: list[tuple[str, str, str]] = []  # article, sentence, the article's checked claim (normalised)
    with (root / "index.tsv").open(newline="", encoding="utf-8") as handle:
        for entry in csv.DictReader(handle, delimiter="\t"):
            path = root / entry["file"]
            if path.exists():
                checked = fuzz_key(f"{entry['vclaim']} {entry['title']}")
                body = path.read_text(encoding="utf-8").split("\n", 2)[-1]
                sentences += [(entry["vclaim_id"], s, checked) for line in body.split("\n")
                              for s in _SENTENCE.split(line.strip()) if len(s.split()) >= 8]
    matcher = Matcher()
    matcher.add_many((n, None, s) for n, (_, s, _) in enumerate(sentences))
    for n in random.Random(1).sample(range(len(sentences)), min(ARTICLE_SENTENCES, len(sentences))):
        article, sentence, checked = sentences[n]
        kept, key = 0, fuzz_key(sentence)
        for claim_id, values, text in ranked(matcher, sentence, logit):
            if claim_id == n or sentences[claim_id][0] != article or fuzz.ratio(key, text) >= 80:
                continue
            if fuzz.token_set_ratio(key, checked) >= 70 and fuzz.token_set_ratio(text, checked) >= 70:
                continue
            yield "PolitiFact same-article sentences", 0, values
            kept += 1
            if kept == 3:
                break


def pair_rows(data: Path, pool: Collection) -> Iterator[Row]:
    ids = list(pool.pool)
    matcher = Matcher()
    matcher.add_many((n, None, " ".join(pool.pool[i].get(f, "") for f in ("vclaim", "title", "subtitle")))
                     for n, i in enumerate(ids))
    pairs = load_pairs(data)
    matcher.add_many((len(ids) + n, None, claim2) for n, (_, claim2, _) in enumerate(pairs))
    for n, (claim1, _, label) in enumerate(pairs):
        found = [values for c, values in matcher.signals(claim1) if c.claim_id == len(ids) + n]
        yield from (("ClaimMatch pairs", label, values) for values in found[:1])


def score_inputs(rows: list[Row], logit: Logit) -> tuple[np.ndarray, np.ndarray]:
    x = [[logit(v), *match_features.score_inputs(v)] for _, _, v in rows]
    return np.array(x), np.array([label for _, label, _ in rows])


def fit_calibration(data: Path, collections: list[Collection], logit: Logit = match_features.logit) -> None:
    """The score model (CALIBRATION) over `logit`: pass the ranking logit just fitted (`match_quality.py --fit`)
    so that one run gives weights that belong together."""
    from sklearn.linear_model import LogisticRegression

    pools = [c for c in collections if c.name in ("2021-2A", "2021-2B")]
    rows = [row for c in pools for row in title_rows(c, logit)]
    rows += list(article_rows(data, logit)) + list(pair_rows(data, pools[0]))
    for source in dict.fromkeys(s for s, _, _ in rows):
        labels = [label for s, label, _ in rows if s == source]
        print(f"# stage 3 data: {source}: {len(labels)} pairs, {sum(labels)} same claim")
    x, y = score_inputs(rows, logit)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000).fit(x, y)
    weights = ", ".join(f"{w:.3f}" for w in [*model.coef_[0], model.intercept_[0]])
    print(f"CALIBRATION = ({weights})")
