"""Speakers named without a speech verb: "Vale: \"...\"", "Vale's claim that ...", "the claim Vale made that
...", "is Vale right that ...", "as Vale did, that ...", and "A viral post had this headline: \"...\"".

Fact-check copy names the claimant this way when it restates the claim it checks. Each finder returns the tokens
that name the speaker (claims.extract.speakers turns them into an Attribution); they read a parsed sentence only.
"""

from __future__ import annotations

from typing import Any

from claims.extract.speaker_words import CLAIM_NOUNS, OPEN_QUOTES, UNRESOLVABLE, UNRESOLVABLE_OWNERS, VEHICLE_NOUNS

Span = Any  # spacy.tokens.Span; spaCy is never imported at module level
Token = Any

MAX_NAME_TOKENS = 4
JUDGEMENTS = frozenset({"right", "wrong", "correct", "incorrect", "accurate", "inaccurate"})
AS_VERBS = frozenset({"did", "does", "do", "said", "says", "claimed", "claims", "suggested", "suggests", "put",
                      "wrote", "writes", "stated", "states", "argued", "argues", "implied", "implies"})
_INTRODUCERS = frozenset({"that", ":", "--", "\u2014"}) | set(OPEN_QUOTES) | {"\u201c"}
_NOT_NAMES = frozenset({"update", "note", "correction", "editor", "editors", "source", "sources", "q", "a",
                        "question", "answer", "example", "clarification", "disclosure", "photo", "video", "watch"})


def name_before_colon(sent: Span) -> tuple[int, int] | None:
    """"Vale: \"The port ...\"" (a transcript line): the token range of the name that opens the sentence."""
    words = [token for token in sent if not token.is_space]
    for n, token in enumerate(words[: MAX_NAME_TOKENS + 1]):
        if token.text != ":":
            continue
        name = words[:n]
        after = words[n + 1] if n + 1 < len(words) else None
        if not name or after is None or name[0].lower_ in _NOT_NAMES:
            return None
        if not all(word.is_title or word.text in {".", "-"} for word in name):
            return None
        if any(word.ent_type_ == "PERSON" for word in name) or after.text in _INTRODUCERS:
            return name[0].i, name[-1].i + 1
        return None
    return None


def claim_owner(sent: Span) -> Token | None:
    """The word naming whose claim the sentence states: "Vale's claim that", "his statement that", "the claim
    Vale made that", "is Vale right that", "as Vale did, that"."""
    for token in sent:
        lower = token.lower_
        if lower in CLAIM_NOUNS:
            owner = _possessor(token) or _maker(token)
            if owner is not None:
                return owner if owner.lower_ not in UNRESOLVABLE_OWNERS else None
        elif lower in JUDGEMENTS and token.dep_ == "acomp" and _followed_by(token, {"that", "about", "to", "in"}):
            subject = _nsubj(token.head)
            if subject is not None and subject.lower_ not in UNRESOLVABLE:  # "It is not accurate to say": no one
                return subject
        elif lower == "as" and token.dep_ == "mark" and token.head.lower_ in AS_VERBS:
            subject = _nsubj(token.head)
            if subject is not None:
                return subject
    return None


def vehicle_before_colon(sent: Span) -> Token | None:
    """"A viral post had a version of this headline: \"...\"" and "The campaign's page lists these figures:":
    a post, an ad or a page that introduces a quotation (or the next sentence) with a colon."""
    words = [token for token in sent if not token.is_space]
    colons = [n for n, token in enumerate(words) if token.text == ":"]
    if not colons:
        return None
    at = colons[0]
    after = words[at + 1 :]
    if after and after[0].text not in _INTRODUCERS and not all(word.is_punct for word in after):
        return None
    for token in words[:at]:
        if token.dep_ == "nsubj" and token.lower_ in VEHICLE_NOUNS and token.head.i < words[at].i:
            return token
    return None


def _possessor(noun: Token) -> Token | None:
    if not _followed_by(noun, _INTRODUCERS):
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    return None


def _maker(noun: Token) -> Token | None:
    """"the claim Vale made that ...": the subject of the relative clause that makes the claim."""
    for child in noun.children:
        if child.dep_ == "relcl" and child.lower_ in {"made", "makes", "make", "repeated", "repeats"}:
            return _nsubj(child)
    return None


def _nsubj(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    return None


def _followed_by(token: Token, words: frozenset[str] | set[str]) -> bool:
    doc = token.doc
    for n in range(token.i + 1, min(len(doc), token.i + 3)):
        if doc[n].lower_ in words or doc[n].text in words:
            return True
        if not doc[n].is_punct:
            return False
    return False
