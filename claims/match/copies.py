"""Near-copy search of a match index (Matcher.copies, for claims.match.boilerplate): the indexed claims whose
normalised text is a near copy of a query's with the same numbers, or that open with the same words holding three
numbers or more, the numbers masked (a widget's time stamp and codes vary from page to page). Claims' own texts
only, never fact-check titles.
"""

from __future__ import annotations

import re
import threading

from rapidfuzz import fuzz, process

from claims.match.index import MatchIndex
from claims.match.normalise import fuzz_key
from claims.match.text_forms import Text

_DIGITS = re.compile(r"\d+")
_NUMBER_WORD = re.compile(r"\S*\d\S*")


def near_copies(index: MatchIndex, lock: threading.Lock, text: str, min_ratio: float, prefix_words: int,
                candidates: int) -> list[tuple[int, int | None]]:
    """The claims of `index` (read under `lock`) that are near copies of `text` (fuzz.ratio >= `min_ratio` of the
    normalised texts, with the same numbers), or, with `prefix_words`, open with the same `prefix_words` words
    holding three numbers or more, the numbers masked; as (claim_id, article_id), among the `candidates` best by
    BM25."""
    key = fuzz_key(text or "")
    terms = sorted(set(Text.terms_of(key)))
    if not terms:
        return []
    share = min_ratio / (200.0 - min_ratio)  # as for near copies among candidates: a copy's length is within this
    opening = _opening(key, prefix_words)
    opening_terms = sorted({t for t in Text.terms_of(opening) if not t[:1].isdigit() and t != "#"})
    with lock:
        slots, _ = index.ranked(terms, candidates, titles=False)
        near = slots[index.sized(slots, len(key) * share, len(key) / share)]
        texts = index.texts(near)
        found = process.extract(key, texts, scorer=fuzz.ratio, score_cutoff=min_ratio, limit=None, processor=None)
        numbers = sorted(_DIGITS.findall(key))  # a copy says the same numbers: "rose 3 metres" is no copy of 4
        copies = {int(near[n]) for _, _, n in found if sorted(_DIGITS.findall(texts[n])) == numbers}
        if opening and opening_terms:  # by the opening's own words: a long sentence's rarest are elsewhere
            opened, _ = index.ranked(opening_terms, candidates, titles=False)
            copies |= {int(s) for s in opened if _opening(index.text(int(s)), prefix_words) == opening}
        return [(index.claim_id(s), index.article_id(s)) for s in sorted(copies)]


def _opening(key: str, words: int, stamps: int = 3) -> str:
    """The first `words` words of a normalised text with every number as "#", if it has that many words and
    at least `stamps` numbers among them (time stamps, codes: a widget's, not a sentence's), else ""."""
    found = key.split()[:words] if words > 0 else []
    masked = [_NUMBER_WORD.sub("#", w) for w in found]
    return " ".join(masked) if len(found) == words and masked.count("#") >= stamps else ""
