"""Every test keeps persisted match indexes (and the record of checked databases) in its own temporary folders,
never in the user's cache. A PostgreSQL server for the tests that need one (tests/postgres_server.py): ``pg_url``
(the session's database) and ``pg_db_url`` (a fresh empty database per test); without a server those tests are
skipped with the reason, and under ``CI=true`` such a skip is a failure. The sentence encoder, loaded once per
session (``encoder``)."""

from __future__ import annotations

import contextlib
import itertools

import pytest

from claims.match.encoder import Encoder, shared_encoder
from tests.postgres_server import UNAVAILABLE, Unavailable, ci, fresh_database, server_url

_PG_FIXTURES = {"pg_url", "pg_db_url"}
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _own_index_folder(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CLAIMDESK_INDEX_DIR", str(tmp_path_factory.mktemp("match-index")))
    monkeypatch.setenv("CLAIMDESK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """The sentence encoder claimdesk ships, shared by the whole session (loaded once, on its first encode): the
    same one every load and import of the test process uses."""
    shared = shared_encoder()
    assert shared is not None, "the sentence encoder (claims/match/data/minilm) is missing"
    return shared


@pytest.fixture(scope="session")
def pg_url():
    """The URL of a database on a PostgreSQL server (CI's, else a throwaway one started for the session)."""
    try:
        with server_url() as url:
            yield url
    except Unavailable as reason:
        pytest.skip(f"{UNAVAILABLE}: {reason}")


@pytest.fixture
def pg_db_url(pg_url):
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    with fresh_database(pg_url) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend_db(request, tmp_path) -> str:
    """Where a test's archive lives, once per backend (what --db takes): a new SQLite file's path, or the URL of a
    fresh, empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.db")
    return request.getfixturevalue("pg_db_url")


@pytest.fixture
def new_archive(request, tmp_path):
    """A factory: ``new_archive("sqlite" | "postgres")`` gives where a new, empty archive goes on that backend
    (a SQLite file's path, or the URL of a fresh PostgreSQL database, dropped after the test)."""
    made = contextlib.ExitStack()
    count = itertools.count(1)

    def make(kind: str) -> str:
        if kind == "sqlite":
            return str(tmp_path / f"archive-{next(count)}.db")
        return made.enter_context(fresh_database(request.getfixturevalue("pg_url")))

    with made:
        yield make


def pytest_collection_modifyitems(items):
    """A test using a PostgreSQL fixture carries the ``postgres`` marker (``-m "not postgres"`` leaves them out)."""
    for item in items:
        if _PG_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Under ``CI=true`` a PostgreSQL test skipped for want of a server fails: CI must run them all."""
    report = yield
    needs_server = item.get_closest_marker("postgres") or UNAVAILABLE in _reason(report)
    if report.skipped and ci() and not hasattr(report, "wasxfail") and needs_server:
        report.outcome = "failed"
        report.longrepr = f"CI=true and a PostgreSQL test was skipped: {_reason(report)}"
    return report


def _reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr or "")
