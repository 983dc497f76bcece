"""Full Fact style claim types (Konstantinovskiy et al. 2021) and a rule-based classifier over spaCy spans.

On a parsed doc with entities the rules use dependencies and entity labels. ``Extractor.score_lines``' fast
path parses a line (without entities) only when it holds a word whose reading needs the parse (PARSE_WORDS,
`reads_parse`); on a doc that only went through the tokenizer the same rules run on words alone: any "I"/"we"
counts as a first-person subject. Without entities, currency signs, "%" and numbers of two or more digits that
do not look like a year stand in for the MONEY / PERCENT / CARDINAL entities.
"""

from __future__ import annotations

from typing import Any

Span = Any  # spacy.tokens.Span

CLAIM_TYPES: tuple[str, ...] = (
    "quantity",
    "prediction",
    "cause_and_effect",
    "law_or_rule",
    "personal_experience",
    "other",
)
CLAIM_TYPE_DESCRIPTIONS: dict[str, str] = {
    "quantity": "A number, amount, rate or comparison in the past or present (\"unemployment rose 2%\").",
    "prediction": "A statement about the future (\"prices will rise\", \"is expected to\").",
    "cause_and_effect": "One thing caused, led to or correlates with another (\"because of\", \"led to\").",
    "law_or_rule": "What the law, a rule or an official procedure says or requires.",
    "personal_experience": "The speaker's own experience (\"I saw\", \"we were there\").",
    "other": "Another checkable statement of fact: who did what, where and when.",
}

QUANTITY_ENTS = frozenset({"PERCENT", "MONEY", "QUANTITY"})
QUANTITY_WORDS = frozenset(
    """percent per cent percentage rate average median majority half third quarter double doubled tripled
    halved increase increased increases decrease decreased rise rose risen fall fell fallen grew grown
    growth decline declined dropped million billion trillion thousand hundreds thousands millions billions
    more less fewer most least highest lowest largest smallest biggest record""".split()
)
# On a parsed doc these count only as amounts: a trend verb not followed by an adjective ("grew sharper") or
# "to power"; a comparison word that does not qualify an adjective ("more likely", "most important"); "record"
# as a modifier ("record rainfall"), not as a noun ("criminal record").
TREND_WORDS = frozenset("rise rose risen fall fell fallen grew grown increased decreased declined dropped".split())
COMPARISON_WORDS = frozenset("more less fewer most least highest lowest largest smallest biggest".split())
FUTURE_AUX = frozenset({"will", "wo", "'ll", "\u2019ll", "shall"})
FUTURE_PHRASES = (
    ("going", "to"),
    ("expected", "to"),
    ("set", "to"),
    ("likely", "to"),
    ("forecast",),
    ("forecasts",),
    ("projected",),
    ("predicted",),
    ("predicts",),
    ("next", "year"),
    ("next", "month"),
    ("next", "week"),
)
CAUSE_PHRASES = (
    ("because",),
    ("due", "to"),
    ("caused",),
    ("causes",),
    ("cause",),
    ("led", "to"),
    ("lead", "to"),
    ("leads", "to"),
    ("result", "of"),
    ("resulted", "in"),
    ("as", "a", "result"),
    ("thanks", "to"),
    ("blamed",),
    ("linked", "to"),
    ("responsible", "for"),
    ("contributed", "to"),
    ("therefore",),
)
LAW_WORDS = frozenset(
    """law laws legal illegal illegally legally legislation regulation regulations statute statutes
    constitution constitutional unconstitutional banned ban bans outlawed mandatory mandate prohibited
    prohibits permitted licence license treaty ruling ruled court courts bill act rule rules requires
    required eligible entitled""".split()
)
# On a parsed doc: "court" alone is an event ("the court heard"), "ruled out" / "rules out" is no rule, and "act"
# counts as the noun (an Act), not the verb ("to act quickly").
LAW_ALONE_NOT = frozenset({"court", "courts"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
CURRENCY = frozenset("$\u00a3\u20ac\u00a5%")
# Without entities: numbers next to these words are dates or times (spaCy's DATE/TIME), not quantities.
DATE_NEIGHBOURS = frozenset(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec year years month months week weeks day days hour hours minute minutes
    decade decades century old""".split()
)
# Words whose reading depends on the parse (TREND_WORDS, COMPARISON_WORDS, "record", `_law_word`, FUTURE_AUX):
# a text of words alone is parsed when it holds one (Extractor.score_lines), so its type is the full path's.
PARSE_WORDS = TREND_WORDS | COMPARISON_WORDS | LAW_ALONE_NOT | FUTURE_AUX | {"record", "ruled", "rules", "rule", "act"}
# Without entities: a number after these is a label or an age, not an amount ("No. 37", "at the age of 86").
LABEL_BEFORE = frozenset({"no", "number", "age", "aged", "page", "chapter", "section", "article", "route"})
UNITS = frozenset(
    """metres meters miles kilometres kilometers km feet acres tons tonnes pounds kilograms kg gallons litres
    liters barrels dollars cents euros people percent metre meter mile kilometre kilometer foot acre hectare
    hectares ton tonne pound kilogram gallon litre liter barrel dollar euro""".split()
)


def reads_parse(tokens: Span) -> bool:
    """Whether the parse could change the type of these tokens (a word of PARSE_WORDS): without one, a text's
    type comes from its words alone (see the module's docstring)."""
    return any(token.lower_ in PARSE_WORDS for token in tokens)


def classify(sent: Span, ignore: tuple[int, int] | None = None) -> str:
    """The claim type of a sentence; tokens in ``ignore`` (e.g. the speaker phrase) are not looked at."""
    tokens = [token for token in sent if ignore is None or not ignore[0] <= token.i < ignore[1]]
    words = [token.lower_ for token in tokens]
    parsed, has_ents = sent.doc.has_annotation("DEP"), sent.doc.has_annotation("ENT_IOB")
    if _is_prediction(tokens, words, parsed):
        return "prediction"
    if _has_phrase(words, CAUSE_PHRASES):
        return "cause_and_effect"
    if any(_law_word(token, parsed) for token in tokens if not _is_person(token, has_ents)):
        return "law_or_rule"
    if _is_quantity(tokens, words, has_ents, parsed):
        return "quantity"
    if any(_first_person(token) and _is_subject(token, parsed) for token in tokens):
        return "personal_experience"
    return "other"


def _is_person(token: Any, has_ents: bool) -> bool:
    if has_ents:
        return token.ent_type_ == "PERSON"
    return token.text == "Bill" and token.i + 1 < len(token.doc) and token.nbor().text[:1].isupper()


def _is_subject(token: Any, parsed: bool) -> bool:
    return token.dep_ in {"nsubj", "nsubjpass"} if parsed else token.lower_ in FIRST_PERSON_SUBJECTS


def _is_prediction(tokens: list[Any], words: list[str], parsed: bool = True) -> bool:
    auxiliary = {"aux", "auxpass"}
    if any(token.lower_ in FUTURE_AUX and (not parsed or token.dep_ in auxiliary) for token in tokens):
        return True
    return _has_phrase(words, FUTURE_PHRASES)


def _is_quantity(tokens: list[Any], words: list[str], has_ents: bool = True, parsed: bool = True) -> bool:
    if not has_ents:
        said = any(map(_quantity_word, tokens)) if parsed else bool(QUANTITY_WORDS.intersection(words))
        return said or any(_looks_quantity(token) for token in tokens)
    if any(token.ent_type_ in QUANTITY_ENTS for token in tokens):
        return True
    if any(_quantity_word(token) for token in tokens):
        return True
    return any(token.ent_type_ == "CARDINAL" and _is_big_number(token.text) for token in tokens)


def _quantity_word(token: Any) -> bool:
    """A QUANTITY_WORDS word used for an amount (parsed docs; see TREND_WORDS)."""
    word = token.lower_
    if word not in QUANTITY_WORDS:
        return False
    if word in TREND_WORDS:
        after = (_neighbour(token, 1), _neighbour(token, 2))
        return after != ("to", "power") and not any(child.dep_ in {"acomp", "oprd"} for child in token.children)
    if word in COMPARISON_WORDS:
        return token.dep_ != "advmod"
    if word == "record":
        return token.dep_ in {"amod", "compound", "nmod", "npadvmod"}
    return True


def _law_word(token: Any, parsed: bool) -> bool:
    """A LAW_WORDS word; on a parsed doc not "court" alone, "ruled out" or the verb "act" (LAW_ALONE_NOT)."""
    word = token.lower_
    if word not in LAW_WORDS:
        return False
    if not parsed:
        return True
    if word in LAW_ALONE_NOT:
        return False
    if word in {"ruled", "rules", "rule"} and any(child.dep_ == "prt" for child in token.children):
        return False
    return word != "act" or token.text == "Act" or token.dep_ not in {"ROOT", "xcomp", "ccomp", "advcl", "conj"}


def _looks_quantity(token: Any) -> bool:
    """Without entities: a currency or percent sign, a number with a unit, or a number of 2+ digits that
    looks like neither a year nor part of a date."""
    if token.text in CURRENCY:
        return True
    before, after = _neighbour(token, -1), _neighbour(token, 2 if _neighbour(token, 1) == "-" else 1)
    if token.like_num and after in UNITS:
        return True
    if not _is_big_number(token.text) or before in DATE_NEIGHBOURS or after in DATE_NEIGHBOURS:
        return False
    if before in LABEL_BEFORE or _neighbour(token, -2) in LABEL_BEFORE or _is_code(token) or _is_age(token):
        return False
    return not any(_year_like(text) for text in (token.text, _neighbour(token, -2), _neighbour(token, 2)))


def _year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and "1500" <= text < "2100"


def _is_code(token: Any) -> bool:
    """A number after an upper-case abbreviation: a bill, a form, a route ("SB 1416", "H.R. 6800")."""
    index = token.i - 1 - (token.i > 1 and token.doc[token.i - 1].text == ".")
    label = token.doc[index].text.replace(".", "") if index >= 0 else ""
    return 2 <= len(label) <= 4 and label.isalpha() and label.isupper()


def _is_age(token: Any) -> bool:
    """A person's age set off by commas ("Ann Hale, 36, said")."""
    return (token.text.isdigit() and int(token.text) < 120 and _neighbour(token, -1) == ","
            and _neighbour(token, 1) == "," and _neighbour(token, -2)[:1].isalpha())


def _neighbour(token: Any, offset: int) -> str:
    """The lower-case text ``offset`` tokens away (``.`` of "Sept." skipped), or ""."""
    index = token.i + offset
    doc = token.doc
    if 0 <= index < len(doc) and doc[index].text == "." and offset < 0:
        index -= 1
    return doc[index].lower_.rstrip(".") if 0 <= index < len(doc) else ""


def _first_person(token: Any) -> bool:
    return token.text == "I" or (token.lower_ in FIRST_PERSON and not token.text.isupper())


def _is_big_number(text: str) -> bool:
    digits = text.replace(",", "").replace(".", "")
    return digits.isdigit() and (len(digits) >= 2 or "." in text)


def _has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    for start in range(len(words)):
        for phrase in phrases:
            if tuple(words[start : start + len(phrase)]) == phrase:
                return True
    return False
