"""Where the database lives: ``--db`` / ``$CLAIMDESK_DB`` checked, else the user's data folder; where exports go.

`database_location` takes what the user gave: a SQLite file path. A URL is refused with one sentence (a
``postgresql://`` URL names a backend this version does not have; any other scheme is unknown), and nothing is
created for it. Only the default location's folder is made when needed (`prepare_default_folder`).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

import platformdirs

from store.errors import StoreError

APP_NAME = "claimdesk"
ENV_DB = "CLAIMDESK_DB"
POSTGRES_SCHEMES = ("postgresql", "postgres")
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")


def default_db_path() -> Path:
    """``$CLAIMDESK_DB``, else ``claimdesk.db`` in the user's data directory."""
    if env := os.environ.get(ENV_DB):
        return Path(env).expanduser()
    return data_db_path()


def data_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "claimdesk.db"


def database_location(given: str | None) -> Path:
    """The SQLite file named by ``given`` (else ``$CLAIMDESK_DB``, else the default); StoreError for a URL."""
    text = given if given is not None else os.environ.get(ENV_DB)
    if not text:
        return data_db_path()
    if match := _URL.match(text):
        scheme = match.group(1).lower()
        if scheme in POSTGRES_SCHEMES:
            raise StoreError("the PostgreSQL backend is not available in this version of claimdesk; give a SQLite "
                             "database file instead (nothing was created).")
        raise StoreError(f"claimdesk cannot use a {scheme}:// URL as its database; give a SQLite database file "
                         "(nothing was created).")
    return Path(text).expanduser()


def is_default(path: Path) -> bool:
    return path == data_db_path()


def prepare_default_folder(path: Path) -> None:
    """Make the user's data folder for the default database (never a folder the user named)."""
    if is_default(path):
        path.parent.mkdir(parents=True, exist_ok=True)


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def default_export_dir() -> Path:
    """Where an export goes when no file is named: the user's documents folder if there is one, else their data
    folder (never the current directory, which may be a checkout)."""
    documents = Path(platformdirs.user_documents_dir())
    if documents.is_dir() and documents != Path.home():
        return documents
    folder = Path(platformdirs.user_data_dir(APP_NAME)) / "exports"
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    return folder
