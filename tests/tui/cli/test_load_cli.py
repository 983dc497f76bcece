"""`claimdesk load` on what fact-checkers receive: web pages from a local server, feeds, folders; a summary."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from store import Store
from tests.claims.pages import ARTICLE_PAGE, serve
from tui.cli.main import main

FEED = [
    {"headline": "Governor revises flood count", "story": "CALDER, May 9 (Northline News) - The flood forced "
     "60,000 people from their homes in the river district, Governor Mara Lind told reporters on Friday.",
     "link": "https://north.example/flood", "date": "2026-05-09"},
    {"headline": "Nothing to read"},
]


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_DB", str(tmp_path / "env.db"))
    return CliRunner()


@pytest.fixture(scope="module")
def site():
    with serve() as base:
        yield base


def articles_in(runner, db):
    out = runner.invoke(main, ["--db", db, "articles", "--format", "jsonl"]).output
    return [json.loads(line) for line in out.splitlines()]


def test_a_url_a_saved_page_and_a_feed_load_together_with_a_summary(runner, tmp_path, site):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feed.json").write_text(json.dumps(FEED), encoding="utf-8")
    (tmp_path / "in" / "dam.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    db = str(tmp_path / "t.db")
    result = runner.invoke(main, ["--db", db, "load", "--text-field", "story", str(tmp_path / "in"),
                                  f"{site}/rail", f"{site}/missing"])
    assert result.exit_code == 1  # something failed
    assert result.output.count("loaded   #") == 3
    assert "404" in result.output and "feed.json#2" in result.output
    assert "3 loaded, 0 already loaded, 2 failed." in result.output
    titles = {a["title"] for a in articles_in(runner, db)}
    assert titles == {"Governor revises flood count", "Dam costs rise to 4.2 billion crowns",
                      "Rail fares to rise in June"}


def test_a_page_already_loaded_by_its_url_is_skipped(runner, tmp_path, site):
    db = str(tmp_path / "t.db")
    runner.invoke(main, ["--db", db, "load", f"{site}/news/dam-costs"])
    page = tmp_path / "saved-copy.html"
    page.write_text(ARTICLE_PAGE.replace("Critics said", "Opponents said"), encoding="utf-8")
    result = runner.invoke(main, ["--db", db, "load", str(page)])
    assert result.exit_code == 0 and "already loaded as #1" in result.output
    assert len(articles_in(runner, db)) == 1


def test_glob_limits_a_folder_and_nothing_failed_means_exit_zero(runner, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dam.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    (tmp_path / "in" / "broken.txt").write_bytes(b"\x00\x00binary")
    result = runner.invoke(main, ["--db", str(tmp_path / "t.db"), "load", "--glob", "*.html", str(tmp_path / "in")])
    assert result.exit_code == 0, result.output
    assert "1 loaded, 0 already loaded, 0 failed." in result.output


def test_stdin_html_is_read_as_a_page(runner, tmp_path):
    result = runner.invoke(main, ["--db", str(tmp_path / "t.db"), "load", "-"], input=ARTICLE_PAGE)
    assert result.exit_code == 0 and "Dam costs rise" in result.output


def test_many_inputs_print_plain_progress_lines_when_piped(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        (folder / f"{n:02}.txt").write_text(f"Note {n}\n\nThe council said {n + 3} bridges were closed in 20{n:02}.",
                                            encoding="utf-8")
    result = runner.invoke(main, ["--db", str(tmp_path / "t.db"), "load", "--workers", "0", str(folder)])
    assert result.exit_code == 0
    progress = [line for line in result.output.splitlines() if line.startswith("progress ")]
    assert progress and progress[-1].startswith("progress 12/12 articles")
    assert "\x1b" not in result.output


def test_extraction_in_a_worker_process_stores_the_same_claims(runner, tmp_path):
    from tests.tui.cli.test_cli import EARLY, LATE

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EARLY, encoding="utf-8")
    (folder / "b.txt").write_text(LATE, encoding="utf-8")
    claims = []
    for workers in ("0", "1"):
        db = str(tmp_path / f"w{workers}.db")
        assert runner.invoke(main, ["--db", db, "load", "--workers", workers, str(folder)]).exit_code == 0
        out = runner.invoke(main, ["--db", db, "claims", "--format", "jsonl"]).output
        claims.append([(c["text"], c["start"], c["score"]) for c in map(json.loads, out.splitlines())])
    assert claims[0] and claims[0] == claims[1]


@pytest.mark.parametrize(("asked", "inputs", "cores", "expected"), [
    (None, 100, 2, 2), (None, 100, 8, 2), (None, 19, 2, 0), (None, 100, 1, 0), (0, 100, 8, 0), (1, 3, 1, 1),
], ids=["many-inputs-two-cores", "many-inputs-eight-cores", "few-inputs", "one-core", "asked-for-none",
        "asked-for-one"])
def test_large_loads_extract_in_other_processes_when_there_are_cores_for_them(monkeypatch, asked, inputs, cores,
                                                                           expected):
    from claims.extract import workers as load_workers

    monkeypatch.setattr(load_workers, "usable_cores", lambda: cores)
    assert load_workers.default_workers(asked, inputs) == expected


def test_a_missing_model_stops_a_load_in_a_worker_process_with_its_install_hint(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_MODEL", "no_such_model_for_claimdesk")  # the worker inherits the environment
    (tmp_path / "a.txt").write_text("Note\n\nThe council said 3 bridges were closed in 2001.", encoding="utf-8")
    result = runner.invoke(main, ["--db", str(tmp_path / "t.db"), "load", "--workers", "1", str(tmp_path / "a.txt")])
    assert result.exit_code == 1
    assert "spaCy model 'no_such_model_for_claimdesk' is not installed: run" in result.output


def test_an_article_over_the_size_limit_is_refused_in_one_sentence_from_a_file_or_stdin(runner, tmp_path):
    from claims.read.article import MAX_ARTICLE_CHARS

    text = "A long report\n\n" + "The council said the river rose 2 metres. " * (MAX_ARTICLE_CHARS // 40)
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    for args, stdin in ((["load", str(tmp_path / "long.txt")], None), (["load", "-"], text)):
        result = runner.invoke(main, ["--db", str(tmp_path / "t.db"), *args], input=stdin)
        assert result.exit_code == 1
        assert f"characters long; one article may hold at most {MAX_ARTICLE_CHARS:,}" in result.stderr
        assert "0 loaded, 0 already loaded, 1 failed." in result.stderr


DAM = "Dam report\n\nThe dam will cost 4 billion crowns, the ministry said.\n"


@pytest.mark.parametrize("route", ["file", "stdin"])
def test_one_plain_text_article_can_be_given_its_url_date_and_title(runner, tmp_path, route):
    (tmp_path / "dam.txt").write_text(DAM, encoding="utf-8")
    path, stdin = (str(tmp_path / "dam.txt"), None) if route == "file" else ("-", DAM)
    db = str(tmp_path / "t.db")
    result = runner.invoke(main, ["--db", db, "load", "--url", "https://gazette.example/dam", "--date",
                                  "2026-05-09", "--title", "Dam costs \u202erise", path], input=stdin)
    assert result.exit_code == 0, result.output
    (article,) = articles_in(runner, db)
    assert (article["title"], article["url"], article["published"]) == ("Dam costs rise",
                                                                         "https://gazette.example/dam", "2026-05-09")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--date", "2026-13-45", "A"], "'2026-13-45' is not a date: give it as YYYY-MM-DD", id="bad-date"),
        pytest.param(["--url", "gazette.example/dam", "A"], "is not a web address", id="bad-url"),
        pytest.param(["--title", "Dam", "A", "B"], "--url, --date and --title describe one article: give one file",
                     id="several-inputs"),
        pytest.param(["--date", "2026-05-09", "FOLDER"], "describe one article", id="a-folder"),
    ],
)
def test_url_date_and_title_are_checked_and_refused_for_several_inputs(runner, tmp_path, args, message):
    (tmp_path / "A").write_text(DAM, encoding="utf-8")
    (tmp_path / "B").write_text(DAM.replace("4", "5"), encoding="utf-8")
    (tmp_path / "FOLDER").mkdir()
    args = [str(tmp_path / a) if a in ("A", "B", "FOLDER") else a for a in args]
    result = runner.invoke(main, ["--db", str(tmp_path / "t.db"), "load", *args])
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "t.db").exists()


def test_a_title_given_for_a_feed_is_refused_and_nothing_is_stored(runner, tmp_path):
    (tmp_path / "feed.json").write_text(json.dumps(FEED), encoding="utf-8")
    result = runner.invoke(main, ["--db", str(tmp_path / "t.db"), "load", "--title", "One", str(tmp_path /
                                                                                               "feed.json")])
    assert result.exit_code == 1 and "is a feed: a URL, date or title given for one article" in result.stderr
    assert articles_in(runner, str(tmp_path / "t.db")) == []


def test_a_feed_record_whose_date_is_no_date_loads_without_it_and_says_so(runner, tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([{"title": FEED[0]["headline"], "text": FEED[0]["story"], "date": "not a date"}]),
                    encoding="utf-8")
    db = str(tmp_path / "f.db")
    result = runner.invoke(main, ["--db", db, "load", str(feed)])
    assert result.exit_code == 0, result.output
    assert f"warning  {feed}#1: 'not a date' is not a date; stored without one.\n" in result.stderr
    (article,) = articles_in(runner, db)
    with Store(db) as store:
        assert store.article(article["id"]).published is None
