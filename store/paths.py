"""Where the database lives: ``--db``, else ``$CLAIMDESK_DB``, else the config file's ``db``, else the user's data
folder; where exports go.

`database_location` takes what the user gave and returns a store.location Location: a SQLite file path or a
PostgreSQL URL (``postgresql://`` / ``postgres://``, kept as given). Any other URL scheme is refused with one
sentence, and nothing is created for it. Only the default location's folder is made when needed
(`prepare_default_folder`); a folder the user named is never created.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

from store.location import Location, SqliteLocation, parse_location

APP_NAME = "claimdesk"
ENV_DB = "CLAIMDESK_DB"


def data_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "claimdesk.db"


def database_location(given: str | None, configured: str | None = None) -> Location:
    """The archive named by ``given`` (``--db``), else ``$CLAIMDESK_DB``, else ``configured`` (the config file's
    ``db``), else the default file; StoreError (nothing created) for a URL of an unknown scheme."""
    for text in (given, os.environ.get(ENV_DB), configured):
        if text:
            return parse_location(text)
    return SqliteLocation(data_db_path())


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
