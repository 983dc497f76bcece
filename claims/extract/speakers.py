"""Who makes a claim: "according to X", "X said", "said X", "X told Y that", quotes and the sentence before.

Works on a dependency-parsed spaCy Doc (tok2vec + parser + ner; no tagger or lemmatizer needed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from claims.extract.people import People, is_role_phrase
from claims.read.article import strip_format_chars

Span = Any  # spacy.tokens.Span; spaCy is never imported at module level
Token = Any

SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling state states stated add adds added claim claims claimed
    announce announces announced report reports reported write writes wrote explain explains explained
    insist insists insisted note notes noted warn warns warned argue argues argued confirm confirms confirmed
    deny denies denied estimate estimates estimated predict predicts predicted acknowledge acknowledged
    allege alleges alleged assert asserts asserted maintain maintains maintained reveal revealed disclose
    disclosed testify testified declare declares declared reiterate reiterated reiterates contend contended
    suggest suggested suggests admit admitted admits concede conceded recall recalled tweet tweeted
    posted post reporting claiming writing stating announcing warning arguing noting adding
    insisting spoke imply implies implied accuse accuses accused charge charges charged boast boasts boasted
    brag brags bragged vow vows vowed promise promises promised portray portrays portrayed blame blames blamed
    reads""".split()
)
# Words that are never a claimant: verdicts, rating widgets, bare determiners, the texts being checked.
NOT_SPEAKERS = frozenset(
    {"true", "false", "rating", "ratings", "truth-o-meter", "politifact", "another", "others", "some", "many",
     "most", "few", "all", "both", "each", "either", "neither", "one", "the law", "the bill", "the rule",
     "the article", "the story", "the statement", "the claim", "the quote", "the fact", "the facts", "the data",
     "the numbers", "the figures", "recent figures", "the evidence", "the record", "the research", "the analysis"}
)
VERDICT_WORDS = frozenset({"true", "false", "mostly true", "mostly false", "half true", "barely true",
                           "pants on fire", "half-true", "mostly-true", "mostly-false"})
# Verbs that make a claim only when a post, an ad or an image does it ("A viral meme displays ...").
MEDIA_VERBS = frozenset("show shows showed displays displayed display circulate circulating circulated features "
                        "featured shared share urges urged asks asked".split())
MEDIA_NOUNS = frozenset("post posts meme memes ad ads advertisement image images photo photos picture video videos "
                        "tweet tweets headline headlines article articles billboard billboards mailer mailers flyer "
                        "website websites blog blogs story stories graphic graphics users page pages email emails "
                        "message messages chain letter commercial commercials".split())
# "He made a statement", "had this to say": the subject states what follows.
STATEMENT_NOUNS = frozenset({"statement", "claim", "remark", "remarks", "comment", "comments", "assertion"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
PRONOUNS = frozenset({"he", "she", "him", "her"})
UNRESOLVABLE = frozenset({"it", "this", "that", "i", "we", "you", "they", "one", "there", "which", "who"})
SUBJECT_DEPS = frozenset({"nsubj"})  # "is said to be", "are reported to have": no speaker
DROP_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis"})
OPEN_QUOTES = "\"\u201c\u2018'"
CLOSE_QUOTES = "\"\u201d\u2019'"
MAX_SPEAKER_TOKENS = 25
_LEADING_TIME = re.compile(r"^(?:(?:on|in|at|last|earlier|later|this|by)\s[^,]{1,30},\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class Attribution:
    """The speaker of one sentence and the cue that names it; ``tokens`` is the speaker's doc token range."""

    speaker: str | None = None
    cue: str | None = None
    tokens: tuple[int, int] | None = None
    pronoun: bool = False


NONE = Attribution()


def attribute_sentences(sents: Sequence[Span]) -> list[Attribution]:
    """One Attribution per sentence, using quotes and neighbouring sentences where a sentence names no one."""
    own = [_plausible(own_attribution(sent)) for sent in sents]
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
            quoted = started_inside or _starts_quote(sent.text)
            found = _borrow(index, sents, own, result, quoted, inside_quote)
        result.append(found)
    return result


def _plausible(found: Attribution) -> Attribution:
    """No verdict ("False"), bare determiner ("Another") or wordless text is ever a speaker."""
    if found.speaker is None:
        return found
    words = found.speaker.casefold().strip(" .")
    if not any(char.isalpha() for char in words) or words in NOT_SPEAKERS or words in VERDICT_WORDS:
        return NONE
    if words.split()[-1] in VERDICT_WORDS or words.startswith(("politifact", "share the facts")):
        return NONE
    return found


def _resolve_person(found: Attribution, own: Attribution, people: People, index: int) -> Attribution:
    """"He said" with no one named nearby, and "the senator said": the person of the article they stand for."""
    if found.speaker is None and own.pronoun:
        person = people.recent(index) or people.main()
        return Attribution(person.name, own.cue, None) if person else NONE
    if found.speaker is not None and is_role_phrase(found.speaker):
        person = people.for_role(found.speaker, index)
        if person is not None:
            return Attribution(person.name, found.cue, found.tokens)
    return found


def may_name_speaker(tokens: Span) -> bool:
    """False when no word could start an attribution (no speech verb, no "according"): no parse needed."""
    return any(token.lower_ in SPEECH_VERBS or token.lower_ == "according" for token in tokens)


def own_attribution(sent: Span) -> Attribution:
    """The attribution a sentence makes by itself: "according to" first, a closing ", a news report says.", then
    the main speech verb."""
    found = _according_to(sent)
    if found is not None:
        return found
    spoken, closing = _speech_verb(sent), _closing_source(sent)
    if spoken is None or (closing is not None and _last_word(sent).lower_ == spoken.cue and not _verb_has_object(
            _last_word(sent))):
        return closing or spoken or NONE
    return spoken


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
                return _from_head(objects[0], "according to")
    return None


def _speech_verb(sent: Span) -> Attribution | None:
    verbs = [token for token in sent if _states(token) and _subject(token) is not None]
    if not verbs:
        return _inverted(sent)
    verb = min(verbs, key=_depth)
    return _from_head(_subject(verb), verb.lower_)


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
        return True
    subject = _subject(token)
    if subject is None:
        return False
    if token.lower_ in MEDIA_VERBS:
        return subject.lower_ in MEDIA_NOUNS
    return token.lower_ in {"made", "makes", "make"} and any(
        child.dep_ == "dobj" and child.lower_ in STATEMENT_NOUNS for child in token.children)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    return None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 100:
        token, depth = token.head, depth + 1
    return depth


def _from_head(head: Token, cue: str) -> Attribution | None:
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
    text = text.strip(OPEN_QUOTES + CLOSE_QUOTES + " ,;:-")
    return text if any(char.isalpha() for char in text) else ""


def _resolve_pronoun(found: Attribution, previous_sent: Span | None, previous: Attribution) -> Attribution:
    """"He said ..." -> the previous sentence's speaker, else the last person it names."""
    if not found.pronoun:
        return found
    if previous.speaker:
        return Attribution(previous.speaker, found.cue, previous.tokens)
    ents = previous_sent.ents if previous_sent is not None else []
    people = [ent for ent in ents if ent.label_ == "PERSON" and clean_speaker(ent.text)]
    if people:
        return Attribution(clean_speaker(people[-1].text), found.cue, (people[-1].start, people[-1].end))
    subject = _main_subject(previous_sent) if previous_sent is not None else None
    if subject is None:
        return NONE
    return _from_head(subject, found.cue or "said") or NONE


def _main_subject(sent: Span) -> Token | None:
    """The subject of the sentence's root verb, if it is a noun phrase rather than a pronoun."""
    subject = _subject(sent.root)
    if subject is None or subject.lower_ in PRONOUNS or subject.lower_ in UNRESOLVABLE:
        return None
    return subject


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
    if index and sents[index].text.lstrip()[:5] in {"said ", "says "}:
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


def _starts_quote(text: str) -> bool:
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
