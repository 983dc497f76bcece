"""Text normalisation for matching: folding, tokens, numbers, stop words and a light stemmer.

Everything here is pure Python and cheap; the matcher calls it once per claim added and once per query.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

# Social-media noise that says nothing about the claim: links, a "— Name (@handle) date" signature.
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
_SIGNATURE = re.compile(r"\s[—–-]\s?([^—–\n]{0,80}\(@\w+\))\s+\w+\s+\d{1,2},\s+\d{4}\s*$")
_HANDLE = re.compile(r"(?<!\w)@(\w+)")
_HASHTAG = re.compile(r"(?<!\w)#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "´": "'"})

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself now
    of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself yourselves also says
    said s t via rt amp""".split()
)

NEGATIONS = frozenset(
    """not no never none nobody nothing neither nor without cannot n't isn't wasn't don't didn't doesn't won't
    aren't weren't hasn't haven't hadn't can't couldn't shouldn't wouldn't""".split()
)

# Titles and honorifics dropped from a speaker's name ("SEN. BERNIE SANDERS" -> "bernie sanders").
_TITLES = frozenset(
    """mr mrs ms miss dr prof sen senator president vice gov governor rep representative congressman
    congresswoman secretary former mayor the hon honorable sir dame lord lady jr sr ii iii""".split()
)

_SUFFIXES = (
    ("ational", "ate"), ("ization", "ize"), ("fulness", "ful"), ("ousness", "ous"), ("iveness", "ive"),
    ("ations", "ate"), ("ation", "ate"), ("ments", ""), ("ment", ""), ("ities", "ity"), ("ingly", ""),
    ("edly", ""), ("ness", ""), ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"), ("ers", "er"),
    ("sses", "ss"), ("es", "e"), ("ed", ""), ("ly", ""), ("s", ""),
)


def fold(text: str) -> str:
    """Lower case, typographic quotes made plain, accents dropped."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def strip_noise(text: str) -> str:
    """Remove links and a tweet's signature; split hashtags and handles into their words."""
    if "://" in text or "www." in text or "pic.twitter" in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _HANDLE.sub(lambda m: _CAMEL.sub(" ", m.group(1)), _SIGNATURE.sub(r" \1", text))
    if "#" in text:
        text = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
    return text


def canonical_number(token: str) -> str:
    """'6,000' -> '6000', '1,234.5' -> '1234.5', '3.50' -> '3.5'; other tokens unchanged."""
    if not token[:1].isdigit() or token.isdigit():
        return token
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        token = token.replace(",", "")
    if "." in token and re.fullmatch(r"\d+\.\d+", token):
        token = token.rstrip("0").rstrip(".")
    return token


def tokens(text: str) -> list[str]:
    """Folded word and number tokens, numbers in canonical form, possessive 's dropped."""
    out = []
    for token in _TOKEN.findall(fold(strip_noise(text))):
        if token.endswith("'s"):
            token = token[:-2]
        out.append(canonical_number(token))
    return out


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix-stripping stemmer: enough to meet 'vaccines'/'vaccinated'/'vaccine' half way."""
    if len(word) <= 3 or word[0].isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def terms(text: str) -> list[str]:
    """The content terms of a text: tokens without stop words, stemmed."""
    return [stem(t) for t in tokens(text) if t not in STOPWORDS]


def fuzz_key(text: str) -> str:
    """The string rapidfuzz compares: folded tokens joined by single spaces."""
    return " ".join(tokens(text))


def word_count(text: str) -> int:
    return len(_TOKEN.findall(text))


def speaker_key(name: str | None) -> str:
    """A speaker's name for comparing: folded words without titles or what follows a comma ("PRESIDENT
    OBAMA" -> "obama"); "" when there is none."""
    if not name:
        return ""
    name = name.split(",")[0]  # "SEN. BERNIE SANDERS, I-VT": what follows a comma is a party or a place
    return " ".join(w for w in _TOKEN.findall(fold(name)) if w not in _TITLES and not w[:1].isdigit())


_ISO_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_WRITTEN_DAY = re.compile(r"([A-Z][a-z]{2,8})\.? (\d{1,2}),? (\d{4})")
_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def day_number(value: dt.date | str | None) -> int:
    """A date as a day number (date.toordinal()), 0 when unknown. Takes a date, an ISO date or a compact
    "20161019" at the start of a string ("2016-10-19T...", a debate file's name), or a written date in it
    ("stated on October 19, 2016 in a debate")."""
    if isinstance(value, dt.date):
        return value.toordinal()
    if not value:
        return 0
    found = _ISO_DAY.match(value.strip())
    if found:
        year, month, day = map(int, found.groups())
    elif (written := _WRITTEN_DAY.search(value)) and written.group(1)[:3].lower() in _MONTHS:
        year, month, day = int(written.group(3)), _MONTHS[written.group(1)[:3].lower()], int(written.group(2))
    else:
        return 0
    try:
        return dt.date(year, month, day).toordinal()
    except ValueError:
        return 0
