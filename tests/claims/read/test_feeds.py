"""Feeds: one article per record in JSON, JSON Lines and CSV, fields found by their usual names or by options."""

from __future__ import annotations

import json

import pytest

from claims.read.article import ReadFailure
from claims.read.feeds import FeedFields
from claims.read.inputs import ReadOptions, read_inputs

BODY = "CALDER, May 9 (Northline News) - The flood forced 60,000 people from their homes, the governor said."
RECORD = {"title": "Governor revises flood count", "body": BODY, "url": "https://north.example/a1",
          "published": "2026-05-09", "author": "J. Moss", "source": "Northline"}


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("f.json", json.dumps([RECORD]), id="json-list"),
        pytest.param("f.json", json.dumps({"items": [RECORD]}), id="json-items"),
        pytest.param("f.jsonl", json.dumps(RECORD) + "\n", id="jsonl"),
        pytest.param("f.csv", "title,body,url,published,author,source\n" + ",".join(
            f'"{RECORD[k]}"' for k in ("title", "body", "url", "published", "author", "source")) + "\n", id="csv"),
    ],
)
def test_each_feed_format_gives_the_article_with_its_fields(tmp_path, name, text):
    (draft,) = read_inputs([write(tmp_path, name, text)])
    assert (draft.title, draft.url, draft.published, draft.author, draft.source) == (
        "Governor revises flood count", "https://north.example/a1", "2026-05-09", "J. Moss", "Northline")
    assert draft.text == BODY and draft.dateline == "CALDER, May 9 (Northline News) -"


def test_options_name_other_fields(tmp_path):
    row = {"headline_en": "Rail fares", "story": "Fares will rise by 7 percent in June, the operator said.",
           "permalink": "https://x.example/r", "day": "2026-06-01", "writer": "K. Aune"}
    fields = FeedFields().with_names(text="story", title="headline_en", url="permalink", date="day",
                                     author="writer")
    (draft,) = read_inputs([write(tmp_path, "f.jsonl", json.dumps(row))], ReadOptions(fields=fields))
    assert (draft.title, draft.url, draft.published, draft.author) == ("Rail fares", "https://x.example/r",
                                                                       "2026-06-01", "K. Aune")


def test_bad_records_fail_one_by_one_and_the_rest_load(tmp_path):
    lines = [json.dumps(RECORD), "{not json", json.dumps({"title": "no text"}), json.dumps({"text": BODY + " 2"})]
    results = list(read_inputs([write(tmp_path, "f.jsonl", "\n".join(lines))]))
    assert [type(r).__name__ for r in results] == ["ArticleDraft", "ReadFailure", "ReadFailure", "ArticleDraft"]
    assert "line 2" in results[1].reason and "not valid JSON" in results[1].reason
    assert "no article text" in results[2].reason and results[2].origin.endswith("#line3")


def test_html_in_a_text_field_is_reduced_to_its_text(tmp_path):
    record = {"title": "T", "content": "<p>The dam will cost 4.2 billion crowns, the ministry said.</p>"
                                       "<p>Work starts in 2027, officials said.</p>"}
    (draft,) = read_inputs([write(tmp_path, "f.json", json.dumps([record]))])
    assert draft.text == "The dam will cost 4.2 billion crowns, the ministry said.\n\nWork starts in 2027, " \
                         "officials said."


def test_a_broken_json_file_is_one_failure(tmp_path):
    (failure,) = read_inputs([write(tmp_path, "f.json", "[{")])
    assert isinstance(failure, ReadFailure) and "not valid JSON" in failure.reason


def test_source_option_wins_over_the_record(tmp_path):
    (draft,) = read_inputs([write(tmp_path, "f.json", json.dumps(RECORD))], ReadOptions(source="Desk"))
    assert draft.source == "Desk"


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        pytest.param("text", {"html": "<p>x</p>"}, "the text field holds an object, not the article's text",
                     id="text-object"),
        pytest.param("text", 12345, "the text field holds a number (12345), not the article's text", id="text-number"),
        pytest.param("body", [BODY, {"p": 2}], "the body field holds a list, not the article's text",
                     id="text-list-with-an-object"),
        pytest.param("title", {"en": "Flood count"}, "the title field holds an object, not text", id="title-object"),
        pytest.param("url", ["https://a.example", "https://b.example"], "the url field holds a list, not text",
                     id="url-list"),
    ],
)
def test_a_field_that_holds_no_text_makes_its_record_a_failure_with_the_reason(tmp_path, field, value, reason):
    record = {**RECORD, field: value} if field != "body" else {"title": "T", "body": value}
    results = list(read_inputs([write(tmp_path, "f.jsonl", json.dumps(record) + "\n" + json.dumps(RECORD))]))
    assert isinstance(results[0], ReadFailure) and reason in results[0].reason
    assert results[0].origin.endswith("#line1") and results[1].title == RECORD["title"]


def test_list_fields_are_joined_as_text_not_stored_as_python_lists(tmp_path):
    record = {**RECORD, "title": ["Governor revises", "flood count"], "body": [BODY, "More follows."],
              "author": [{"name": "J. Moss"}, "K. Aune"], "published": 20260509}
    (draft,) = read_inputs([write(tmp_path, "f.json", json.dumps([record]))])
    assert (draft.title, draft.author, draft.published) == ("Governor revises flood count", "J. Moss, K. Aune",
                                                            "20260509")
    assert draft.text == BODY + "\n\nMore follows."


def test_a_csv_quote_left_open_is_reported_at_its_line_instead_of_merging_the_next_record(tmp_path):
    text = ("title,text,url,date\n"
            'Dam,"The dam will cost 4.2 billion crowns, the ministry said.",https://a.example/1,2026-01-01\n'
            'Rail,"Fares will rise by 7 percent, the operator said.,https://a.example/2,2026-02-02\n'
            'Ferry,"The strike ended after 9 days, the union said.",https://a.example/3,2026-03-03\n')
    results = list(read_inputs([write(tmp_path, "f.csv", text)]))
    assert [type(r).__name__ for r in results] == ["ArticleDraft", "ReadFailure"]
    assert results[0].url == "https://a.example/1"
    assert results[1].reason.endswith("f.csv line 3: a quote is not closed where it should be (',' expected after "
                                      "'\"'); nothing from line 3 on was read.")


def test_csv_with_multi_line_quoted_text_and_cr_line_ends_still_loads(tmp_path):
    text = 'title,text\r"Dam","The dam will cost 4.2 billion crowns.\r\rWork starts in 2027."\rRail,Fares rise.\r'
    results = list(read_inputs([write(tmp_path, "f.csv", text)]))
    assert [r.title for r in results] == ["Dam", "Rail"]
    assert results[0].origin.endswith("#line2") and results[1].origin.endswith("#line5")


def test_deeply_nested_json_is_one_clear_failure_per_file_or_line(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (failure,) = read_inputs([write(tmp_path, "f.json", deep)])
    assert failure.reason.endswith("f.json: the JSON is nested too deeply to read.")
    results = list(read_inputs([write(tmp_path, "g.jsonl", deep + "\n" + json.dumps(RECORD))]))
    assert "line 1: the JSON is nested too deeply" in results[0].reason and results[1].title == RECORD["title"]


@pytest.mark.parametrize(("written", "kept"), [
    ("not a date", None), ("2026-05-09", "2026-05-09"), ("2026-05-09T08:30:00Z", "2026-05-09T08:30:00Z"),
    ("Sat, 09 May 2026 08:30:00 GMT", "Sat, 09 May 2026 08:30:00 GMT"), ("May 9, 2026", "May 9, 2026"),
    ("2026-13-45", None), ("", None),
])
def test_a_feed_date_that_is_no_date_is_left_out_with_a_warning(tmp_path, written, kept):
    path = write(tmp_path, "f.jsonl", json.dumps({**RECORD, "published": written}) + "\n")
    (draft,) = read_inputs([path])
    assert draft.published == kept and draft.title == RECORD["title"]
    warned = kept is None and written
    assert draft.warning == (f"{path}#line1: {written!r} is not a date; stored without one." if warned else None)
