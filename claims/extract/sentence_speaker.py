"""The speaker one sentence names by itself: "according to X", "X said", "said X", "X told Y that", "Vale: ...",
"Vale's claim that", a post before a colon: the cue, and the word it points at. claims.extract.speaker_phrase reads
the speaker's words from that word (`Attribution`, `from_head` and `clean_speaker` live there and are re-exported
here); claims.extract.speakers reads the article around the sentence (quotes, pronouns, the sentence before, the
headline).

Works on a dependency-parsed spaCy Doc (tok2vec + parser + ner; no tagger or lemmatizer needed).
"""

from __future__ import annotations

from typing import Any

from claims.extract.speaker_mentions import claim_owner, name_before_colon, vehicle_before_colon
from claims.extract.speaker_phrase import NONE, Attribution, clean_speaker, from_head
from claims.extract.speaker_words import (
    CLOSE_QUOTES,
    CONTINUING_VERBS,
    MEDIA_NOUNS,
    MEDIA_VERBS,
    NOT_SPEAKERS,
    OPEN_QUOTES,
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    SUBJECT_DEPS,
    UNRESOLVABLE,
    VEHICLE_NOUNS,
    VERDICT_WORDS,
)

__all__ = ["NONE", "Attribution", "clean_speaker", "from_head", "main_subject", "may_name_speaker", "own_attribution",
           "plausible", "quote_state", "starts_quote", "subject_of"]

Span = Any  # spacy.tokens.Span; spaCy is never imported at module level
Token = Any

_POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "his", "her", "their", "its", "our", "my", "your"})


def plausible(found: Attribution) -> Attribution:
    """No verdict ("False"), bare determiner ("Another") or wordless text is ever a speaker."""
    if found.speaker is None:
        return found
    words = found.speaker.casefold().strip(" .")
    if not any(char.isalpha() for char in words) or words in NOT_SPEAKERS or words in VERDICT_WORDS:
        return NONE
    if words.split()[-1] in VERDICT_WORDS or words.startswith(("politifact", "share the facts")):
        return NONE
    return found


def may_name_speaker(tokens: Span) -> bool:
    """False when no word could start an attribution (no speech verb, no "according"): no parse needed."""
    return any(token.lower_ in SPEECH_VERBS or token.lower_ == "according" for token in tokens)


def own_attribution(sent: Span) -> Attribution:
    """The attribution a sentence makes by itself, the first plausible of: a name opening a transcript line
    ("Vale: ..."), "according to", a closing ", a news report says.", the main speech verb, the owner of a claim
    it restates ("Vale's claim that"), a post or page introducing a quotation with a colon."""
    for find in (_name_colon, _according_to, _spoken, _claim_owner, _vehicle_colon):
        found = plausible(find(sent) or NONE)
        if found.speaker is not None:
            return found
    return NONE


def _spoken(sent: Span) -> Attribution | None:
    spoken, closing = _speech_verb(sent), _closing_source(sent)
    if spoken is None or (closing is not None and _last_word(sent).lower_ == spoken.cue and not _verb_has_object(
            _last_word(sent))):
        return closing or spoken
    return spoken


def _name_colon(sent: Span) -> Attribution | None:
    found = name_before_colon(sent)
    if found is None:
        return None
    text = clean_speaker(sent.doc[found[0] : found[1]].text)
    return Attribution(text, ":", found) if text else None


def _claim_owner(sent: Span) -> Attribution | None:
    owner = claim_owner(sent)
    if owner is None:
        return None
    if owner.lower_ in POSSESSIVE_PRONOUNS | PRONOUNS:
        return Attribution(owner.text, "claim", (owner.i, owner.i + 1), pronoun=True)
    return from_head(owner, "claim")


def _vehicle_colon(sent: Span) -> Attribution | None:
    vehicle = vehicle_before_colon(sent)
    return from_head(vehicle, ":") if vehicle is not None else None


def _last_word(sent: Span) -> Token:
    return [token for token in sent if not (token.is_space or token.is_punct)][-1]


def _verb_has_object(verb: Token) -> bool:
    """"..., the Courier reported." hangs the reported clause on the verb: that verb is not the claim's speaker's."""
    return any(child.dep_ in {"ccomp", "dobj"} and child.i < verb.i for child in verb.children)


_CLAUSE_DEPS = frozenset({"aux", "auxpass", "relcl", "acl", "advcl", "xcomp", "ccomp", "conj", "ROOT", "mark"})


def _closing_source(sent: Span) -> Attribution | None:
    """"..., a news report says." read from the words (the parse often hangs the source on the wrong verb)."""
    words = [token for token in sent if not (token.is_space or (token.is_punct and token.text not in {","}))]
    if len(words) < 5 or words[-1].lower_ not in SPEECH_VERBS:
        return None
    commas = [n for n, token in enumerate(words[:-1]) if token.text == ","]
    if not commas or len(words) - commas[-1] - 2 > 8 or len(words) - commas[-1] - 2 < 1:
        return None
    phrase = words[commas[-1] + 1 : -1]
    if any(token.dep_ in _CLAUSE_DEPS for token in phrase) or phrase[0].lower_ in UNRESOLVABLE:
        return None
    doc = sent.doc
    text = clean_speaker(doc[phrase[0].i : phrase[-1].i + 1].text)
    if not text:
        return None
    return Attribution(text, words[-1].lower_, (phrase[0].i, phrase[-1].i + 1), phrase[0].lower_ in PRONOUNS)


def _according_to(sent: Span) -> Attribution | None:
    for token in sent[:-1]:
        if token.lower_ == "according" and token.nbor().lower_ == "to":
            objects = [child for child in token.nbor().children if child.dep_ == "pobj"]
            if objects:
                return from_head(objects[0], "according to")
    return None


def _speech_verb(sent: Span) -> Attribution | None:
    verbs = [token for token in sent if _states(token) and subject_of(token) is not None]
    if not verbs:
        return _inverted(sent)
    verb = min(verbs, key=_depth)
    subject = subject_of(verb)
    if subject.i < verb.i and _quote_between(subject, verb):  # '"Port Closes," reads the headline.'
        return _inverted(sent) or _after_verb(verb)
    return from_head(subject, verb.lower_)


def _quote_between(first: Token, last: Token) -> bool:
    return any(token.text in CLOSE_QUOTES for token in first.doc[first.i + 1 : last.i])


def _after_verb(verb: Token) -> Attribution | None:
    """'"...," reads the headline on the post': the subject written after the verb."""
    after = [child for child in verb.children if child.dep_ in SUBJECT_DEPS and child.i > verb.i]
    return from_head(after[0], verb.lower_) if after else None


def _inverted(sent: Span) -> Attribution | None:
    """", said Nolan," and "said Rep. Ann Hale": a past-tense speech verb followed by a name."""
    for token in sent[:-1]:
        if token.lower_ not in {"said", "says", "added", "wrote", "told"} or token.i == sent.start:
            continue
        if token.nbor(-1).text not in {",", "\u201d", '"', "\u2019"}:
            continue
        first = last = token.i + 1
        doc = token.doc
        while last < sent.end and (doc[last].is_title or doc[last].text in {".", "-"}) and last - first < 5:
            last += 1
        if last > first and doc[first].is_title and doc[first].lower_ not in UNRESOLVABLE:
            text = clean_speaker(doc[first:last].text)
            return Attribution(speaker=text, cue=token.lower_, tokens=(first, last)) if text else None
    return None


def _states(token: Token) -> bool:
    """A speech verb, a post's or ad's "shows" / "displays", or "made a statement"."""
    if token.lower_ in SPEECH_VERBS:
        return not (token.i and token.nbor(-1).lower_ in _POSSESSIVE_MARKS)  # "the county's claim": a noun
    subject = subject_of(token)
    if subject is None:
        return False
    if token.lower_ in MEDIA_VERBS:
        return subject.lower_ in MEDIA_NOUNS
    return token.lower_ in {"made", "makes", "make"} and any(
        child.dep_ == "dobj" and child.lower_ in STATEMENT_NOUNS for child in token.children)


def subject_of(verb: Token) -> Token | None:
    """The verb's subject: the one nearest the verb when the parse gives two ("...," Vale wrote: the quote's
    own subject is the other); "went on to say": the subject of the verb it completes."""
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    if not subjects and verb.dep_ == "xcomp" and verb.head.lower_ in CONTINUING_VERBS:
        subjects = [child for child in verb.head.children if child.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1:
        return min(subjects, key=lambda s: abs(s.i - verb.i))
    return subjects[0] if subjects else None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 100:
        token, depth = token.head, depth + 1
    return depth


def main_subject(sent: Span) -> Token | None:
    """The subject of the sentence's root verb, if it is a noun phrase rather than a pronoun."""
    subject = subject_of(sent.root)
    if subject is None or subject.lower_ in PRONOUNS or subject.lower_ in UNRESOLVABLE:
        return None
    if subject.ent_type_ != "PERSON" and (subject.lower_ in VEHICLE_NOUNS or subject.lower_ in STATEMENT_NOUNS):
        return None  # "Her editorial argued ... She wrote": "she" is a person, never the editorial
    return subject


def starts_quote(text: str) -> bool:
    return text.lstrip()[:1] in OPEN_QUOTES


def quote_state(text: str, inside: bool) -> bool:
    """Whether a quotation is still open after ``text``, given whether one was open before it."""
    for char in text:
        if char == "\u201c":
            inside = True
        elif char == "\u201d":
            inside = False
        elif char == '"':
            inside = not inside
    return inside

