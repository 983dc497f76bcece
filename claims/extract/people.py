"""The people an article names, so that "he", "she" and "the senator" can be read as the person they stand for.

Built once per article from spaCy's PERSON entities: each person's full name, the surname other mentions use, the
titles written before the name ("Sen.", "Gov.", "Mayor") and where they are mentioned. Mentions of a known surname
count even where the tagger read them as something else ("said Nolan" tagged ORG).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Span = Any  # spacy.tokens.Span; spaCy is never imported at module level

# A role noun ("the former governor said") and the titles that name the same role before a name.
ROLES: dict[str, frozenset[str]] = {
    "senator": frozenset({"sen", "senator", "sens"}),
    "governor": frozenset({"gov", "governor"}),
    "mayor": frozenset({"mayor"}),
    "president": frozenset({"president", "pres"}),
    "congressman": frozenset({"rep", "congressman", "representative"}),
    "congresswoman": frozenset({"rep", "congresswoman", "representative"}),
    "representative": frozenset({"rep", "representative", "congressman", "congresswoman"}),
    "lawmaker": frozenset({"rep", "sen", "senator", "representative", "assemblyman", "assemblywoman", "delegate"}),
    "commissioner": frozenset({"commissioner"}),
    "candidate": frozenset(),
    "secretary": frozenset({"secretary", "sec"}),
    "spokesman": frozenset(),
    "spokeswoman": frozenset(),
    "spokesperson": frozenset(),
    "chairman": frozenset({"chairman", "chair"}),
    "chairwoman": frozenset({"chairwoman", "chair"}),
    "justice": frozenset({"justice", "judge"}),
    "judge": frozenset({"judge", "justice"}),
    "host": frozenset(),
    "speaker": frozenset({"speaker"}),
    "leader": frozenset(),
    "official": frozenset(),
    "minister": frozenset({"minister"}),
    "prime minister": frozenset({"prime", "minister"}),
    "attorney general": frozenset({"attorney", "ag"}),
    "comptroller": frozenset({"comptroller"}),
    "treasurer": frozenset({"treasurer"}),
    "superintendent": frozenset({"superintendent"}),
    "sheriff": frozenset({"sheriff"}),
    "chief": frozenset({"chief"}),
    "incumbent": frozenset(),
    "challenger": frozenset(),
    "nominee": frozenset(),
    "columnist": frozenset(),
    "author": frozenset(),
}
_ROLE_PHRASE = re.compile(
    r"^(?:the|this|that)\s+(?:(?:former|current|then|new|state|u\.s\.|republican|democratic|gop|incumbent|"
    r"first-term|veteran|longtime|outgoing|embattled|freshman)[\s-]+){0,3}"
    r"(?P<role>" + "|".join(sorted(ROLES, key=len, reverse=True)) + r")$",
    re.IGNORECASE,
)
_TITLE_WORD = re.compile(r"[A-Za-z]+")
LEAD = 3  # sentences


@dataclass
class Person:
    """One person of the article: the fullest name seen, and what is known of them."""

    name: str
    surname: str
    titles: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)  # sentence indexes


class People:
    """The article's people, looked up by surname, role and recency."""

    def __init__(self, sents: Sequence[Span]):
        self.by_surname: dict[str, Person] = {}
        if sents:  # the doc's entities once (Span.ents walks the whole doc: per sentence, that was quadratic)
            starts = [sent.start for sent in sents]
            for ent in sents[0].doc.ents:
                if ent.label_ == "PERSON" and sents[0].start <= ent.start < sents[-1].end:
                    self._add(ent, bisect_right(starts, ent.start) - 1)
        self._count_bare_mentions(sents)

    def _add(self, ent: Span, index: int) -> None:
        words = [token for token in ent if token.is_alpha or token.text.endswith(".")]
        if not words or not words[-1].text[:1].isupper():
            return
        surname = words[-1].text.casefold().rstrip(".")
        person = self.by_surname.setdefault(surname, Person(ent.text, surname))
        if len(ent.text) > len(person.name):
            person.name = ent.text
        person.titles.update(_titles_before(ent))

    def _count_bare_mentions(self, sents: Sequence[Span]) -> None:
        for index, sent in enumerate(sents):
            for token in sent:
                person = self.by_surname.get(token.text.casefold())
                if person is not None and token.text[:1].isupper() and person.mentions[-1:] != [index]:
                    person.mentions.append(index)  # sentences come in order: each index once, sorted

    def recent(self, index: int, window: int = 4) -> Person | None:
        """The person mentioned last in the ``window`` sentences before sentence ``index`` (or in it)."""
        seen = []
        for person in self.by_surname.values():
            at = bisect_right(person.mentions, index)  # mentions are sorted: the last one at or before `index`
            if at and person.mentions[at - 1] >= index - window:
                seen.append((person.mentions[at - 1], len(person.mentions), person.name, person))
        return max(seen)[3] if seen else None

    def main(self) -> Person | None:
        """The person the article mentions most (in a profile or a fact-check, the one it is about)."""
        people = sorted(self.by_surname.values(), key=lambda p: (len(p.mentions), -min(p.mentions or [0])))
        return people[-1] if people and len(people[-1].mentions) >= 2 else None

    def for_role(self, phrase: str, index: int) -> Person | None:
        """"the former governor" -> the person titled Gov. somewhere in the article, else the main person."""
        match = _ROLE_PHRASE.match(" ".join(phrase.split()))
        if match is None:
            return None
        titles = ROLES[match.group("role").casefold()]
        titled = [p for p in self.by_surname.values() if p.titles & titles and p.mentions and p.mentions[0] <= index]
        if titled:
            return max(titled, key=lambda p: len(p.mentions))
        return self.main()


    def for_name(self, who: str) -> Person | None:
        """A headline's claimant: "Hutchison" -> Kay Bailey Hutchison; "Hillsborough County commissioner" -> the
        person the article's lead (first three sentences) titles Commissioner."""
        words = [word.strip(".,'\u2019") for word in who.split()]
        for word in reversed(words):
            person = self.by_surname.get(word.casefold())
            if person is not None and word[:1].isupper():
                return person
        titles = ROLES.get(words[-1].casefold()) if words else None
        if not titles:
            return None
        titled = [p for p in self.by_surname.values() if p.titles & titles and p.mentions and p.mentions[0] < LEAD]
        return max(titled, key=lambda p: len(p.mentions)) if len(titled) == 1 else None


def is_role_phrase(phrase: str) -> bool:
    return _ROLE_PHRASE.match(" ".join(phrase.split())) is not None


def _titles_before(ent: Span) -> set[str]:
    """Title words written just before a name, or as its first words: "Sen. Ron Johnson", "Mayor Kasim Reed"."""
    doc = ent.doc
    words = [token.text for token in doc[max(0, ent.start - 3) : ent.start]] + [token.text for token in ent[:2]]
    return {word.casefold().rstrip(".") for word in words if _TITLE_WORD.fullmatch(word.rstrip("."))}
