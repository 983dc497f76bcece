"""Who the reviewer is and what the user configured: flags, environment, then the TOML config file.

config.toml (in the user config directory, or $CLAIMDESK_CONFIG):

    reviewer = "Ana Ruiz"
    db = "postgresql://ana@archive.example/claims"  # or a SQLite file; --db and $CLAIMDESK_DB come first
    theme = "gruvbox"          # any Textual theme name
    auto_advance = true        # a verdict moves on to the next pending claim
    organisation = "Harbour Checks"                      # ClaimReview author (claimdesk export)
    review_url = "https://checks.example/c/{claim_id}"   # ClaimReview url of each review
    second_review = true       # a verdict awaits a second reviewer's sign-off (confirm or reopen)

    [keys]                     # binding id = keys (comma-separated); ids are listed by ? in the app
    "verdict.verified" = "1"
    "verdict.disputed" = "2"
"""

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
    auto_advance: bool = True
    organisation: str | None = None  # the fact-checking organisation (ClaimReview author)
    review_url: str | None = None  # ClaimReview url template, e.g. "https://example.org/checks/{claim_id}"
    second_review: bool = False  # every verdict awaits a second reviewer's sign-off (the team workflow)
    db: str | None = None  # the archive: a SQLite file or a postgresql:// URL (after --db and $CLAIMDESK_DB)


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file gives the defaults, a broken one a one-line error."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"cannot read the config file {path}: {error}") from error
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise ValueError(f"cannot read the config file {path}: [keys] must be a table of id = \"keys\".")
    return Settings(
        reviewer=data.get("reviewer"),
        keys={str(k): str(v) for k, v in keys.items()},
        theme=data.get("theme"),
        auto_advance=bool(data.get("auto_advance", True)),
        organisation=data.get("organisation"),
        review_url=data.get("review_url"),
        second_review=_flag(data, "second_review", path),
        db=_text(data.get("db"), "db", path),
    )


def _flag(data: dict, key: str, path: Path) -> bool:
    """A true/false key; anything else is a one-line error (a typo must not silently switch a rule off)."""
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"cannot read the config file {path}: {key} must be true or false, not {value!r}.")
    return value


def _text(value: object, key: str, path: Path) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"cannot read the config file {path}: {key} must be a quoted text.")


def settings_or_defaults(path: Path | None = None) -> tuple[Settings, str | None]:
    """The config file's settings, or the defaults and one sentence saying why the file could not be used."""
    try:
        return load_settings(path), None
    except ValueError as error:
        return Settings(), f"{error} The defaults are used instead."


def resolve_reviewer(flag: str | None, settings: Settings | None = None) -> str:
    """``--reviewer``, else ``$CLAIMDESK_REVIEWER``, else the config file, else the login name."""
    if flag:
        return flag
    if env := os.environ.get(ENV_REVIEWER):
        return env
    settings = settings or settings_or_defaults()[0]  # a broken file is reported by the caller, once
    if settings.reviewer:
        return settings.reviewer
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
