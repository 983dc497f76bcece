"""Who makes each claim of an article: each sentence's own speaker (claims.extract.sentence_speaker), then the
article around it: a quotation continuing over sentences, "he"/"she" and "the senator" read as the person they
stand for, a lead whose source closes the next sentence (", a news report says."), and the headline's claimant for
a sentence restating the headline's claim.

Works on a dependency-parsed spaCy Doc (tok2vec + parser + ner; no tagger or lemmatizer needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claims.extract.headline_speaker import HeadlineClaim, headline_claim
from claims.extract.people import People, is_role_phrase
from claims.extract.sentence_speaker import (
    NONE,
    Attribution,
    clean_speaker,
    from_head,
    main_subject,
    may_name_speaker,
    own_attribution,
    plausible,
    quote_state,
    starts_quote,
)
from claims.extract.speaker_words import POSSESSIVE_PRONOUNS, STAND_IN_NOUNS, STATEMENT_NOUNS, VEHICLE_NOUNS

__all__ = ["NONE", "Attribution", "attribute_sentences", "clean_speaker", "is_vehicle", "may_name_speaker",
           "own_attribution", "quote_state"]

Span = Any  # spacy.tokens.Span; spaCy is never imported at module level

RESTATING = 2  # sentences restating the headline's claim most (an article restates it once or twice)
def attribute_sentences(sents: Sequence[Span], title: str | None = None) -> list[Attribution]:
    """One Attribution per sentence, using quotes and neighbouring sentences where a sentence names no one, and
    the article's headline (``title``) for sentences that restate the claim it attributes."""
    own = [own_attribution(sent) for sent in sents]
    people = People(sents) if sents and sents[0].doc.has_annotation("ENT_IOB") else None
    result: list[Attribution] = []
    inside_quote = False
    for index, sent in enumerate(sents):
        previous = result[-1] if result else NONE
        found = _resolve_pronoun(own[index], sents[index - 1] if index else None, previous)
        if people is not None:
            found = _resolve_person(found, own[index], people, index)
        started_inside = inside_quote
        inside_quote = quote_state(sent.text, inside_quote)
        if found.speaker is None:
            quoted = started_inside or starts_quote(sent.text)
            found = _borrow(index, sents, own, result, quoted, inside_quote)
        result.append(found)
    headline = headline_claim(title)
    if headline is not None:
        result = _from_headline(result, sents, headline, people)
    return result


def _from_headline(found: list[Attribution], sents: Sequence[Span], headline: HeadlineClaim,
                   people: People | None) -> list[Attribution]:
    """Sentences restating the headline's claim, with no speaker or only a vehicle ("the ad", "a narrator"), are
    the headline claimant's (by the fullest name the article gives them)."""
    person = people.for_name(headline.who) if people is not None else None
    who = plausible(Attribution(clean_speaker(person.name if person else headline.who), "headline"))
    if who.speaker is None:
        return found
    opens_quoted, inside = [], False
    for sent in sents:
        opens_quoted.append(inside)
        inside = quote_state(sent.text, inside)
    shared = [headline.restated_by(sent.text, quoted) for sent, quoted in zip(sents, opens_quoted, strict=True)]
    best = sorted((n for n, count in enumerate(shared) if count), key=lambda n: -shared[n])[:RESTATING]
    return [who if n in best and (a.speaker is None or is_vehicle(a.speaker) or _stands_in(a.speaker)) else a
            for n, a in enumerate(found)]


def _is_thing(speaker: str) -> bool:
    last = speaker.casefold().split()[-1]
    return last in VEHICLE_NOUNS or last in STATEMENT_NOUNS


def _stands_in(speaker: str) -> bool:
    """"the company", "the group": a definite common noun that may stand for the headline's claimant."""
    words = speaker.casefold().split()
    return len(words) == 2 and words[0] == "the" and words[1] in STAND_IN_NOUNS


def is_vehicle(speaker: str) -> bool:
    """"the ad", "A new TV ad", "a narrator", "his campaign bio", "Billboards": what carries a claimant's words."""
    words = speaker.casefold().replace("\u2019", "'").split()
    return bool(words) and words[-1] in VEHICLE_NOUNS and not any(w.istitle() for w in speaker.split()[1:])


def _resolve_person(found: Attribution, own: Attribution, people: People, index: int) -> Attribution:
    """"He said" with no one named nearby, and "the senator said": the person of the article they stand for."""
    if found.speaker is None and own.pronoun:
        person = people.recent(index) or people.main()
        return Attribution(person.name, own.cue, None) if person else NONE
    if found.speaker is not None and is_role_phrase(found.speaker):
        person = people.for_role(found.speaker, index)
        if person is not None:
            return Attribution(person.name, found.cue, found.tokens)
    first, _, rest = (found.speaker or "").partition(" ")
    if first.casefold() in POSSESSIVE_PRONOUNS and rest:  # "his campaign bio says" -> "Ann Vale's campaign bio"
        person = people.recent(index) or people.main()
        if person is not None:
            return Attribution(f"{person.name}'s {rest}", found.cue, found.tokens)
    return found


def _resolve_pronoun(found: Attribution, previous_sent: Span | None, previous: Attribution) -> Attribution:
    """"He said ..." -> the previous sentence's speaker, else the last person it names."""
    if not found.pronoun:
        return found
    if previous.speaker and not _is_thing(previous.speaker):  # "she" is never "the editorial" before it
        return Attribution(previous.speaker, found.cue, previous.tokens)
    ents = previous_sent.ents if previous_sent is not None else []
    people = [ent for ent in ents if ent.label_ == "PERSON" and clean_speaker(ent.text)]
    if people:
        return Attribution(clean_speaker(people[-1].text), found.cue, (people[-1].start, people[-1].end))
    subject = main_subject(previous_sent) if previous_sent is not None else None
    if subject is None:
        return NONE
    return from_head(subject, found.cue or "said") or NONE


def _borrow(
    index: int,
    sents: Sequence[Span],
    own: list[Attribution],
    done: list[Attribution],
    quoted: bool,
    still_open: bool,
) -> Attribution:
    """A quoted sentence with no speaker of its own borrows the one of the sentence before, or after."""
    previous = done[index - 1] if index else NONE
    if index and sents[index].text.split(None, 1)[:1] in (["said"], ["says"]):
        named = _closing_name(sents[index - 1])
        if named is not None:
            return named
    introduced = index > 0 and sents[index - 1].text.rstrip()[-1:] == ":"
    if previous.speaker and (quoted or introduced):
        return Attribution(previous.speaker, "quote", previous.tokens)
    following = own[index + 1] if index + 1 < len(own) else NONE
    if following.speaker and quoted and still_open:
        return Attribution(following.speaker, "quote", following.tokens)
    lead_source = following.speaker and not following.pronoun and not quoted
    if lead_source and _trailing_source(sents[index + 1], following) and _same_subject(sents[index], sents[index + 1]):
        return Attribution(following.speaker, following.cue, following.tokens)
    return NONE


def _closing_name(sent: Span) -> Attribution | None:
    """The capitalised words a sentence ends with ("... Hillsborough County Commissioner Stacy White")."""
    words = [token for token in sent if not token.is_space]
    last = len(words)
    while last and words[last - 1].is_punct:
        last -= 1
    first = last
    while first and words[first - 1].is_title and last - first < 6:
        first -= 1
    if first == last:
        return None
    text = clean_speaker(sent.doc[words[first].i : words[last - 1].i + 1].text)
    return Attribution(text, "said", (words[first].i, words[last - 1].i + 1)) if text else None


def _trailing_source(sent: Span, found: Attribution) -> bool:
    """"..., a news report says." / "..., The Intercept reported.": the source closes the sentence."""
    if found.tokens is None or found.cue in {None, "according to", "quote"}:
        return False
    words = [token for token in sent if not (token.is_punct or token.is_space)]
    return bool(words) and words[-1].lower_ == found.cue and found.tokens[0] > sent.start + 3


def _same_subject(first: Span, second: Span) -> bool:
    """Two sentences about the same people or places (the second names one the first names, or says "the two")."""
    names = {token.text.casefold() for token in first if token.is_alpha and len(token) > 3 and not token.is_stop}
    later = {token.text.casefold() for token in second}
    return bool(names & later) or bool({"two", "both", "they", "he", "she"} & later)


