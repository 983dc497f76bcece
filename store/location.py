"""What ``--db`` / ``$CLAIMDESK_DB`` / the config file's ``db`` name: a SQLite file or a PostgreSQL URL.

`parse_location` tells them apart: a ``postgresql://`` or ``postgres://`` URL is a PostgreSQL archive, any other
``scheme://`` is refused with one sentence (nothing is created for it), anything else is a SQLite file path.

A URL is kept exactly as given and handed to psycopg unchanged, so libpq's own ways of finding a password and
the rest keep working (``PGPASSWORD``, ``~/.pgpass``, ``PGSERVICE``, ``?sslmode=…``). Only its display is
changed: `redact` removes the password (from the user part and from a ``password=`` parameter), and every message,
log line or export names a PostgreSQL archive through it (`PostgresLocation.display`, `str()`, `repr()`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from store.errors import StoreError

POSTGRES_SCHEMES = ("postgresql", "postgres")
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_PARTS = re.compile(r"^(?P<scheme>[^:]+://)(?P<netloc>[^/?#]*)(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?(?P<rest>#.*)?$",
                    re.DOTALL)


@dataclass(frozen=True)
class SqliteLocation:
    """An archive in one SQLite file (embedded; the default)."""

    path: Path

    @property
    def display(self) -> str:
        return str(self.path)

    @property
    def target(self) -> Path:
        """What the store opens."""
        return self.path

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True)
class PostgresLocation:
    """An archive in a PostgreSQL database, named by a libpq URL (kept as given, password and all)."""

    url: str = field(repr=False)

    @property
    def display(self) -> str:
        """The URL without its password: the only form ever shown."""
        return redact(self.url)

    @property
    def target(self) -> str:
        """What the store opens: the URL unchanged."""
        return self.url

    def __str__(self) -> str:
        return self.display

    def __repr__(self) -> str:
        return f"PostgresLocation({self.display!r})"


Location = SqliteLocation | PostgresLocation


def is_server_url(location: object) -> bool:
    """Whether ``location`` (as the store is given it) names a PostgreSQL archive, not a SQLite file."""
    return isinstance(location, str) and bool(_URL.match(location)) and location.split(":", 1)[0].lower() in \
        POSTGRES_SCHEMES


def parse_location(text: str) -> Location:
    """The archive ``text`` names; StoreError (one sentence, nothing created) for a URL of any other scheme."""
    if match := _URL.match(text):
        scheme = match.group(1).lower()
        if scheme in POSTGRES_SCHEMES:
            return PostgresLocation(text)
        raise StoreError(f"claimdesk cannot use a {scheme}:// URL as its database ({redact(text)}); give a SQLite "
                         "database file or a postgresql:// URL (nothing was created).")
    if not text.strip():
        raise StoreError("the database location is empty; give a SQLite database file or a postgresql:// URL.")
    return SqliteLocation(Path(text).expanduser())


def redact(url: str) -> str:
    """``url`` without its password: ``postgresql://ana:secret@host/db?password=x`` -> ``postgresql://ana@host/db``.
    Text that is not a URL is returned as it is."""
    parts = _PARTS.match(url)
    if not parts:
        return url
    netloc = parts["netloc"]
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}@{hosts}" if user else hosts
    query = parts["query"]
    if query is not None:
        kept = [item for item in query.split("&") if unquote(item.split("=", 1)[0]).strip().lower() != "password"]
        query = "&".join(kept)
    shown = parts["scheme"] + netloc + parts["path"]
    if query:
        shown += "?" + query
    return shown + (parts["rest"] or "")


def passwords(url: str) -> list[str]:
    """The password(s) written in ``url`` (as written and percent-decoded), longest first: what `scrub` hides."""
    parts = _PARTS.match(url)
    if not parts:
        return []
    found: set[str] = set()
    userinfo = parts["netloc"].rpartition("@")[0]
    if ":" in userinfo:
        found.add(userinfo.split(":", 1)[1])
    for item in (parts["query"] or "").split("&"):
        key, _, value = item.partition("=")
        if unquote(key).strip().lower() == "password":
            found.add(value)
    found |= {unquote(secret) for secret in found}
    return sorted((secret for secret in found if secret), key=len, reverse=True)


def scrub(message: str, url: str) -> str:
    """``message`` (an error from a driver or the store) with ``url`` shown redacted and its password removed
    wherever it appears."""
    message = message.replace(url, redact(url))
    for secret in passwords(url):
        message = message.replace(secret, "***")
    return message
