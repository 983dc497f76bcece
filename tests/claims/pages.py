"""Invented web pages and a tiny HTTP server on 127.0.0.1 (random port) that serves them, for the loading tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_PAGE = """<!DOCTYPE html><html><head><title>Dam costs rise | The Harbour Gazette</title>
<link rel="canonical" href="https://gazette.example/news/dam-costs">
<meta name="author" content="Mira Tolland"><meta property="og:site_name" content="The Harbour Gazette">
<meta property="article:published_time" content="2026-03-04T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/subscribe">Subscribe now</a></nav>
<div class="advert">Buy cheap boats today! Best offers in Port Ellis!</div>
<article><h1>Dam costs rise to 4.2 billion crowns</h1>
<p>PORT ELLIS, March 4 (Harbour Wire) - The new dam will cost 4.2 billion crowns, the finance ministry said on
Tuesday, up from an estimate of 3.1 billion crowns last year.</p>
<p>The interior ministry said 6,000 people were moved from the river district during the spring floods, and that
1,200 of them have not returned to their homes.</p>
<p>Governor Mara Lind told reporters the barrier would be finished by 2029. Critics said the timetable was
unrealistic given the delays so far.</p></article>
<section id="comments" class="comments"><h3>Comments</h3>
<p>Great article!! I think the governor is lying about everything and the dam is a scam.</p></section>
<footer>Copyright 2026 The Harbour Gazette. All rights reserved.</footer></body></html>"""

SECOND_PAGE = """<html><head><title>Rail fares</title></head><body><main><article><h1>Rail fares to rise in June</h1>
<p>Fares on the coastal line will rise by 7 percent in June, the rail operator Nordbahn said on Monday.</p>
<p>The transport ministry said 14 million journeys were made on the line last year, a record.</p>
</article></main></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        status, kind, body, headers = self.routes.get(self.path, (404, "text/plain", b"not here", {}))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def default_routes() -> dict[str, tuple[int, str, bytes, dict[str, str]]]:
    html = "text/html; charset=utf-8"
    return {
        "/news/dam-costs": (200, html, ARTICLE_PAGE.encode(), {}),
        "/rail": (200, html, SECOND_PAGE.encode(), {}),
        "/old-address": (301, html, b"", {"Location": "/rail"}),
        "/report.pdf": (200, "application/pdf", b"%PDF-1.4 invented", {}),
        "/huge": (200, html, b"<html><body>" + b"<p>word </p>" * 20000 + b"</body></html>", {}),
        "/loop": (302, html, b"", {"Location": "/loop"}),
        "/plain.txt": (200, "text/plain; charset=utf-8",
                       b"Ferry strike ends\n\nThe ferry workers' union said the strike had ended after 9 days.", {}),
    }


@contextmanager
def serve(routes: dict | None = None) -> Iterator[str]:
    """Serve ``routes`` on 127.0.0.1 at a random port; yields the base URL."""
    handler = type("Handler", (_Handler,), {"routes": routes or default_routes()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
