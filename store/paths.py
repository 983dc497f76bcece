"""Where the database lives when no path is given."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "claimdesk"
ENV_DB = "CLAIMDESK_DB"


def default_db_path() -> Path:
    """``$CLAIMDESK_DB``, else ``claimdesk.db`` in the user's data directory."""
    if env := os.environ.get(ENV_DB):
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "claimdesk.db"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))
