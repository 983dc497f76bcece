"""One load workflow for the command line, the app's dialog and the demo: read, extract, store, report."""

from __future__ import annotations

import io

import pytest

from claims.desk.load_session import LoadSession, load_articles
from claims.read.inputs import ReadOptions
from store import Store
from tests.claims.desk.test_load import SentenceExtractor


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db") as s:
        yield s


def write_articles(folder, count):
    folder.mkdir()
    for n in range(count):
        (folder / f"{n}.txt").write_text(f"Report {n}\n\nThe river rose {n + 1} metres, the office said.\n",
                                         encoding="utf-8")
    return folder


def test_a_folder_and_stdin_are_read_stored_and_each_result_reported_with_the_running_count(store, tmp_path):
    seen = []
    tally = load_articles(store, [str(write_articles(tmp_path / "in", 2)), "-"], ReadOptions(source="Wire"),
                          stdin=io.StringIO("Piped\n\nThe dam cost 4 billion crowns, she said.\n"),
                          extractor=SentenceExtractor(), workers=0,
                          on_result=lambda result, tally: seen.append((result.status, result.title, tally.done)))
    assert seen == [("loaded", "Report 0", 1), ("loaded", "Report 1", 2), ("loaded", "Piped", 3)]
    assert tally.summary() == "3 loaded, 0 already loaded, 0 failed." and tally.claims == 3
    assert {a.source for a in store.articles()} == {"Wire"}


def test_the_inputs_are_known_before_anything_is_read_and_stop_ends_after_the_article_stored(store, tmp_path):
    session = LoadSession(store, [str(write_articles(tmp_path / "in", 3))], extractor=SentenceExtractor(), workers=0)
    assert len(session.inputs) == 3 and session.tally.total == 3 and not store.articles()
    tally = session.run(stop=lambda: True)
    assert tally.done == 1 and len(store.articles()) == 1
