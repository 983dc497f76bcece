"""Hostile and broken articles through `load`, the app and `export`: shown exactly as text, or refused in one line.

The corpus (tests/hostile_corpus.py) holds Rich/Textual markup, ANSI and OSC escapes, control characters and NUL,
invalid UTF-8, UTF-16 with a BOM, Latin-1, binary data, empty files, a 50 MB file, right-to-left text, zero-width
characters, emoji and combining marks. What reaches the terminal is checked on the bytes Textual would write:
nothing but the style codes it makes itself.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from hostile_corpus import CASES, HUGE, write_corpus
from rich.console import Console

from store import NewClaim, Store, content_hash
from tui.cli.main import main
from tui.settings import Settings
from tui.widgets.article_view import ArticleView

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
STYLE_CODES = re.compile(r"\x1b\[[0-9;:]*[mH]")  # the colours and cursor moves Textual itself writes
LOADED = [c for c in CASES if c.loads]
REFUSED = [c for c in CASES if not c.loads] + [HUGE]


def no_raw_controls(text: str) -> bool:
    return RAW_CONTROL.search(STYLE_CODES.sub("", text).replace("\r\n", "\n")) is None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    write_corpus(folder / "corpus")
    db = folder / "claimdesk.db"
    result = CliRunner().invoke(main, ["--db", str(db), "load", str(folder / "corpus")])
    if "model" in result.output.lower() and "loaded" not in result.output:
        pytest.skip(result.output.strip().splitlines()[-1])
    return db, result


def article_with(db, literal: str):
    with Store(db) as store:
        for summary in store.articles():
            article = store.article(summary.id)
            if literal in article.text or literal in article.title:
                return article
    return None


def test_load_never_shows_a_traceback_and_writes_nothing_raw_to_the_terminal(corpus):
    _, result = corpus
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert no_raw_controls(result.output)
    assert f"{len(LOADED)} loaded, 0 already loaded, {len(REFUSED)} failed." in result.output


@pytest.mark.parametrize("case", REFUSED, ids=[c.name for c in REFUSED])
def test_unreadable_files_are_refused_with_a_one_line_reason(corpus, case):
    _, result = corpus
    lines = [line for line in result.output.splitlines() if line.startswith("failed") and case.name in line]
    assert len(lines) == 1 and case.reason in lines[0]


@pytest.mark.parametrize("case", LOADED, ids=[c.name for c in LOADED])
def test_readable_files_are_stored_exactly_with_sound_claims(corpus, case):
    db, _ = corpus
    article = article_with(db, case.literal)
    assert article is not None, f"{case.name}: {case.literal!r} is not in any stored article"
    assert RAW_CONTROL.sub("", article.text.replace("\t", "").replace("\n", "")) == article.text.replace(
        "\t", "").replace("\n", "")
    assert RAW_CONTROL.search(article.title) is None
    with Store(db) as store:
        for claim in store.claims(article_id=article.id):
            assert article.text[claim.start : claim.end] == claim.text


def terminal_output(app) -> tuple[str, str]:
    """What the screen would send to the terminal (raw bytes) and the text a reader sees."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.file.getvalue(), console.export_text(styles=False)


def squeeze(text: str) -> str:
    return re.sub(r"[\s│┃▎▊▌▐▕|]+", "", text)


@pytest.fixture
def app_on(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_CONFIG", "/nonexistent/claimdesk/config.toml")
    from tui.app import ClaimdeskApp

    return lambda db: ClaimdeskApp(db_path=db, reviewer="tester", settings=Settings(auto_advance=False))


@pytest.mark.parametrize("case", LOADED, ids=[c.name for c in LOADED])
async def test_the_app_shows_each_article_literally_and_nothing_raw(corpus, app_on, case):
    db, _ = corpus
    article = article_with(db, case.literal)
    app = app_on(db)
    async with app.run_test(size=(160, 45)) as pilot:
        raw, _ = terminal_output(app)  # the article list, with every title
        assert no_raw_controls(raw)
        app.open_article(article.id)
        await pilot.pause()
        assert app.screen.query_one(ArticleView).plain == article.text  # the article, character for character
        await pilot.press("v", "j", "d")  # deciding works on it too
        raw, seen = terminal_output(app)
        assert no_raw_controls(raw)
        assert squeeze(case.literal) in squeeze(seen) or squeeze(article.title) in squeeze(seen)
        assert app.is_running


async def test_markup_in_a_title_is_shown_not_run(corpus, app_on):
    db, _ = corpus
    article = article_with(db, "[@click=app.quit]Click me[/]")
    app = app_on(db)
    async with app.run_test(size=(160, 45)) as pilot:
        app.open_article(article.id)
        await pilot.pause()
        _, seen = terminal_output(app)
        assert "[@click=app.quit]Click me[/] [b]now[/b]" in seen
        await pilot.click("Header")
        await pilot.pause()
        assert app.is_running


async def test_escapes_stored_by_other_means_never_reach_the_terminal(tmp_path, app_on):
    """Text that bypassed cleaning (an import, an older database) is still drawn without its control codes."""
    db = tmp_path / "raw.db"
    text = "The port handled \x1b[31m4 million\x1b[0m boxes\x9b2J, \x1b]0;pwned\x07officials said."
    with Store(db) as store, store.transaction():
        article_id = store.insert_article("Raw \x1b]8;;https://evil.example\x1b\\link", text, content_hash(text))
        store.insert_claims(article_id, [NewClaim(text, 0, len(text))])
    app = app_on(db)
    async with app.run_test(size=(160, 45)) as pilot:
        assert no_raw_controls(terminal_output(app)[0])
        app.open_article(article_id)
        await pilot.pause()
        raw, seen = terminal_output(app)
        assert no_raw_controls(raw) and "\x1b]" not in raw and "\x1b[31m4" not in raw
        assert "[31m4 million" in seen and "pwned" in seen


def test_export_round_trips_the_hostile_text_and_writes_nothing_raw(corpus, tmp_path):
    db, _ = corpus
    runner = CliRunner()
    jsonl = runner.invoke(main, ["--db", str(db), "export", "--all", "--format", "jsonl"])
    assert jsonl.exit_code == 0 and no_raw_controls(jsonl.output)
    out = tmp_path / "verdicts.csv"
    result = runner.invoke(main, ["--db", str(db), "export", "--all", "-o", str(out)])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    with Store(db) as store:
        claims = {c.id: c.text for c in store.claims()}
    assert {int(r["claim_id"]): r["claim"] for r in rows} == claims
    records = [json.loads(line) for line in jsonl.output.splitlines() if line.startswith("{")]
    assert {r["claim_id"]: r["claim"] for r in records} == claims
