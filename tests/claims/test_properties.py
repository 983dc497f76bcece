"""Properties over any text (hypothesis): claim offsets always hold; load, export and import lose nothing.

An empty or blank note and no note are the same thing here (CSV cannot tell them apart; import drops blank notes).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.read.article import read_text
from store import Store
from store.clean_text import UnreadableText, clean, decode
from tui.cli.main import main

PIECES = ["The", "port", "handled", "4 million", "boxes", "the mayor said", "officials said", "Zürich", "🚢",
          "[bold]", "[/]", "[@click=app.quit]", "\x1b[31m", "قال الوزير", "%", "'", '"', "--", "\u200b", "e\u0301",
          "6,000 people", "according to the ministry", "\t", "\n", "\r\n", "NEAR", "*", "(", ")"]
SENTENCE = st.lists(st.sampled_from(PIECES), min_size=3, max_size=14).map(lambda ws: " ".join(ws) + ".")
TEXT = st.lists(st.one_of(SENTENCE, st.text(max_size=40)), min_size=1, max_size=6).map(" ".join)
SPACY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SPACY
@given(text=TEXT)
def test_every_claim_is_exactly_its_span_of_the_text(extractor, text):
    for claim in extractor.extract(text):
        assert text[claim.start : claim.end] == claim.text


@SPACY
@given(text=TEXT)
def test_every_claim_of_a_read_article_is_its_span_of_the_stored_text(extractor, text):
    try:
        draft = read_text(text, "prop.txt")
    except UnreadableText:
        return
    for claim in extractor.extract(draft.text):
        assert draft.text[claim.start : claim.end] == claim.text


@settings(max_examples=200)
@given(text=st.text())
def test_cleaning_leaves_no_control_character_and_is_stable(text):
    cleaned = clean(text)
    assert all(ch in "\t\n" or (" " <= ch and not "\x7f" <= ch <= "\x9f") for ch in cleaned)
    assert clean(cleaned) == cleaned


@settings(max_examples=200)
@given(text=st.text().filter(lambda t: "\x00" not in t and not t.startswith("\ufeff")))
def test_utf8_text_decodes_to_itself(text):
    assert decode(text.encode("utf-8")) == text
    assert decode(text.encode("utf-16")) == text


# --- load, export, import ----------------------------------------------------------------------------------

ARTICLE = st.lists(SENTENCE, min_size=2, max_size=5).map(
    lambda sentences: "Port figures\n\nPORT ELLIS, May 2 (Harbour Wire) - " + " ".join(sentences)
    + " The flood forced 6,000 people from their homes, the ministry said.")
DECISIONS = st.lists(st.tuples(st.sampled_from(["verified", "disputed", "unverified"]), st.text(max_size=30)),
                     min_size=1, max_size=4)


def note_of(claim) -> str | None:
    """The note as it comes back from an import: a blank note is no note, and imported text is cleaned like
    loaded text (control characters shown as symbols, e.g. ESC as ␛), so compare cleaned notes."""
    return clean(claim.note) if claim.note and claim.note.strip() else None


def has_import() -> bool:
    return "import" in main.list_commands(click.Context(main))  # the group loads its commands lazily


@pytest.mark.skipif(not has_import(), reason="needs the `claimdesk import` command (tui/cli_import.py)")
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ARTICLE, decisions=DECISIONS)
def test_load_export_import_round_trips_every_verdict(nlp, fmt, text, decisions):
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "a.txt").write_text(text, encoding="utf-8")
        first, second, out = folder / "first.db", folder / "second.db", folder / f"verdicts.{fmt}"
        for db in (first, second):
            assert runner.invoke(main, ["--db", str(db), "load", str(folder / "a.txt")]).exit_code == 0
        with Store(first) as store:
            claims = store.claims()
            for claim, (status, note) in zip(claims, decisions, strict=False):
                store.decide(claim.id, status, "ana", note)
            expected = [(c.text, c.status, note_of(c), c.reviewer) for c in store.claims()]
        exported = runner.invoke(main, ["--db", str(first), "export", "--all", "--format", fmt, "-o", str(out)])
        assert exported.exit_code == 0, exported.output
        imported = runner.invoke(main, ["--db", str(second), "import", str(out)])
        assert imported.exit_code == 0, imported.output
        with Store(second) as store:
            assert [(c.text, c.status, note_of(c), c.reviewer) for c in store.claims()] == expected
        if fmt == "jsonl":
            records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
            assert [r["claim"] for r in records] == [e[0] for e in expected]
