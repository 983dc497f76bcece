"""Who the reviewer is and what the user configured: flags, environment, then the TOML config file."""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from store.paths import config_dir

ENV_REVIEWER = "CLAIMDESK_REVIEWER"


def config_path() -> Path:
    return Path(os.environ.get("CLAIMDESK_CONFIG") or config_dir() / "config.toml")


@dataclass(frozen=True)
class Settings:
    reviewer: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    theme: str | None = None


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file gives the defaults, a broken one a one-line error."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"cannot read the config file {path}: {error}") from error
    return Settings(
        reviewer=data.get("reviewer"),
        keys={str(k): str(v) for k, v in data.get("keys", {}).items()},
        theme=data.get("theme"),
    )


def resolve_reviewer(flag: str | None, settings: Settings | None = None) -> str:
    """``--reviewer``, else ``$CLAIMDESK_REVIEWER``, else the config file, else the login name."""
    if flag:
        return flag
    if env := os.environ.get(ENV_REVIEWER):
        return env
    settings = settings or load_settings()
    if settings.reviewer:
        return settings.reviewer
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
