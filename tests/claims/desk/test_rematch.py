"""The matcher's caches (prepared claims per slot, IDFs per index size) change its speed, never its scores.

Reference: every signal recomputed from scratch the straightforward way (`Text.of` of both texts, the
index's IDF, `meanings`, `cosine`), for the candidates the matcher re-ranks, on a few hundred queries made
from the fixture articles' sentences.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from claims.match import candidates as candidates_module
from claims.match.matcher import Matcher
from claims.match.normalise import fuzz_key, speaker_key
from claims.match.signals import features, meanings, score, scores, speakers
from claims.match.text_forms import Text

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "articles"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
SPEAKERS = ("Minister Ilse Varga", "Varga", None, "Tomas Brenner")


def sentences() -> list[str]:
    found = []
    for path in sorted(FIXTURES.glob("*.txt")):
        found += _SENTENCE.split(" ".join(path.read_text(encoding="utf-8").split()))
    return list(dict.fromkeys(s for s in found if len(s.split()) >= 4))


def build(archive: list[str]) -> Matcher:
    matcher = Matcher()
    matcher.add_many((n, n // 8, text, SPEAKERS[n % 4]) for n, text in enumerate(archive))
    return matcher


def queries(archive: list[str]) -> list[str]:
    dropped = [" ".join(w for i, w in enumerate(s.split()) if i != 3) for s in archive]
    halves = [" ".join(s.split()[: len(s.split()) // 2 + 2]) for s in archive]
    return archive + dropped + halves


def reference(matcher: Matcher, text: str, speaker: str | None) -> list[tuple[int, list[float], float]]:
    """The signals and score of each candidate the matcher re-ranks, computed without any cache."""
    found = matcher.signals(text, speaker=speaker)
    index = matcher._index
    query = Text.of(fuzz_key(text))
    claims = [Text.of(index.text(c.slot)) for c, _ in found]
    means = meanings(query, claims, index.idf)
    out = []
    for (c, _), claim, meaning in zip(found, claims, means, strict=True):
        values = features(query, claim, c.bm25, index.idf, meaning, speakers(speaker_key(speaker),
                                                                          index.speaker(c.slot)))
        out.append((c.claim_id, values, score(values, copy=fuzz.ratio(query.key, claim.key))))
    return out


def assert_same_as_reference(matcher: Matcher, texts: list[str]) -> int:
    compared = 0
    for n, text in enumerate(texts):
        speaker = SPEAKERS[n % 4]
        expected = reference(matcher, text, speaker)
        got = matcher.signals(text, speaker=speaker)
        assert [c.claim_id for c, _ in got] == [claim_id for claim_id, _, _ in expected]
        for (_, values), (_, wanted, _) in zip(got, expected, strict=True):
            assert values == pytest.approx(wanted, abs=1e-9)
        hits = matcher.search(text, limit=1000, min_score=0.0, speaker=speaker)
        best = sorted(((round(s, 2), claim_id) for claim_id, _, s in expected), key=lambda h: -h[0])
        assert sorted((h.score, h.claim_id) for h in hits) == sorted(best)
        compared += len(expected)
    return compared


@pytest.fixture(scope="module")
def archive() -> list[str]:
    return sentences()


def test_cached_scores_equal_uncached_ones_on_hundreds_of_queries(archive):
    matcher = build(archive)
    texts = queries(archive)
    assert len(texts) >= 300
    assert assert_same_as_reference(matcher, texts) > 1000


def test_a_tiny_cache_evicts_without_changing_scores(archive, monkeypatch):
    monkeypatch.setattr(candidates_module, "PREPARED_CACHE", 5)
    matcher = build(archive)
    assert_same_as_reference(matcher, queries(archive)[::7])
    assert len(matcher._candidates.prepared) <= 5


def test_replacing_and_removing_claims_drops_their_prepared_text(archive):
    matcher = build(archive)
    first = archive[0]
    assert matcher.search(first, limit=1)[0].claim_id == 0
    matcher.add(0, 0, "An entirely different claim about lighthouse keepers in 1890.")
    assert all(h.claim_id != 0 for h in matcher.search(first, limit=5))
    assert matcher.search("lighthouse keepers in 1890", limit=1)[0].claim_id == 0
    matcher.remove(0)
    assert all(h.claim_id != 0 for h in matcher.search("lighthouse keepers in 1890", limit=5))
    assert_same_as_reference(matcher, archive[:20])


def test_adding_claims_between_searches_keeps_idf_current(archive):
    half = len(archive) // 2
    matcher = build(archive[:half])
    for n, text in enumerate(archive[half:], start=half):
        assert_same_as_reference(matcher, [text])
        matcher.add(n, n // 8, text, SPEAKERS[n % 4])


def test_many_scores_at_once_equal_one_at_a_time():
    rows = [[0.5 * n, 0.1, 0.9, n / 40, 0.7, 0.8, 1.0, 0.0, 0.5, 0.3, 1.0, 0.0, 1.0, n % 3 == 0, 1, 1, 0.6, 0.8, n % 2]
            for n in range(40)]
    copies = [55.0 + n for n in range(40)]
    assert scores(rows, copies) == pytest.approx([score(r, copy=c) for r, c in zip(rows, copies, strict=True)],
                                                abs=1e-9)
    assert scores([], []) == []


def test_many_rankings_at_once_equal_one_at_a_time():
    from claims.match.signals import COPY_MARGIN, COPY_RATIO, RANK_CALIBRATION, logit, rankings

    rows = [[0.5 * n, 0.1, 0.9, n / 40, 0.7, 0.8, 1.0, 0.0, 0.5, 0.3, 1.0, 0.0, 1.0, n % 3 == 0, 1, 1, 0.6, 0.8, n % 2]
            for n in range(40)]
    copies = [55.0 + n for n in range(40)]
    slope, offset = RANK_CALIBRATION

    def one(row, copy):
        z = logit(row)
        if copy >= COPY_RATIO:
            floor = min(copy - COPY_MARGIN, 99.99) / 100
            z = max(z, (math.log(floor / (1 - floor)) - offset) / slope)
        return z

    assert rankings(rows, copies) == pytest.approx([one(r, c) for r, c in zip(rows, copies, strict=True)], abs=1e-9)
    assert rankings([], []) == []
