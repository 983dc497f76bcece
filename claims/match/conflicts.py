"""Conflicts: two claims on the same subject that disagree on a place, a number, a date or a negation.

Precision comes first (a fact-checker must not be flooded), so a pair is reported only on one of two narrow
grounds, each saying what differs:

- **place**: both claims put the same named subject (the last word of the entity heading a sentence subject:
  "Ahmad Massoud" -> "massoud") somewhere with a verb of being or moving (be, flee, live, stay, move, ...: not
  "said in Ohio") and a locative preposition (in, inside, to, into, at, within), not negated; the capitalised
  words under that preposition ("Tajikistan"; "a safe house in the Tajik capital of Dushanbe" -> Tajik,
  Dushanbe) share nothing on the two sides ("Tajik" and "Tajikistan" are one place: a shared 4-letter start);
- **number / date / negation**: the two claims say nearly the same words (at least SHARED_WORDS of the longer
  one's words in common, claims.match.diff) and differ in a number ("6,000" vs "60,000") with no year changed
  (another year is another time, not a contradiction), in a day ("September 6" vs "September 9"), or in a
  negation on one side only.

`facts_of(doc)` reads the place facts from a spaCy Doc of one claim; `conflict(a, b)` compares two analysed
claims and returns what differs ("" when nothing does). `ConflictFinder` does it for a load: every pair within a
new article, and each new claim against the earlier claims it matched. Only claims that may hold a place fact (a
place verb and a locative preposition among their words) are parsed, with the `parse` given (``nlp.pipe``; None:
no place facts, as with an extractor without spaCy).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from claims.match.diff import diff_words
from claims.match.normalise import STOPWORDS, fold

# Verbs of being somewhere or going there, as written (the trimmed pipeline has no lemmatiser).
PLACE_VERBS = frozenset(
    "is are was were be been being 's 're am remain remains remained remaining stay stays stayed staying live "
    "lives lived living flee flees fled fleeing escape escapes escaped escaping move moves moved moving go goes "
    "went gone going travel travels travelled traveled travelling traveling arrive arrives arrived arriving "
    "return returns returned returning hide hides hid hidden hiding based located reside resides resided "
    "residing relocate relocated settle settled sheltering sheltered".split())
PLACE_PREPOSITIONS = frozenset("in inside into to at within".split())
SHARED_WORDS = 0.5
MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_WORD = re.compile(r"\w+")
_SUBJECTS = ("nsubj", "nsubjpass")
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


@dataclass(frozen=True)
class PlaceFact:
    subject: str  # the subject's key: the last word of its name, folded
    places: frozenset[str]  # capitalised words under the locative preposition, folded
    words: str  # the places as written, for the report


@dataclass(frozen=True)
class Analysed:
    """A claim as conflicts are found: its id, text and place facts."""

    claim_id: int
    text: str
    facts: tuple[PlaceFact, ...] = field(default_factory=tuple)


def facts_of(doc: Any) -> tuple[PlaceFact, ...]:
    """The place facts of a parsed claim (see the module doc)."""
    found = []
    for token in doc:
        if token.dep_ not in _SUBJECTS or token.head.lower_ not in PLACE_VERBS:
            continue
        subject = _subject_key(doc, token)
        verb = token.head
        if not subject or any(child.dep_ == "neg" for child in verb.children):
            continue
        words = [w for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPOSITIONS
                 for w in _place_words(prep)]
        if words:
            found.append(PlaceFact(subject, frozenset(fold(w.text) for w in words), " ".join(w.text for w in words)))
    return tuple(found)


def _subject_key(doc: Any, token: Any) -> str:
    """The folded last word of the named entity the subject token is in (or of the proper noun itself)."""
    for ent in doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ in _NAME_LABELS:
            return fold(ent[-1].text)
    return fold(token.text) if token.text[:1].isupper() and token.i > 0 else ""


def _place_words(prep: Any) -> list[Any]:
    """The capitalised words (not months, days or dates) in the objects under a preposition, nested ones too."""
    words = []
    for token in prep.subtree:
        if token.i == prep.i or not token.text[:1].isupper() or not token.text[1:2].isalpha():
            continue
        if fold(token.text) in MONTHS | WEEKDAYS or token.ent_type_ in ("DATE", "TIME"):
            continue
        words.append(token)
    return words


def _same_place(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))) for x in a for y in b)


def place_conflict(a: Analysed, b: Analysed) -> str:
    for fa in a.facts:
        for fb in b.facts:
            if fa.subject == fb.subject and not _same_place(fa.places, fb.places):
                return f"place: {fa.words} / {fb.words}"
    return ""


def wording_conflict(a: str, b: str) -> str:
    """A changed number, day or negation between two claims saying nearly the same words; "" when none."""
    words_a, words_b = _WORD.findall(fold(a)), _WORD.findall(fold(b))
    if not words_a or not words_b or len(set(words_a) & set(words_b)) < SHARED_WORDS * max(len(set(words_a)),
                                                                                             len(set(words_b))):
        return ""
    segments = diff_words(a, b)
    shared = sum(len(s.text.split()) for s in segments if s.side == "both")
    if shared < SHARED_WORDS * max(len(a.split()), len(b.split())):
        return ""
    blocks = _changes(segments)
    names = [w for block in blocks for s in block for w in s.text.split() if _is_name(w)]
    if names:
        return ""  # another name: another subject ("Minnesota has 8,784 …" / "Wisconsin has 5,481 …")
    if any(_YEAR.match(w) for block in blocks for s in block if s.kind == "number" for w in _WORD.findall(s.text)):
        return ""  # another year: another time
    swapped = [block for block in blocks if _both_sides(block, lambda s: s.kind == "number" or _is_day(s.text))]
    others = [block for block in blocks if block not in swapped]
    if (swapped and len(swapped) <= 2 and not any(s.kind == "number" for b in others for s in b)
            and all(_words(b, side, plain=True) <= 1 for b in swapped for side in "ab")
            and all(sum(_words(b, side) for b in others) <= 2 for side in "ab")):
        # one number (or day) said for another, and little else changed: not another quantity or subject
        said = {side: " ".join(s.text.strip(" ,;.") for b in swapped for s in b if s.side == side
                               and (s.kind == "number" or _is_day(s.text))) for side in "ab"}
        dated = all(_is_day(s.text) or _next_to_month(a if s.side == "a" else b, [s.text]) for block in swapped
                    for s in block if s.kind in ("number", "name"))
        return f"{'date' if dated else 'number'}: {said['a']} / {said['b']}"
    if any(s.kind == "number" for block in blocks for s in block):
        return ""  # numbers changed but not one for another: other quantities
    negated = {side: [s for s in segments if s.side == side and s.kind == "negation"] for side in "ab"}
    if bool(negated["a"]) != bool(negated["b"]):
        said = {side: " ".join(s.text.strip() for s in negated[side]) or "—" for side in "ab"}
        return f"negation: {said['a']} / {said['b']}"
    return ""


def _changes(segments: list) -> list[list]:
    """The runs of changed segments between the shared ones: each run is what one side says instead of the other."""
    blocks: list[list] = [[]]
    for segment in segments:
        if segment.side == "both":
            blocks.append([])
        else:
            blocks[-1].append(segment)
    return [block for block in blocks if block]


def _words(block: list, side: str, plain: bool = False) -> int:
    """How many words one side of a change says (`plain`: besides numbers and days)."""
    return sum(len(s.text.split()) for s in block if s.side == side
               and not (plain and (s.kind == "number" or _is_day(s.text))))


def _both_sides(block: list, wanted: Callable[[Any], bool]) -> bool:
    return any(s.side == "a" and wanted(s) for s in block) and any(s.side == "b" and wanted(s) for s in block)


def _is_name(word: str) -> bool:
    """A capitalised word that is not a common word or a day (claims.match.diff calls a sentence's first word a
    name only when it is in capitals; here "Norland has …" counts too)."""
    core = word.strip(".,;:!?\"'“”‘’()[]—–-")
    return core[:1].isupper() and fold(core) not in STOPWORDS and not _is_day(core) and not core[:1].isdigit()


def _is_day(text: str) -> bool:
    return fold(text).strip(" .,;:") in MONTHS | WEEKDAYS


def _next_to_month(text: str, numbers: list[str]) -> bool:
    words = _WORD.findall(fold(text))
    return any(w in MONTHS and n < len(words) - 1 and words[n + 1] in {_WORD.findall(fold(x))[0] for x in numbers}
               for n, w in enumerate(words))


def conflict(a: Analysed, b: Analysed) -> str:
    """What differs between two claims that disagree ("place: …", "number: …", "date: …", "negation: …"), or ""."""
    return place_conflict(a, b) or wording_conflict(a.text, b.text)


Parse = Callable[[list[str]], Iterable[Any]]


@dataclass
class ConflictFinder:
    parse: Parse | None = None

    def analyse(self, claims: list[tuple[int, str]]) -> list[Analysed]:
        """(id, text) pairs as analysed claims; only texts that may hold a place fact are parsed."""
        wanted = [n for n, (_, text) in enumerate(claims) if self.parse is not None and _may_place(text)]
        docs = dict(zip(wanted, self.parse([claims[n][1] for n in wanted]), strict=True)) if wanted else {}
        return [Analysed(claim_id, text, facts_of(docs[n]) if n in docs else ())
                for n, (claim_id, text) in enumerate(claims)]

    def within(self, claims: list[Analysed]) -> list[tuple[int, int, str]]:
        """Conflicting pairs inside one article: (later claim_id, earlier claim_id, what differs, later first)."""
        return [(b.claim_id, a.claim_id, d) for a, b in combinations(claims, 2) if (d := conflict(b, a))]

    def across(self, claims: list[Analysed], earlier: dict[int, list[tuple[int, str]]]) -> list[tuple[int, int, str]]:
        """Each claim against the earlier claims it matched (`earlier`: claim_id -> (id, text) of its matches)."""
        found = []
        for claim in claims:
            others = earlier.get(claim.claim_id, [])
            for other in self.analyse(others) if claim.facts else [Analysed(i, t) for i, t in others]:
                if differs := conflict(claim, other):
                    found.append((claim.claim_id, other.claim_id, differs))
        return found


_PLACE_PHRASE = re.compile(r"\b(?:in|inside|into|to|at|within)\s+(?:[a-z]\S*\s+){0,3}[A-Z]\w")


def _may_place(text: str) -> bool:
    """Whether a claim may hold a place fact: a place verb, and a locative preposition before a capitalised word
    (cheap: most claims are not parsed again)."""
    return bool(set(_WORD.findall(text.lower())) & PLACE_VERBS) and bool(_PLACE_PHRASE.search(text))
