"""Reading what fact-checkers receive: text and Markdown files, saved web pages, folders with a filter, stdin."""

from __future__ import annotations

import io

import pytest

from claims.read.article import ReadFailure
from claims.read.inputs import ReadOptions, list_inputs, read_file, read_inputs
from tests.claims.pages import ARTICLE_PAGE, SECOND_PAGE

WIRE = "Kabul, Sep 23 (Bakhtar Agency) - The ministry said 1,200 schools had reopened.\n\nMore follows."


@pytest.mark.parametrize(
    ("name", "content", "title", "starts"),
    [
        pytest.param("a.md", "# Schools reopen\n\n" + WIRE, "Schools reopen", "Kabul", id="markdown-heading"),
        pytest.param("a.txt", "Schools reopen\n\n" + WIRE, "Schools reopen", "Kabul", id="first-line-title"),
        pytest.param("a.txt", WIRE, "The ministry said 1,200 schools had reopened.", "Kabul", id="no-title-line"),
    ],
)
def test_text_files_give_title_and_a_dateline_kept_apart(tmp_path, name, content, title, starts):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    draft = read_file(path)
    assert (draft.title, draft.dateline, draft.source) == (title, "Kabul, Sep 23 (Bakhtar Agency) -", "Bakhtar Agency")
    assert draft.text.startswith(starts)


def test_a_saved_web_page_gives_main_text_and_metadata_without_navigation_ads_or_comments(tmp_path):
    path = tmp_path / "dam.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    draft = read_file(path)
    assert draft.title == "Dam costs rise to 4.2 billion crowns"
    assert (draft.author, draft.published, draft.source) == ("Mira Tolland", "2026-03-04", "The Harbour Gazette")
    assert draft.url == "https://gazette.example/news/dam-costs"
    assert draft.dateline == "PORT ELLIS, March 4 (Harbour Wire) -"
    for junk in ("Subscribe", "cheap boats", "lying", "Copyright", "Dam costs rise"):
        assert junk not in draft.text
    assert "6,000 people were moved" in draft.text and draft.text.count("\n\n") == 2


def test_source_option_wins_over_the_page_site_name(tmp_path):
    path = tmp_path / "dam.htm"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    (draft,) = read_inputs([str(path)], ReadOptions(source="Desk upload"))
    assert draft.source == "Desk upload"


def test_a_page_without_article_text_is_a_clear_failure(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (failure,) = read_inputs([str(path)])
    assert isinstance(failure, ReadFailure) and "no article text" in failure.reason


def test_folders_are_read_recursively_with_a_glob_filter(tmp_path):
    (tmp_path / "2026" / "march").mkdir(parents=True)
    (tmp_path / "2026" / "march" / "dam.html").write_text(ARTICLE_PAGE, encoding="utf-8")
    (tmp_path / "rail.html").write_text(SECOND_PAGE, encoding="utf-8")
    (tmp_path / "note.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(WIRE, encoding="utf-8")
    everything = [p.replace(str(tmp_path), "") for p in list_inputs([str(tmp_path)])]
    assert everything == ["/2026/march/dam.html", "/note.txt", "/rail.html"]
    only_html = list_inputs([str(tmp_path)], ReadOptions(glob="*.html"))
    assert [p.rsplit("/", 1)[1] for p in only_html] == ["dam.html", "rail.html"]
    nested = list_inputs([str(tmp_path)], ReadOptions(glob="2026/**/*.html"))
    assert [p.rsplit("/", 1)[1] for p in nested] == ["dam.html"]


@pytest.mark.parametrize(
    ("stdin", "title"),
    [
        pytest.param("Schools reopen\n\n" + WIRE, "Schools reopen", id="text"),
        pytest.param(SECOND_PAGE, "Rail fares to rise in June", id="html"),
        pytest.param('[{"title": "From a feed", "text": "' + WIRE.replace("\n", " ") + '"}]', "From a feed",
                     id="json"),
    ],
)
def test_stdin_is_recognised_by_its_first_characters(stdin, title):
    (draft,) = read_inputs(["-"], stdin=io.StringIO(stdin))
    assert draft.title == title and draft.origin.startswith("<stdin>")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b"\x00\x01\x02binary", "binary", id="binary"),
    ],
)
def test_unreadable_files_fail_with_a_reason_and_the_next_file_still_reads(tmp_path, data, says):
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(data)
    good.write_text(WIRE, encoding="utf-8")
    failure, draft = read_inputs([str(bad), str(good)])
    assert isinstance(failure, ReadFailure) and says in failure.reason
    assert draft.title.startswith("The ministry said")


def test_control_characters_in_page_metadata_are_removed(tmp_path):
    page = ARTICLE_PAGE.replace("<h1>Dam costs", "<h1>Dam\x1b[31m costs\x07")
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    draft = read_file(path)
    assert draft.title == "Dam costs rise to 4.2 billion crowns"


@pytest.mark.parametrize(
    "footer",
    [pytest.param("<footer>Copyright 2020 The Gazette</footer>", id="copyright-year"),
     pytest.param("<p>The dam opened in 2020, on March 3.</p>", id="a-date-in-the-text")],
)
def test_a_page_that_names_no_publication_date_has_none(tmp_path, footer):
    body = "<p>The council said the dam will cost 4.2 billion crowns, more than planned in the spring.</p>" * 3
    path = tmp_path / "undated.html"
    path.write_text(f"<html><head><title>Dam costs</title></head><body><article>{body}{footer}</article></body>"
                    f"</html>", encoding="utf-8")
    assert read_file(path).published is None


def test_titles_and_names_lose_invisible_format_characters_the_text_keeps_them(tmp_path):
    (tmp_path / "a.txt").write_text("Dam \u202ecosts\u202c rise\n\nThe sen\u200bator said the dam costs more.",
                                    encoding="utf-8")
    page = ARTICLE_PAGE.replace("Mira Tolland", "Mira\u200b Tolland").replace("<title>", "<title>\u2067")
    (tmp_path / "b.html").write_text(page, encoding="utf-8")
    text, html = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.html")])
    assert text.title == "Dam costs rise" and "sen\u200bator" in text.text
    assert html.title == "Dam costs rise to 4.2 billion crowns" and html.author == "Mira Tolland"
