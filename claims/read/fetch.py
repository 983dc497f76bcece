"""Fetching web pages: a real HTTP client with timeouts, redirects, a size limit and a content-type check.

Every failure is an :class:`UnreadableText` whose message names the URL and says what went wrong in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from store.clean_text import MAX_BYTES, UnreadableText

TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")
USER_AGENT = "claimdesk/0.1 (news article loader for fact-checkers)"


@dataclass(frozen=True)
class Page:
    """What a URL returned: where it ended up (after redirects), its media type and its body."""

    url: str
    final_url: str
    media_type: str
    body: bytes
    encoding: str | None

    @property
    def is_html(self) -> bool:
        return self.media_type in HTML_TYPES


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES, client: Any = None) -> Page:
    """GET ``url``; follow up to :data:`MAX_REDIRECTS` redirects; refuse non-text answers and oversize bodies."""
    import httpx  # the web client loads on the first fetch only: the review app imports this module without it

    own = client is None
    client = client or new_client(timeout)
    try:
        return _get(client, url, max_bytes)
    except httpx.TimeoutException as error:
        raise UnreadableText(f"{url}: no answer within {timeout:g} s.") from error
    except httpx.TooManyRedirects as error:
        raise UnreadableText(f"{url}: more than {MAX_REDIRECTS} redirects.") from error
    except httpx.InvalidURL as error:
        raise UnreadableText(f"{url}: not a valid URL ({error}).") from error
    except httpx.HTTPError as error:
        raise UnreadableText(f"{url}: cannot connect ({_reason(error)}).") from error
    finally:
        if own:
            client.close()


def new_client(timeout: float = TIMEOUT_S) -> Any:
    """An httpx client to share across fetches (connection reuse)."""
    import httpx  # heavy web client: loaded on the first fetch only (the review app never needs it)

    return httpx.Client(
        timeout=httpx.Timeout(timeout), follow_redirects=True, max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8"},
    )


def _get(client: Any, url: str, max_bytes: int) -> Page:
    with client.stream("GET", url) as response:
        if response.status_code >= 400:
            raise UnreadableText(f"{url}: the server answered {response.status_code} {response.reason_phrase}.")
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type and media_type not in HTML_TYPES + TEXT_TYPES:
            raise UnreadableText(f"{url}: is {media_type}, not a web page or text.")
        declared = int(response.headers.get("content-length") or 0)
        if declared > max_bytes:
            raise UnreadableText(f"{url}: is {_mb(declared)}; the limit is {_mb(max_bytes)}.")
        body = _read_limited(response, url, max_bytes)
        return Page(url, str(response.url), media_type or "text/html", body, response.charset_encoding)


def _read_limited(response: Any, url: str, max_bytes: int) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise UnreadableText(f"{url}: is larger than {_mb(max_bytes)}, the limit.")
        chunks.append(chunk)
    return b"".join(chunks)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 120 else text[:119] + "…"
