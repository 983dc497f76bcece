"""Boilerplate: sentences a source repeats in article after article are not claims.

Fact-check sites and news sites carry the same notices, rating widgets, bylines and verdict formulas in every
article ("This fact check is available at IFCN's website…", "Share the Facts … PolitiFact Rating", "We rate this
claim Half True", "Click here for more on the six PolitiFact ratings"). Matched, each copy is "the same claim" as
every other and buries the real matches. A sentence is boilerplate when near copies of it (fuzz.ratio >=
COPY_RATIO of the normalised texts, with the same numbers; or the same first OPENING_WORDS words, numbers
masked, as in "Share the Facts 2018-08-27 18:56:36 UTC PolitiFact 2 1 7 PolitiFact Rating: False …";
claims.match.matcher.Matcher.copies) are already in at least
SAME_SOURCE_ARTICLES other articles of the same source (articles without a source count as one source), or in at
least ANY_SOURCE_ARTICLES other articles of any source. Boilerplate is stored with the type BOILERPLATE: it is
not highlighted and no match is stored from it or to it (claims.desk.load).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field

from claims.match.matcher import Matcher, MatchHit
from store.models import BOILERPLATE

__all__ = ["BOILERPLATE", "BoilerplateFinder", "is_boilerplate", "source_key", "search_claims"]
COPY_RATIO = 90.0
OPENING_WORDS = 12  # sentences opening with the same this many words (numbers masked) are copies too
SAME_SOURCE_ARTICLES = 2
ANY_SOURCE_ARTICLES = 3

Copy = tuple[int, int | None]  # (claim_id, article_id) of an earlier near copy


def source_key(source: str | None) -> str:
    """Sources compared case- and space-insensitively; no source is a source of its own ("")."""
    return " ".join((source or "").casefold().split())


def is_boilerplate(source: str | None, copies: Iterable[Copy], source_of: Callable[[int], str | None],
                   article_id: int | None = None) -> bool:
    """Whether a sentence of an article from `source` (its id `article_id`, if stored) with these earlier near
    copies is boilerplate; `source_of(article_id)` gives another article's source."""
    articles = {article for _, article in copies if article is not None and article != article_id}
    if len(articles) >= ANY_SOURCE_ARTICLES:
        return True
    own = source_key(source)
    return sum(source_key(source_of(article)) == own for article in articles) >= SAME_SOURCE_ARTICLES


@dataclass
class BoilerplateFinder:
    """Decides, for the sentences of each new article, which are boilerplate; keeps every article's source it
    looked up (`lookup`: article ids -> their sources, one call for many)."""

    copies_of: Callable[[str], list[Copy]]
    lookup: Callable[[list[int]], dict[int, str | None]]
    sources: dict[int, str | None] = field(default_factory=dict)

    def find(self, source: str | None, texts: list[str]) -> list[list[int] | None]:
        """For each text: None if it is not boilerplate, else the ids of its earlier copies (to mark too)."""
        found = [self.copies_of(text) for text in texts]
        unknown = {a for copies in found for _, a in copies if a is not None and a not in self.sources}
        if unknown:
            self.sources.update(self.lookup(sorted(unknown)))
        return [[claim_id for claim_id, _ in copies] if is_boilerplate(source, copies, self.sources.get) else None
                for copies in found]


def search_claims(matcher: Matcher, text: str, boilerplate: Container[int], limit: int = 5, **search) -> list[MatchHit]:
    """`matcher.search`, without the hits that are boilerplate (ids in `boilerplate`)."""
    hits = matcher.search(text, limit=limit + 5, **search)
    return [hit for hit in hits if hit.claim_id not in boilerplate][:limit]
