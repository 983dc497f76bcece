"""Full Fact style claim types (Konstantinovskiy et al. 2021) and a rule-based classifier over spaCy spans."""

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
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


def classify(sent: Span, ignore: tuple[int, int] | None = None) -> str:
    """The claim type of a sentence; tokens in ``ignore`` (e.g. the speaker phrase) are not looked at."""
    tokens = [token for token in sent if ignore is None or not ignore[0] <= token.i < ignore[1]]
    words = [token.lower_ for token in tokens]
    if _is_prediction(tokens, words):
        return "prediction"
    if _has_phrase(words, CAUSE_PHRASES):
        return "cause_and_effect"
    if LAW_WORDS.intersection(token.lower_ for token in tokens if token.ent_type_ != "PERSON"):
        return "law_or_rule"
    if _is_quantity(tokens, words):
        return "quantity"
    if any(_first_person(token) and token.dep_ in {"nsubj", "nsubjpass"} for token in tokens):
        return "personal_experience"
    return "other"


def _is_prediction(tokens: list[Any], words: list[str]) -> bool:
    if any(token.lower_ in FUTURE_AUX and token.dep_ in {"aux", "auxpass"} for token in tokens):
        return True
    return _has_phrase(words, FUTURE_PHRASES)


def _is_quantity(tokens: list[Any], words: list[str]) -> bool:
    if any(token.ent_type_ in QUANTITY_ENTS for token in tokens):
        return True
    if QUANTITY_WORDS.intersection(words):
        return True
    return any(token.ent_type_ == "CARDINAL" and _is_big_number(token.text) for token in tokens)


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
