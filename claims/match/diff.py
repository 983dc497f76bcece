"""A word-level difference between two claims, with changed numbers, names and negations flagged.

`diff_words(a, b)` returns DiffSegments in reading order. Joining the `text` of the segments whose side is
"both" or "a" gives back `a` exactly; joining `b_text` of the "both" segments with the `text` of the "b"
segments gives back `b` exactly (words compare case- and punctuation-blind, numbers by value, so "6,000"
equals "6000"; an equal segment carries each side's own spelling). Convention in the app: `a` is the new
claim, `b` the earlier one it matched.

    DiffSegment(text, side, op, kind, b_text)
      text  the words as written (in `a` for equal segments), with the whitespace that follows them
      b_text  for equal segments, the same words as written in `b`; "" otherwise
      side  "both" (in both claims), "a" (only in a), "b" (only in b)
      op    "equal", "delete" (only in a) or "insert" (only in b)
      kind  "" for ordinary words; for words that changed, "number" (contains a digit: "6,000" vs "60,000"),
            "negation" (not, never, no, n't...), or "name" (a capitalised word that is not merely the first
            word of a sentence: "Tajikistan" vs "Afghanistan"). Equal segments always have kind "".

`highlights(segments)` lists the changed segments worth drawing the eye to (kind != "");
`contradictions(a, b)` names the changed numbers and negations in one line (the app asks before applying a
verdict across them).
No Textual or rich here: the app turns segments into styled text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from claims.match.normalise import NEGATIONS, canonical_number, fold

_WORD = re.compile(r"\S+\s*")
_CORE = re.compile(r"^\W+|\W+$")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]*\s*$")


@dataclass(frozen=True)
class DiffSegment:
    text: str
    side: str  # "both", "a", "b"
    op: str  # "equal", "delete", "insert"
    kind: str = ""  # "", "number", "name", "negation"
    b_text: str = ""  # equal segments: the words as written in b

    def text_on(self, side: str) -> str:
        """This segment as written on ``side`` ("a" or "b")."""
        return self.b_text if side == "b" and self.side == "both" else self.text


@dataclass(frozen=True)
class _Word:
    text: str
    key: str
    kind: str


def diff_words(a: str, b: str) -> list[DiffSegment]:
    """Segments of a and b, equal runs shared, changed runs split by kind (see the module doc)."""
    words_a, words_b = _words(a or ""), _words(b or "")
    keys_a, keys_b = [w.key for w in words_a], [w.key for w in words_b]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    segments: list[DiffSegment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            shared = "".join(w.text for w in words_a[i1:i2])
            segments.append(DiffSegment(shared, "both", "equal", "", "".join(w.text for w in words_b[j1:j2])))
            continue
        segments += _changed(words_a[i1:i2], "a", "delete")
        segments += _changed(words_b[j1:j2], "b", "insert")
    return segments


def highlights(segments: list[DiffSegment]) -> list[DiffSegment]:
    return [s for s in segments if s.kind]


def contradictions(a: str, b: str) -> str:
    """The changed numbers and negations between two claims, as "6,000 → 60,000; not", or "" when none changed
    (a verdict taken over across such a change may not hold)."""
    segments = [s for s in diff_words(a, b) if s.kind in ("number", "negation")]
    numbers = [s for s in segments if s.kind == "number"]
    shown = []
    if numbers:
        now = " ".join(s.text.strip() for s in numbers if s.side == "a") or "—"
        then = " ".join(s.text.strip() for s in numbers if s.side == "b") or "—"
        shown.append(f"{now} now, {then} then")
    if any(s.kind == "negation" for s in segments):
        shown.append("a negation")
    return "; ".join(shown)


def _changed(words: list[_Word], side: str, op: str) -> list[DiffSegment]:
    """Consecutive changed words of the same kind become one segment."""
    out: list[DiffSegment] = []
    for word in words:
        if out and out[-1].kind == word.kind:
            out[-1] = DiffSegment(out[-1].text + word.text, side, op, word.kind)
        else:
            out.append(DiffSegment(word.text, side, op, word.kind))
    return out


def _words(text: str) -> list[_Word]:
    pieces = _WORD.findall(text)
    leading = text[: len(text) - len(text.lstrip())]
    if leading:
        pieces = [leading] + pieces if pieces else [leading]
    words = []
    for index, piece in enumerate(pieces):
        sentence_start = index == 0 or bool(_SENTENCE_END.search(pieces[index - 1]))
        words.append(_Word(piece, _key(piece), _kind(piece, sentence_start)))
    return words


def _key(piece: str) -> str:
    core = _CORE.sub("", piece.strip())
    if not core:
        return piece.strip()
    return canonical_number(fold(core)) if core[0].isdigit() else fold(core)


def _kind(piece: str, sentence_start: bool) -> str:
    core = _CORE.sub("", piece.strip())
    if not core:
        return ""
    if any(c.isdigit() for c in core):
        return "number"
    if fold(core).replace("’", "'") in NEGATIONS or fold(core).endswith("n't"):
        return "negation"
    if core[0].isupper() and (not sentence_start or (len(core) > 1 and core.isupper())):
        return "name"
    return ""
