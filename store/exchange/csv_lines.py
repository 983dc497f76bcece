"""CSV text for many rows at once, byte for byte what ``csv.writer(out, lineterminator="\\r\\n")`` writes for them
(the excel dialect: a cell is quoted when it holds a comma, a double quote, CR or LF; None is empty; a float is its
repr), with the cells a spreadsheet would run as formulas neutralised (store.exchange.export.neutralise) unless raw.

csv.writer looks at every character of every cell through a function call, which made it most of an export's
time. Here a batch of rows is turned into columns and each column of text is searched whole, at C speed, for a
formula's first character and for the characters that need quoting; only the cells of a column that has such a
character are looked at one by one. A batch with a cell of any other kind (bytes, say) goes to csv.writer itself.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

FORMULA_STARTS = frozenset(("=", "+", "-", "@", "\t", "\r"))
_SEPARATOR = "\x00"  # between a column's cells while searching it: a cell holding it only costs a closer look
_FORMULA_AFTER = re.compile("\x00[=+\\-@\t\r]")  # a cell after the first one that starts like a formula
_SPECIAL = re.compile(r'[",\r\n]')
_NONE = type(None)
_NUMBERS = {int, float, _NONE}
_EMPTY = {None: ""}


def csv_lines(rows: Sequence[tuple], raw: bool = False) -> str:
    """The CSV text of ``rows`` (each line ending in CRLF), neutralised unless ``raw``."""
    if not rows:
        return ""
    if len(rows[0]) < 2:  # csv.writer writes a lone empty cell as "": leave such rows to it
        return _by_csv_writer(rows, raw)
    columns = []
    for values in zip(*rows, strict=True):
        cells = _column(values, raw)
        if cells is None:
            return _by_csv_writer(rows, raw)
        columns.append(cells)
    return "\r\n".join(map(",".join, zip(*columns, strict=True))) + "\r\n"


def _column(values: tuple, raw: bool) -> Sequence[str] | None:
    """The CSV cells of one column's values; None when a value is of a kind only csv.writer should write."""
    if values[0] is None and values.count(None) == len(values):  # a column no claim fills in (yet)
        return [""] * len(values)
    try:
        joined = _SEPARATOR.join(values)  # succeeds when every value is text (most columns)
    except TypeError:
        kinds = set(map(type, values))
        if kinds == {str, _NONE}:
            values = list(map(_EMPTY.get, values, values))  # None as ""
            return _texts(values, _SEPARATOR.join(values), raw)
        if kinds <= _NUMBERS:  # str() of a float is its repr; no number's text holds "None"
            return _SEPARATOR.join(map(str, values)).replace("None", "").split(_SEPARATOR)
        if kinds <= {str, *_NUMBERS}:
            return [_cell(value, raw) for value in values]
        return None
    return _texts(values, joined, raw)


def _texts(values: Sequence[str], joined: str, raw: bool) -> Sequence[str]:
    """Text cells (None already made ""), joined by _SEPARATOR in ``joined``, neutralised unless raw, quoted where
    they must be."""
    if not raw and (joined[:1] in FORMULA_STARTS or _FORMULA_AFTER.search(joined)):
        values = [("'" + v) if v[:1] in FORMULA_STARTS else v for v in values]
        joined = _SEPARATOR.join(values)
    if not ("," in joined or '"' in joined or "\n" in joined or "\r" in joined):
        return values
    return [('"' + v.replace('"', '""') + '"') if special else v  # _quoted, inlined: once per cell
            for v, special in zip(values, map(_SPECIAL.search, values), strict=True)]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cell(value: str | int | float | None, raw: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if not raw and value[:1] in FORMULA_STARTS:
        value = "'" + value
    return _quoted(value) if _SPECIAL.search(value) else value


def _by_csv_writer(rows: Sequence[tuple], raw: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row if raw else [("'" + v) if v.__class__ is str and v[:1] in FORMULA_STARTS else v
                                         for v in row])
    return buffer.getvalue()
