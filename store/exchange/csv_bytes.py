"""CSV bytes for a batch of verdict rows read from SQLite: byte for byte the UTF-8 of what csv_lines writes for the
same rows (csv.writer's excel dialect, CRLF, formulas neutralised unless raw), without making a Python string of
every cell.

SQLite gives the cells in the layout store.exchange.export.fast_columns asks for, one kind per column:

- PAIR: claim_id and article_id as one cell, "12,34" (SQLite writes a whole number as str() does);
- TEXT: a text cell as the bytes SQLite holds (CAST ... AS BLOB), or None;
- FLOAT: checkworthiness, the float itself (written as repr() does, each value worked out once);
- TAIL: rank and highlighted coded as one number, 2 * rank + highlighted (-2 + highlighted without a rank), or NULL
  when either is not a small whole number.

A batch's rows are laid out in one list and each text column is joined once and searched whole, at C speed, for what
needs a closer look (a formula's first character, a character that needs quoting); only the cells of a column that
has one are looked at one by one. The batch is then one join, each row's last cell ending in a mark (RS, 0x1E) that
becomes CRLF in place. `csv_bytes` returns None for a batch it cannot write exactly this way (a cell holding the mark,
a TAIL that is NULL, a checkworthiness that is not a float): the caller writes that batch the exact way.

Text SQLite holds as a BLOB or as bytes that are not UTF-8 (claimdesk writes neither) goes out as its bytes.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from itertools import repeat

import numpy as np

PAIR, TEXT, FLOAT, TAIL = "pair", "text", "float", "tail"
_END = 0x1E  # the mark after each row's last cell, turned into CRLF once the batch is joined
_FORMULA = b"=+-@\t\r"  # store.exchange.csv_lines.FORMULA_STARTS, as bytes
_FORMULA_FIRST = frozenset(bytes((c,)) for c in _FORMULA)
_FORMULA_AFTER = re.compile(b"\x00[=+\\-@\t\r]")  # a cell after the first one that starts like a formula
_CACHED = 100_000  # numbers worked out and kept at most (then forgotten, so memory stays flat)


class _Floats(dict):
    """repr() of each float as bytes, worked out once (not for 0.0 and -0.0, equal keys with different texts, nor
    NaN, which never finds itself)."""

    def __missing__(self, value: object) -> bytes:
        if type(value) is not float:
            raise TypeError(value)
        text = repr(value).encode()
        if value and value == value:
            self[value] = text
        return text


class _Tails(dict):
    """The "rank,highlighted" text of a TAIL number, with the row's end mark when the tail ends the row."""

    def __init__(self, end: bytes) -> None:
        super().__init__()
        self.end = end

    def __missing__(self, value: object) -> bytes:
        if type(value) is not int:
            raise TypeError(value)
        rank, highlighted = divmod(value, 2)
        self[value] = text = b"%s,%d%s" % (b"" if rank < 0 else b"%d" % rank, highlighted, self.end)
        return text


_FLOATS = _Floats()
_TAILS = {True: _Tails(bytes((_END,))), False: _Tails(b"")}


def csv_bytes(rows: Sequence[tuple], kinds: Sequence[str], raw: bool = False) -> bytearray | None:
    """The CSV of ``rows`` (cells of ``kinds``), each line ending in CRLF; None when a cell needs the exact way."""
    width, count = len(kinds), len(rows)
    flat: list = []
    deque(map(flat.extend, rows), 0)
    try:
        for at, kind in enumerate(kinds):
            if kind == PAIR:
                continue
            last = at == width - 1
            values = flat[at::width]
            if kind == FLOAT:
                flat[at::width] = list(map(_FLOATS.__getitem__, values))
            elif kind == TAIL:
                flat[at::width] = list(map(_TAILS[last].__getitem__, values))
            else:
                cells = _texts(values, count, raw)
                if cells is None:
                    return None
                flat[at::width] = list(map(bytes.__add__, cells, repeat(bytes((_END,))))) if last else cells
    except TypeError:  # a FLOAT or TAIL cell of another kind
        return None
    finally:
        for cache in (_FLOATS, *_TAILS.values()):
            if len(cache) > _CACHED:
                cache.clear()
    flat.append(b"")  # so that the last row's mark is followed by a comma, as every other row's is
    out = bytearray(b",").join(flat)
    view = np.frombuffer(out, np.uint8)
    ends = np.flatnonzero(view == _END)
    if len(ends) != count:
        return None
    view[ends] = 13  # "<mark>," -> CRLF
    view[ends + 1] = 10
    del view
    return out


def _texts(values: list, count: int, raw: bool) -> list | None:
    """A column's text cells, neutralised unless ``raw`` and quoted where they must be; None when a cell holds the
    row-end mark (or is not text)."""
    try:
        joined = b"\x00".join(values)
    except TypeError:
        if values.count(None) == count:  # a column no claim fills in (yet)
            return [b""] * count
        values = [value or b"" for value in values]
        try:
            joined = b"\x00".join(values)
        except TypeError:
            return None
    if _END in joined:
        return None
    if (not raw and any(c in joined for c in _FORMULA)
            and (joined[0] in _FORMULA or _FORMULA_AFTER.search(joined))):
        values = [(b"'" + value) if value[:1] in _FORMULA_FIRST else value for value in values]
    if 10 in joined or 13 in joined:  # CR or LF (rare): csv.writer quotes those too
        return [b'"' + value.replace(b'"', b'""') + b'"' if 44 in value or 34 in value or 10 in value or 13 in value
                else value for value in values]
    if 34 in joined:  # a double quote: quoted, doubled
        return [b'"' + value.replace(b'"', b'""') + b'"' if 44 in value or 34 in value else value
                for value in values]
    if 44 in joined:  # only commas (most text that needs quoting)
        return [b'"' + value + b'"' if 44 in value else value for value in values]
    return values
