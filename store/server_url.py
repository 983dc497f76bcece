"""A PostgreSQL archive's URL: telling one from a file's path, and showing it without its password.

No psycopg here: a SQLite desk imports this and never loads the server driver.
"""

from __future__ import annotations

import re

_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*):[^@\s]*@", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with the password of any postgresql:// URL in it left out."""
    return _PASSWORD.sub(r"\1@", text)


SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: object) -> bool:
    """Whether ``location`` names an archive on a PostgreSQL server (else it is a SQLite file's path)."""
    return isinstance(location, str) and location.lower().startswith(SERVER_SCHEMES)
