"""A small review database built through the store (no spaCy needed), and the app on it."""

from __future__ import annotations

import pytest

from store import NewClaim, Store, content_hash
from tests.conftest import BACKENDS

FIRST = (
    "PORT ELLIS, May 2 (Harbour Wire) - The flood forced 6,000 people from their homes, the interior ministry "
    "said. The dam will cost 4.2 billion crowns, according to the finance ministry. It was a grey morning."
)
SECOND = (
    "CALDER, May 9 (Northline News) - The flood forced 60,000 people from their homes, the governor said. "
    "According to the finance ministry, the dam will cost 4.2 billion crowns. Markets were quiet [bold]today[/]."
)
CLOCK = "2026-05-10T09:00:00Z"


def sentences(text: str) -> list[NewClaim]:
    claims, start = [], text.index(" - ") + 3
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        claims.append(NewClaim(text[start:end], start, end, 0.8, "quantity", "the ministry", "said"))
        start = end + 1
    return claims


def build(store: Store) -> None:
    ids = []
    for title, text in (("Flood displaces thousands", FIRST), ("Governor revises flood count", SECOND)):
        with store.transaction():
            article_id = store.insert_article(title, text, content_hash(text), title.split()[0] + " Wire")
            ids.append(store.insert_claims(article_id, sentences(text)[:2]))
    with store.transaction():
        store.insert_link(ids[1][0], ids[0][0], 88.0, "related")
        store.insert_link(ids[1][1], ids[0][1], 96.0, "same")
    store.decide(ids[0][0], "verified", "ana", "Ministry figures confirm 6,000")


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch):
    """The tests never read the config file of whoever runs them."""
    monkeypatch.setenv("CLAIMDESK_CONFIG", "/nonexistent/claimdesk/config.toml")
    monkeypatch.delenv("CLAIMDESK_REVIEWER", raising=False)


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "review.db"
    with Store(path, clock=lambda: CLOCK) as store:
        build(store)
    return path


@pytest.fixture(params=BACKENDS)
def review_archive(request, tmp_path):
    """The same small review archive on each backend: a SQLite file's path, then a PostgreSQL database's URL (a
    module runs its tests on both by defining ``db_path`` as this)."""
    location = str(tmp_path / "review.db") if request.param == "sqlite" else request.getfixturevalue("pg_db_url")
    with Store(location, clock=lambda: CLOCK) as store:
        build(store)
    return location


@pytest.fixture
def make_app(db_path):
    from tui.app import ClaimdeskApp

    def factory(**kwargs):
        return ClaimdeskApp(db_path=db_path, reviewer="tester", clock=lambda: CLOCK, **kwargs)

    return factory


@pytest.fixture
def runner(tmp_path, monkeypatch):
    """A CLI runner with no user config and a fixed reviewer (modules needing another environment override it)."""
    from click.testing import CliRunner

    monkeypatch.setenv("CLAIMDESK_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("CLAIMDESK_REVIEWER", "tester")
    return CliRunner()
