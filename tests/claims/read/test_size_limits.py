"""One article holds at most MAX_ARTICLE_CHARS characters, refused with the same sentence on every route; an input
(file, stdin, web page) is never read past its byte limit."""

from __future__ import annotations

import io
import json

import pytest

from claims.read.article import MAX_ARTICLE_CHARS, ArticleDraft, ReadFailure
from claims.read.inputs import ReadOptions, read_inputs
from tests.claims.pages import serve

LIMIT_SENTENCE = f"one article may hold at most {MAX_ARTICLE_CHARS:,}"


def article(chars: int) -> str:
    """A title line and a body of ``chars`` characters in all."""
    head = "A long report\n\n"
    sentence = "The council said the river rose 2 metres. "
    body = (sentence * (chars // len(sentence) + 1))[: chars - len(head)]
    return head + body


def only(items):
    (item,) = list(items)
    return item


@pytest.mark.parametrize("route", ["file", "stdin", "feed", "html", "url"])
def test_an_article_over_the_limit_is_refused_with_one_sentence_on_every_route(tmp_path, route):
    text = article(MAX_ARTICLE_CHARS + 1000)
    if route == "stdin":
        result = only(read_inputs(["-"], stdin=io.BytesIO(text.encode())))
    elif route == "url":
        html = f"<html><head><title>A long report</title></head><body><article><p>{text}</p></article></body></html>"
        with serve({"/long": (200, "text/html; charset=utf-8", html.encode(), {})}) as site:
            result = only(read_inputs([f"{site}/long"]))
    else:
        name, content = {
            "file": ("long.txt", text),
            "feed": ("feed.jsonl", json.dumps({"title": "A long report", "text": text})),
            "html": ("long.html", f"<html><body><article><p>{text}</p></article></body></html>"),
        }[route]
        (tmp_path / name).write_text(content, encoding="utf-8")
        result = only(read_inputs([str(tmp_path / name)]))
    assert isinstance(result, ReadFailure)
    assert LIMIT_SENTENCE in result.reason and "characters long" in result.reason


def test_the_largest_accepted_article_is_read_whole(tmp_path):
    (tmp_path / "big.txt").write_text(article(MAX_ARTICLE_CHARS), encoding="utf-8")
    draft = only(read_inputs([str(tmp_path / "big.txt")]))
    assert isinstance(draft, ArticleDraft) and draft.title == "A long report"
    assert len(draft.text) == MAX_ARTICLE_CHARS - len("A long report\n\n")


class EndlessStream(io.RawIOBase):
    """A pipe that never ends (``yes | claimdesk load -``); counts what was taken from it."""

    def __init__(self):
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.served > 10_000_000:
            raise AssertionError("read on without bound")
        buffer[:] = b"y" * len(buffer)
        self.served += len(buffer)
        return len(buffer)


def test_stdin_is_read_only_to_its_limit_then_refused():
    stream = EndlessStream()
    failure = only(read_inputs(["-"], ReadOptions(max_bytes=1_000_000), stdin=io.BufferedReader(stream)))
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "<stdin> is larger than 0.953674 MB, the limit for one input."
    assert stream.served <= 1_000_001 + io.DEFAULT_BUFFER_SIZE


def test_a_file_over_the_input_limit_is_refused_without_being_read_whole(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"words " * 400_000)
    failure = only(read_inputs([str(path)], ReadOptions(max_bytes=1024 * 1024)))
    assert failure.reason == f"{path} is larger than 1 MB, the limit for one input."


@pytest.mark.parametrize("route", ["file", "stdin", "feed"])
def test_a_web_page_over_the_page_limit_is_refused_before_it_is_parsed(tmp_path, route):
    from claims.read.html import MAX_PAGE_BYTES

    page = "<html><body><article>" + "<p>The same line again.</p>\n" * (MAX_PAGE_BYTES // 28 + 10) + "</article>"
    if route == "stdin":
        result = only(read_inputs(["-"], stdin=io.BytesIO(page.encode())))
    else:
        name, content = ("big.html", page) if route == "file" else ("f.jsonl", json.dumps({"title": "T",
                                                                                             "text": page}))
        (tmp_path / name).write_text(content, encoding="utf-8")
        result = only(read_inputs([str(tmp_path / name)]))
    assert isinstance(result, ReadFailure) and "a page may be at most 5 MB" in result.reason
