"""CandidateSearch: a query's candidates in the match index and their lexical signals, the one gathering both scoring
paths start from (claims.match.lexical_scoring, claims.match.semantic_scoring).

Candidates: the best `rerank` by BM25 over the rarest content terms of the query (claims.match.index), plus the
near copies (fuzz.ratio >= NEAR_RATIO on the normalised texts) among the best `candidates` and, when the query's
speaker is given, the best by BM25 of that speaker's claims among them; for a semantic search, the claims nearest
by embedding that these missed. Each gets the re-ranking signals of claims.match.signals (FEATURES) and its
fuzz.ratio with the query.

Speed: each indexed text's comparison data (text_forms.Prepared: character n-gram codes, terms, numbers, word
vectors) is made the first time it is a candidate and kept in a bounded LRU cache keyed by slot (dropped when its
claim is replaced or removed: `forget`); IDFs are kept per term until the next claim is added; the character
n-gram cosines of all candidates are computed at once with numpy. None of this changes a score.

Thread safety: the caches and the index are read and written only under the lock the matcher gives (the one that
guards its index); the texts are prepared and the signals computed outside it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz, process

from claims.match.index import Candidate, MatchIndex
from claims.match.normalise import day_number, fuzz_key, speaker_key
from claims.match.signals import alignments, char_cosines, dates, features, fuzzy_ratios, meanings_of, speakers
from claims.match.text_forms import Prepared

NEAR_RATIO = 60.0  # fuzz.ratio (normalised text) from which a candidate past the re-ranking cut is a near copy
NEAR_LIMIT = 20
SPEAKER_LIMIT = 30  # candidates past the cut, best BM25 first, whose speaker agrees with the query's
PREPARED_CACHE = 10_000  # indexed claims whose comparison data (text_forms.Prepared) is kept, least recent out
IDF_CACHE = 200_000  # terms whose IDF is kept until the next claim is added

Scored = tuple[Candidate, list[float], float]  # a candidate text, its signals (FEATURES), its fuzz.ratio with the query


class CandidateSearch:
    """The candidates of a query with their signals, over `index`, whose reads are guarded by `lock`."""

    def __init__(self, index: MatchIndex, lock: threading.Lock, candidates: int = 1000, rerank: int = 50):
        self._index = index
        self._lock = lock
        self._candidates = candidates
        self._rerank = rerank
        self.prepared: OrderedDict[int, Prepared] = OrderedDict()  # slot -> its text prepared, most recent last
        self._idfs: dict[str, float] = {}  # term -> IDF, for an index of `_idf_slots` slots
        self._idf_slots = 0

    def scored(self, text: str, exclude_article_id: int | None, speaker: str | None,
               date: dt.date | str | None = None, nearest: list[int] = (), extra: int = 0) -> list[Scored]:
        """The candidates with their signals and their fuzz.ratio with the query (normalised texts); with
        `nearest` (claim ids, best first), up to `extra` of them that the lexical search missed join at the end."""
        query, who, day = Prepared.of(fuzz_key(text or "")), speaker_key(speaker), day_number(date)
        with self._lock:
            found = self._gathered(query, who, exclude_article_id, nearest, extra)
            agree = [speakers(who, self._index.speaker(c.slot)) for c, _ in found]
            days = [dates(day, self._index.day(c.slot)) for c, _ in found]
        claims = self._prepare(found)
        with self._lock:
            idf = self._idf_table([query, *claims]).__getitem__
        chars, means = char_cosines(query, claims), meanings_of(query, claims, idf)
        ratios, aligned = fuzzy_ratios(query.key, [claim.key for claim in claims]), alignments(query, claims)
        return [(c, features(query, claim, c.bm25, idf, meaning, agreement, char, fuzzy[:2], when, align), fuzzy[2])
                for (c, _), claim, meaning, agreement, char, fuzzy, when, align in zip(
                    found, claims, means, agree, chars, ratios, days, aligned, strict=True)]

    def forget(self, slots: Iterable[int | None]) -> None:
        """Drop the prepared texts of these slots (their claims were replaced or removed); call under the lock."""
        for slot in slots:
            if slot is not None:
                self.prepared.pop(slot, None)

    def _gathered(self, query: Prepared, who: str, exclude_article_id: int | None, nearest: list[int], extra: int
                  ) -> list[tuple[Candidate, str]]:
        """The candidate texts (under the lock): the best by BM25, near copies, the speaker's, the nearest."""
        slots, bm25 = self._index.ranked(sorted(query.terms), max(self._candidates, self._rerank),
                                         exclude_article_id=exclude_article_id)
        found = [(self._index.candidate(int(s), float(b)), self._index.text(int(s)))
                 for s, b in zip(slots[: self._rerank], bm25[: self._rerank], strict=True)]
        found += self._near_copies(query.key, slots[self._rerank :], bm25[self._rerank :])
        found += self._same_speaker(who, slots[self._rerank :], bm25[self._rerank :], found)
        found += self._nearest(nearest, extra, exclude_article_id, found)
        return found

    def _prepare(self, found: list[tuple[Candidate, str]]) -> list[Prepared]:
        """The candidates' prepared texts: from the cache, or made (outside the lock) and then cached."""
        with self._lock:
            cached = [self._cached(c.slot) for c, _ in found]
        made = iter(Prepared.many([text for claim, (_, text) in zip(cached, found, strict=True) if claim is None]))
        claims = [claim or next(made) for claim in cached]
        with self._lock:
            for claim, before, (c, _) in zip(claims, cached, found, strict=True):
                if before is None:
                    self._keep(c.slot, claim)
        return claims

    def _cached(self, slot: int) -> Prepared | None:
        claim = self.prepared.get(slot)
        if claim is not None:
            self.prepared.move_to_end(slot)
        return claim

    def _keep(self, slot: int, claim: Prepared) -> None:
        self.prepared[slot] = claim
        if len(self.prepared) > PREPARED_CACHE:
            self.prepared.popitem(last=False)

    def _idf_table(self, texts: list[Prepared]) -> dict[str, float]:
        """The IDF of every term of `texts`, from a table kept until a claim is added (IDFs change then). A new
        table is made rather than the old one cleared: a search still reading the old one is not disturbed."""
        if self._idf_slots != self._index.slots or len(self._idfs) > IDF_CACHE:
            self._idfs, self._idf_slots = {}, self._index.slots
        idfs, idf = self._idfs, self._index.idf
        for text in texts:
            idfs.update((term, idf(term)) for term in text.terms if term not in idfs)
        return idfs

    def _near_copies(self, key: str, slots: np.ndarray, bm25: np.ndarray) -> list[tuple[Candidate, str]]:
        """Among the candidates past the re-ranking cut, the `NEAR_LIMIT` closest to `key` by fuzz.ratio
        (at least NEAR_RATIO): near copies always reach re-ranking, however many claims share their terms.
        A text can only reach that ratio if its length is within a factor of the query's, so the others are
        skipped unread."""
        share = NEAR_RATIO / (200.0 - NEAR_RATIO)  # fuzz.ratio >= r needs shorter / longer >= r / (2 - r)
        keep = self._index.sized(slots, len(key) * share, len(key) / share)
        slots, bm25 = slots[keep], bm25[keep]
        texts = self._index.texts(slots)
        best = process.extract(key, texts, scorer=fuzz.ratio, score_cutoff=NEAR_RATIO, limit=NEAR_LIMIT,
                               processor=None)
        return [(self._index.candidate(int(slots[n]), float(bm25[n])), texts[n]) for _, _, n in best]

    def _same_speaker(self, who: str, slots: np.ndarray, bm25: np.ndarray, found: list[tuple[Candidate, str]]
                      ) -> list[tuple[Candidate, str]]:
        """Among the candidates past the re-ranking cut, the `SPEAKER_LIMIT` best by BM25 whose speaker agrees
        with the query's (same name or surname): a speaker's own earlier claims reach re-ranking more often."""
        if not who or SPEAKER_LIMIT <= 0:
            return []
        mask = self._index.spoken_by(slots, lambda name: any(speakers(who, name)[:2]), who)
        seen = {c.slot for c, _ in found}
        chosen = [(int(s), float(b)) for s, b in zip(slots[mask], bm25[mask], strict=True) if int(s) not in seen]
        return [(self._index.candidate(s, b), self._index.text(s)) for s, b in chosen[:SPEAKER_LIMIT]]

    def _nearest(self, nearest: list[int], extra: int, exclude_article_id: int | None,
                 found: list[tuple[Candidate, str]]) -> list[tuple[Candidate, str]]:
        """Up to `extra` of the claims `nearest` (ids) not already `found`, live and not of the excluded article."""
        seen = {c.claim_id for c, _ in found}
        out = []
        for claim_id in nearest:
            slot = self._index.slot_of(claim_id) if claim_id not in seen else None
            if slot is None or (exclude_article_id is not None and self._index.article_id(slot) == exclude_article_id):
                continue
            out.append((self._index.candidate(slot, 0.0), self._index.text(slot)))
            if len(out) >= extra:
                break
        return out
