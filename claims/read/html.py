"""Reading a web page into a draft: the main text (no navigation, ads or comments) and the page's metadata.

The extraction is trafilatura's (imported here, on first use only, so the review app never loads it).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from claims.read.article import ArticleDraft, draft_from_body
from store.clean_text import UnreadableText, check_bytes, clean, clean_field, strip_escapes

MIN_TEXT_CHARS = 40
# A page's markup is read whole by trafilatura, whose time grows faster than the page on repetitive markup (19 MB of
# one repeated paragraph: ~10 min; 5 MB of ordinary paragraphs: 8 s). Pages larger than this are refused.
MAX_PAGE_BYTES = 5 * 1024 * 1024
# The published date from the page's markup only (meta tags, <time>, JSON-LD, the URL, a dated byline): the
# extensive search would take a copyright year or a year in the text for a date ("2020" -> 2020-01-01).
_DATE_SEARCH = {"original_date": True, "extensive_search": False}


def read_html(data: bytes | str, origin: str, source: str | None = None, url: str | None = None) -> ArticleDraft:
    """The article in an HTML page. ``url`` is where it was fetched from (the canonical URL wins when given)."""
    if isinstance(data, bytes):
        check_bytes(data, origin)
    check_page_size(data, origin)
    document = _extract(data, url)
    body = clean(document.text or "") if document is not None else ""
    if len(body.strip()) < MIN_TEXT_CHARS:
        raise UnreadableText(f"{origin}: no article text found in the page.")
    title = clean_field(document.title)
    draft = draft_from_body(_paragraphs(_drop_title(body, title)), origin, source, title)
    return replace(
        draft,
        source=source or clean_field(document.sitename) or draft.source,
        url=clean_field(document.url, 2000) or url,
        published=clean_field(document.date),
        author=clean_field(document.author),
    )


def html_to_text(html: str, origin: str = "the page") -> str:
    """Only the main text of an HTML fragment or page (for feeds whose body field holds HTML)."""
    check_page_size(html, origin)
    document = _extract(html, None)
    return _paragraphs(clean(document.text or "")) if document is not None else ""


def check_page_size(data: bytes | str, origin: str) -> None:
    """Refuse a page over :data:`MAX_PAGE_BYTES` (characters for text already decoded)."""
    if len(data) > MAX_PAGE_BYTES:
        raise UnreadableText(f"{origin}: the web page is {len(data) / (1024 * 1024):.1f} MB; a page may be at most "
                             f"{MAX_PAGE_BYTES // (1024 * 1024)} MB.")


def _extract(data: bytes | str, url: str | None) -> Any:
    import trafilatura  # heavy (lxml and its parsers): loaded on the first page read, never by the review app

    try:
        return trafilatura.bare_extraction(
            strip_escapes(data), url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, favor_precision=True, deduplicate=False, date_extraction_params=_DATE_SEARCH,
        )
    except Exception as error:  # the library's parsers raise many types on broken pages
        raise UnreadableText(f"cannot read the page: {type(error).__name__}.") from error


def _drop_title(body: str, title: str | None) -> str:
    """The page's heading repeats the title: keep it out of the body (and so out of the claims)."""
    first, _, rest = body.lstrip().partition("\n")
    if title and " ".join(first.split()).casefold() == title.casefold() and rest.strip():
        return rest
    return body


def _paragraphs(body: str) -> str:
    """One blank line between paragraphs, as in the text files."""
    lines = [line.strip() for line in body.splitlines()]
    return "\n\n".join(line for line in lines if line)
