"""Boilerplate: sentences a source repeats in article after article are not claims.

Fact-check sites and news sites carry the same notices, rating widgets, bylines and verdict formulas in every
article ("This fact check is available at IFCN's website…", "Share the Facts … PolitiFact Rating", "We rate this
claim Half True", "Click here for more on the six PolitiFact ratings"). Matched, each copy is "the same claim" as
every other and buries the real matches. A sentence is boilerplate when

- by repetition: near copies of it (fuzz.ratio >= COPY_RATIO of the normalised texts, with the same numbers; or
  the same first OPENING_WORDS words, numbers masked, as in "Share the Facts 2018-08-27 18:56:36 UTC PolitiFact 2 1
  7 PolitiFact Rating: False …"; claims.match.matcher.Matcher.copies) are already in at least SAME_SOURCE_ARTICLES
  other articles of the same source (articles without a source count as one source). Copies in other sources do
  not count: a claim quoted by many outlets is still a claim, and stays linked;
- by its block: a near copy of it sits in another article of the same source among the same lines, three in a
  row (`carried`): a featured item carried over with its speaker line and byline, not a quote written anew.
  Unless that article holds copies of more than BLOCK_SHARE of this one's sentences: then it is another version
  of the same article, whose sentences are real repeats;
- by its form, the first time it is seen, since its words change from article to article (`is_formula`): the
  writer's verdict on a rating scale ("We rate this claim Half True", "…, so we rate it Pants on Fire!",
  "Dovilla's claim rates True"), a rating widget ("PolitiFact Rating: False …", "Our rating: Misleading"), a notice
  about the piece itself ("This fact check is available at …", "Get updates from … on Twitter", any sentence of
  an "Editor's note: …" or a "Correction: …") or a byline or credit ("By Ann Lee • May 2, 2021", "… contributed to
  this report"). A verdict is only the main clause: "…, which we rated False" closes a sentence that says something
  else, and stays a claim; a paragraph opening "Update:" is news, and stays claims.

Its earlier copies (those of its source; every near copy of a formula) are boilerplate too. Boilerplate is stored
with the type BOILERPLATE: it is not highlighted and no match is stored from it or to it (claims.desk.load).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field

from claims.match.matcher import Matcher, MatchHit
from store.models import BOILERPLATE

__all__ = ["BOILERPLATE", "BoilerplateFinder", "block_of", "carried", "is_boilerplate", "is_formula", "source_key",
           "search_claims"]
COPY_RATIO = 90.0
OPENING_WORDS = 12  # sentences opening with the same this many words (numbers masked) are copies too
SAME_SOURCE_ARTICLES = 2
BLOCK_SHARE = 0.5  # an article holding copies of more of this one's sentences is another version of it

Copy = tuple[int, int | None]  # (claim_id, article_id) of an earlier near copy
Block = tuple[str, ...]  # a sentence's line with the two lines before and after it (block_of)

# The labels of fact-checkers' rating scales (Truth-O-Meter, Flip-O-Meter, Pinocchios and the usual others).
_LABEL = (r"(?:(?:mostly|half|partly|barely)[ -])?(?:true|false|accurate|inaccurate|correct)|pants[ -]on[ -]fire"
          r"|(?:no|half)[ -]flip|full[ -]flop|misleading|mixture|unproven|unsupported|exaggerated|missing context"
          r"|(?:one|two|three|four) pinocchios?|geppetto checkmark")
_Q = "\"'\u201c\u201d\u2018\u2019"  # quotes
_END = rf"(?:\s+on\s+the\s+[\w-]+-o-meter)?[\s.!?\u2026)\]{_Q}]*$"  # the label closes the sentence
_OBJECT = r"(?:(?!(?:is|are|was|were|not)\s)[^\s,;:.!?]+\s+){0,8}?"  # "this claim", "Trump's statement as"
_NAME = r"[A-Z][\w.'\u2019-]*"
FORMULAS = re.compile(
    # The writer's verdict as the sentence's main clause: "We rate…", "In the end, we rate…", "…, so we rate it…"
    rf"(?:^|[,;:\u2014]\s*|--\s*|\bso\s+)(?:(?:so|and|thus|therefore|then|overall|here)\s+)?"
    rf"we(?:\s+are|[\u2019']re)?\s+(?:rated?|rating|rule|ruled|give|gave|giving|find|found)\s+{_OBJECT}"
    rf"[{_Q}]?(?:{_LABEL}){_END}"
    rf"|\b(?:rates|earns|gets|receives)\s+(?:an?\s+)?[{_Q}]?(?:{_LABEL})[{_Q}]?(?:\s+rating)?{_END}"
    # A rating widget: "PolitiFact Rating: False …", "Our rating: Half True"
    rf"|\brating:\s*(?:[{_Q}]?(?:{_LABEL})\b|$)"
    # A notice about the piece itself: "Editor's note: …", "This fact check is available at …", "Follow us on …"
    r"|^this\s+(?:fact[- ]check|article|story|report)\s+(?:is available|(?:was|has been)\s+(?:updated|corrected"
    r"|republished|originally published|first published|produced|flagged))\b"
    r"|^\(?(?:get updates|follow us|click here|subscribe to|sign up for|like us|visit us)\b"
    # A byline or a credit: "By Ann Lee • May 2, 2021", "Staff writer Ann Lee contributed to this report."
    r"|\bcontributed (?:reporting )?to this (?:report|story|article)\b",
    re.IGNORECASE)
NOTE = re.compile(r"^(?:editor(?:s?['\u2019]s?|s)?\s+note|correction|clarification)\s*[,:(\u2014]", re.IGNORECASE)
BYLINE = re.compile(rf"^(?:By|BY)\s+{_NAME}(?:\s+(?:{_NAME}|and)){{1,4}}\s*(?:[\u2022|]|$)")  # names capitalised


def is_formula(text: str, line: str = "") -> bool:
    """Whether `text` is a verdict, a rating widget, a notice about the piece or a byline: furniture by its form;
    or a sentence of a note (its `line` opens with "Editor's note:", "Correction:" or "Clarification:")."""
    text = " ".join(text.split())
    return any(pattern.search(text) for pattern in (BYLINE, FORMULAS, NOTE)) or NOTE.search(line) is not None


def source_key(source: str | None) -> str:
    """Sources compared case- and space-insensitively; no source is a source of its own ("")."""
    return " ".join((source or "").casefold().split())


def block_of(text: str, start: int, end: int) -> Block:
    """The line of `text` holding text[start:end] in the middle of the two lines before and the two after it
    (blank lines skipped; "" past either end), case and spaces normalised."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    before = [line for line in text[:first].split("\n") if line.strip()][-2:]
    after = [line for line in text[last:].split("\n") if line.strip()][:2]
    lines = ["", ""][len(before):] + before + [text[first:last]] + after + ["", ""][len(after):]
    return tuple(" ".join(line.casefold().split()) for line in lines)


def carried(block: Block, other: Block) -> bool:
    """Whether two sentences' blocks (block_of) share a run of three lines through the sentence's own: the same
    lines carried from one article to another (a featured item with its speaker line and byline)."""
    return any(all(block[n]) and block[n] == other[n] for n in (slice(0, 3), slice(1, 4), slice(2, 5)))


def is_boilerplate(source: str | None, copies: Iterable[Copy], source_of: Callable[[int], str | None],
                   article_id: int | None = None) -> bool:
    """Whether a sentence of an article from `source` (its id `article_id`, if stored) with these earlier near
    copies is boilerplate by repetition; `source_of(article_id)` gives another article's source."""
    articles = {article for _, article in copies if article is not None and article != article_id}
    own = source_key(source)
    return sum(source_key(source_of(article)) == own for article in articles) >= SAME_SOURCE_ARTICLES


@dataclass
class BoilerplateFinder:
    """Decides, for the sentences of each new article, which are boilerplate; keeps every article's source it
    looked up (`lookup`: article ids -> their sources, one call for many) and every earlier sentence's block
    (`block_at`: claim id -> its block, or None when unknown)."""

    copies_of: Callable[[str], list[Copy]]
    lookup: Callable[[list[int]], dict[int, str | None]]
    block_at: Callable[[int], Block | None] = lambda claim_id: None
    by_form: bool = True  # False: only repetition counts (and with no copies_of, nothing is boilerplate)
    sources: dict[int, str | None] = field(default_factory=dict)
    blocks: dict[int, Block | None] = field(default_factory=dict)

    def find(self, source: str | None, texts: list[str], blocks: list[Block] | None = None
             ) -> list[list[int] | None]:
        """For each text (in `blocks`, each one's block in the new article): None if it is not boilerplate, else
        the ids of its earlier copies (to mark too)."""
        found = [self.copies_of(text) for text in texts]
        unknown = {a for copies in found for _, a in copies if a is not None and a not in self.sources}
        if unknown:
            self.sources.update(self.lookup(sorted(unknown)))
        own = source_key(source)
        same = [[(claim_id, a) for claim_id, a in copies if a is not None and source_key(self.sources.get(a)) == own]
                for copies in found]
        shared = Counter(a for copies in same for a in {a for _, a in copies})
        version = {a for a, count in shared.items() if count > BLOCK_SHARE * len(texts)}
        result: list[list[int] | None] = []
        for n, (text, copies) in enumerate(zip(texts, found, strict=True)):
            if self.by_form and is_formula(text, blocks[n][2] if blocks else ""):
                result.append([claim_id for claim_id, _ in copies])
            elif is_boilerplate(source, copies, self.sources.get):
                result.append([claim_id for claim_id, _ in same[n]])
            else:
                block = blocks[n] if blocks else None
                furniture = [c for c, a in same[n] if block and a not in version and self._carried(block, c)]
                result.append(furniture or None)
        return result

    def _carried(self, block: Block, claim_id: int) -> bool:
        """Whether the earlier claim `claim_id` sits among the same lines as a sentence whose block is `block`."""
        if claim_id not in self.blocks:
            self.blocks[claim_id] = self.block_at(claim_id)
        other = self.blocks[claim_id]
        return other is not None and carried(block, other)


def search_claims(matcher: Matcher, text: str, boilerplate: Container[int], limit: int = 5, **search) -> list[MatchHit]:
    """`matcher.search`, without the hits that are boilerplate (ids in `boilerplate`)."""
    hits = matcher.search(text, limit=limit + 5, **search)
    return [hit for hit in hits if hit.claim_id not in boilerplate][:limit]
