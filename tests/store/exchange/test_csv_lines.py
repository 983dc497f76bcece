"""store.exchange.csv_lines writes what csv.writer writes (with neutralise()), a batch of rows at a time."""

from __future__ import annotations

import csv
import io
import random

import pytest

from store.exchange.csv_lines import csv_lines
from store.exchange.export import neutralise

ALPHABET = ['a', 'b', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', "'", '\x00', 'é', '€', '日', '😀']


def by_csv_writer(rows: list[tuple], raw: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row if raw else [neutralise(v) for v in row])
    return buffer.getvalue()


def random_cell(rng: random.Random, kind: str):
    if kind == "int":
        return rng.choice([0, 7, -3, 10**12])
    if kind == "float":
        return rng.choice([0.0, -0.0, 0.5, 0.1234, 1e20, 1e-7, float("inf"), -2.25])
    if kind == "none" or rng.random() < 0.1:
        return None
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 6)))


@pytest.mark.parametrize("raw", [False, True])
def test_random_rows_come_out_as_csv_writer_writes_them(raw: bool) -> None:
    rng = random.Random(18)
    for _ in range(300):
        kinds = [rng.choice(["text", "text", "int", "float", "none", "mixed"]) for _ in range(rng.randint(2, 6))]
        rows = [tuple(random_cell(rng, rng.choice(["text", "int", "float"]) if k == "mixed" else k)
                      for k in kinds) for _ in range(rng.randint(1, 8))]
        assert csv_lines(rows, raw) == by_csv_writer(rows, raw), rows


def test_a_formula_is_neutralised_and_quoted_like_any_cell() -> None:
    rows = [(1, '=HYPERLINK("x")', "plain", None), (2, "-3", "a, b", 0.25)]
    assert csv_lines(rows) == "1,\"'=HYPERLINK(\"\"x\"\")\",plain,\r\n2,'-3,\"a, b\",0.25\r\n"
    assert csv_lines(rows, raw=True) == by_csv_writer(rows, raw=True)


def test_rows_with_cells_of_other_kinds_or_one_column_are_still_written_as_csv_writer_does() -> None:
    for rows in ([(b"bytes", "=x")], [("",), (None,)], [(True, 1.5, "a")]):
        assert csv_lines(rows) == by_csv_writer(rows, raw=False)
    assert csv_lines([]) == ""
