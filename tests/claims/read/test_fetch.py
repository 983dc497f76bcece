"""Fetching web pages from a local server on 127.0.0.1: pages, redirects, and a clear error for each failure."""

from __future__ import annotations

import pytest

from claims.read.article import ReadFailure
from claims.read.fetch import fetch
from claims.read.inputs import ReadOptions, read_inputs
from store.clean_text import UnreadableText
from tests.claims.pages import serve


@pytest.fixture(scope="module")
def site():
    with serve() as base:
        yield base


def test_a_page_is_fetched_and_read_as_an_article(site):
    (draft,) = read_inputs([f"{site}/news/dam-costs"])
    assert draft.title == "Dam costs rise to 4.2 billion crowns"
    assert draft.url == "https://gazette.example/news/dam-costs"  # the page's canonical URL
    assert "Subscribe" not in draft.text and "scam" not in draft.text
    assert draft.text.startswith("PORT ELLIS, March 4 (Harbour Wire)")


def test_a_redirect_is_followed_and_the_final_address_kept(site):
    (draft,) = read_inputs([f"{site}/old-address"])
    assert draft.title == "Rail fares to rise in June"
    assert draft.url == f"{site}/rail"


def test_plain_text_from_the_web_is_read_like_a_text_file(site):
    (draft,) = read_inputs([f"{site}/plain.txt"])
    assert (draft.title, draft.url) == ("Ferry strike ends", f"{site}/plain.txt")


@pytest.mark.parametrize(
    ("path", "says"),
    [
        pytest.param("/missing", "404", id="not-found"),
        pytest.param("/report.pdf", "application/pdf, not a web page", id="wrong-type"),
        pytest.param("/huge", "limit", id="too-large"),
        pytest.param("/loop", "redirects", id="redirect-loop"),
    ],
)
def test_each_failed_url_gets_one_clear_line_and_the_others_still_load(site, path, says):
    results = list(read_inputs([f"{site}{path}", f"{site}/rail"], ReadOptions(max_bytes=100_000)))
    failure, page = results
    assert isinstance(failure, ReadFailure) and says in failure.reason and path in failure.reason
    assert "\n" not in failure.reason
    assert page.title == "Rail fares to rise in June"


def test_a_server_that_does_not_answer_in_time_is_a_timeout(site):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never answers
    try:
        with pytest.raises(UnreadableText, match="no answer within 0.3 s"):
            fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/slow", timeout=0.3)
    finally:
        listener.close()


def test_a_closed_port_is_a_connection_error():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(UnreadableText, match="cannot connect"):
        fetch(f"http://127.0.0.1:{port}/", timeout=2)
