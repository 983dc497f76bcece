"""A sentence's speaker as found (`Attribution`: the speaker's words, the cue that names them, their tokens) and how
those words are read from the head word a cue points at (`from_head`): the phrase it heads, with clauses cut and a
named appositive preferred ("a spokesman, John Smith," -> John Smith), its text cleaned (`clean_speaker`).
claims.extract.sentence_speaker finds the cue.

Works on a dependency-parsed spaCy Doc (tok2vec + parser + ner; no tagger or lemmatizer needed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claims.extract.speaker_words import (
    CLOSE_QUOTES,
    DROP_DEPS,
    MAX_SPEAKER_TOKENS,
    NAMED,
    OPEN_QUOTES,
    PRONOUNS,
    UNRESOLVABLE,
)
from claims.read.article import strip_format_chars

Token = Any  # spacy.tokens.Token; spaCy is never imported at module level

_POSSESSIVE_END = re.compile(r"\s*['\u2019]s?$")
_LEADING_TIME = re.compile(r"^(?:(?:on|in|at|last|earlier|later|this|by)\s[^,]{1,30},\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """The speaker of one sentence and the cue that names it; ``tokens`` is the speaker's doc token range."""

    speaker: str | None = None
    cue: str | None = None
    tokens: tuple[int, int] | None = None
    pronoun: bool = False


NONE = Attribution()


def from_head(head: Token, cue: str) -> Attribution | None:
    lower = head.lower_
    if lower in UNRESOLVABLE:
        return None
    head = _named_appositive(head) or head
    first, last = speaker_tokens(head)
    text = clean_speaker(head.doc[first : last + 1].text)  # the span's text only: doc.text rebuilds the whole doc
    if not text:
        return None
    return Attribution(speaker=text, cue=cue, tokens=(first, last + 1), pronoun=lower in PRONOUNS)


def _is_name(token: Token) -> bool:
    return token.ent_type_ in NAMED or (token.is_title and not token.is_sent_start)


def _named_appositive(head: Token) -> Token | None:
    """"a spokesman, John Smith," -> John Smith."""
    if _is_name(head):
        return None
    has_ents = head.doc.has_annotation("ENT_IOB")
    for child in head.children:
        if child.dep_ == "appos" and (child.ent_type_ == "PERSON" if has_ents else _looks_like_name(child)):
            return child
    return None


def _looks_like_name(token: Token) -> bool:
    """Without entities (the per-line fast path): the appositive's head word is capitalised."""
    return bool(token.is_title)


def speaker_tokens(head: Token) -> tuple[int, int]:
    """First and last token of the speaker phrase headed by ``head`` (clauses, named appositives cut)."""
    dropped = set(DROP_DEPS)
    if _is_name(head):
        dropped.add("appos")
    excluded: set[int] = set()
    for child in head.children:
        if child.dep_ in dropped:
            excluded.update(token.i for token in child.subtree)
    first = last = head.i
    while first - 1 >= head.left_edge.i and first - 1 not in excluded:
        first -= 1
    while last + 1 <= head.right_edge.i and last + 1 not in excluded:
        last += 1
    if last - first >= MAX_SPEAKER_TOKENS:
        first, last = max(first, head.i - 6), head.i
    return _trim(head.doc, first, last)


def _trim(doc: Any, first: int, last: int) -> tuple[int, int]:
    while first < last and (doc[first].is_punct or doc[first].is_space or doc[first].lower_ in {"and", "or"}):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space or doc[last].lower_ in {"and", "or"}):
        last -= 1
    return first, last


def clean_speaker(text: str) -> str:
    """Collapse whitespace, drop invisible format characters (zero-width spaces, bidi controls), quotes at the
    edges and a leading "On Monday," style phrase; "" when no letter is left (a speaker is named in words)."""
    text = " ".join(strip_format_chars(text).split())
    text = _LEADING_TIME.sub("", text)
    text = _POSSESSIVE_END.sub("", text.strip(OPEN_QUOTES + CLOSE_QUOTES + " ,;:-"))
    return text if any(char.isalpha() for char in text) else ""
