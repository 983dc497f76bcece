"""Who a headline says made its claim, and whether a sentence restates that claim.

Fact-check and news headlines name the claimant and the claim: "Senator Vale says the port lost 3,000 jobs",
"The port lost 3,000 jobs, Vale says", "Vale: the port lost 3,000 jobs". A sentence of the article that restates
most of the headline's claim and names no one of its own (or only the vehicle: "the ad", "a narrator", "his
campaign website") is that claimant's claim. Pure text: no spaCy here (claims.extract.speakers resolves the name
against the article's people).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extract.article_rank import content_words

VERBS = ("says|said|claims|claimed|tweets|tweeted|writes|wrote|states|stated|argues|argued|contends|insists|warns|"
         "asserts|alleges|charges|boasts|brags|touts|predicts|declares|suggests|posts|posted|compares|repeats|"
         "ad says|ads say|ad claims|mailer says|video says|post says|posts say")
_WHO = r"(?P<who>[A-Z0-9\"'\u201c][^,:;?!]{1,60}?)"
_CLAIM = r"(?P<claim>.{8,})"
_SPEAKER_FIRST = re.compile(rf"^{_WHO}\s+(?:{VERBS})\b[\s,:]*(?:that\s+)?{_CLAIM}$")
_SPEAKER_LAST = re.compile(
    rf"^{_CLAIM},\s+(?:(?P<who1>[^,]{{2,60}}?)\s+(?:{VERBS})|(?:{VERBS})\s+(?P<who2>[^,]{{2,60}}))$")
_COLON = re.compile(rf"^(?P<who>[A-Z][^:,?!]{{1,40}}):\s+{_CLAIM}$")
# Not a claimant before a colon: labels and verdicts ("Fact check:", "TRUE:", "Update:", "Video:").
_LABELS = frozenset(
    "fact check fact-check factcheck true false mostly half pants fire update updated video photo watch analysis "
    "explainer opinion editorial live breaking exclusive report verdict ruling correction claim".split())
# A claimant's vehicle written after its name in the headline: "Bernie Sanders ad says", "GOP's mailer claims".
_VEHICLE = re.compile(r"(?:'s|\u2019s)?\s+(?:campaign\s+)?(?:ad|ads|mailer|video|post|posts|tweet|website|flyer)$",
                      re.IGNORECASE)
# "In debate, Vale says ...": a short opening phrase is no part of the claimant.
_LEADING_PHRASE = re.compile(r"^(?:In|At|On|During|After|Before|Again|Once again)\b[^,]{0,30},\s+")
_QUESTION_WORDS = frozenset("who what why how when where which did does do is are was were can could will would "
                            "should has have".split())
_MANNER = re.compile(r"(?:\s+\w+ly)+$")  # "Vale wrongly says", "Vale falsely claims"
_INTRODUCED = re.compile(r":|--|\u2014|\bclaims? that\b", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")
_FIRST_PLURAL = re.compile(r"\b(?:we|we're|we've|we'd|we'll|us|our|ours)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no|none|nor|cannot|false|wrong)\b|n['\u2019]t\b", re.IGNORECASE)
MAX_WHO_WORDS = 8
MIN_SHARE = 0.5  # of the headline claim's content words a restating sentence holds
MIN_WORDS = 2


@dataclass(frozen=True)
class HeadlineClaim:
    """The claimant a headline names (as written) and its claim's content words."""

    who: str
    words: frozenset[str]
    negated: bool = False

    def restated_by(self, text: str, quoted: bool = False) -> int:
        """Whether ``text`` restates the claim: at least half of its content words (two at least), in a sentence
        that is no question, speaks in no "we" of its own (the fact-checker's voice) and denies nothing the claim
        does not ("Nixon never released his returns" answers "Kaine says Nixon released his returns"). The "we"
        is read after the words that introduce the claim ("We checked the claim that ...") and not at all when the
        sentence opens inside a quotation (``quoted``). Returns how many of the claim's words it holds (0: it does
        not restate it)."""
        shared = len(self.words & words_of(text))
        if shared < MIN_WORDS or shared < MIN_SHARE * len(self.words) or _is_question(text):
            return 0
        own = "" if quoted else _QUOTED.sub(" ", _INTRODUCED.split(text)[-1])
        if _FIRST_PLURAL.search(own) or (not self.negated and _NEGATION.search(text)):
            return 0
        return shared


def headline_claim(title: str | None) -> HeadlineClaim | None:
    """The headline's claimant and claim, when it reads "X says ...", "..., X says" or "X: ..."."""
    title = _LEADING_PHRASE.sub("", " ".join((title or "").split()).rstrip("."))
    if not title or title.split()[0].casefold() in _QUESTION_WORDS:
        return None
    for pattern in (_SPEAKER_FIRST, _SPEAKER_LAST, _COLON):
        match = pattern.match(title)
        if match is None:
            continue
        groups = match.groupdict()
        who = _clean_who(groups.get("who") or groups.get("who1") or groups.get("who2") or "")
        words = words_of(match.group("claim")) - words_of(who)
        if who and len(words) >= MIN_WORDS:
            return HeadlineClaim(who, frozenset(words), bool(_NEGATION.search(match.group("claim"))))
    return None


def _is_question(text: str) -> bool:
    return text.rstrip(" \n\"'\u201d\u2019").endswith("?")


def words_of(text: str) -> set[str]:
    """Content words without the quotation marks around them ("salary'" is "salary")."""
    return {word.strip("'\u2019") for word in content_words(text)} - {""}


def _clean_who(who: str) -> str:
    who = _MANNER.sub("", _VEHICLE.sub("", who.strip(" \"'\u201c\u201d")))
    words = who.split()
    if not words or len(words) > MAX_WHO_WORDS or not any(char.isalpha() for char in who):
        return ""
    if {word.casefold().strip(".") for word in words} <= _LABELS:
        return ""
    return who
