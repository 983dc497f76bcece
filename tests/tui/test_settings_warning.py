"""A broken config file is never passed over in silence: the CLI warns once on stderr (and records under the
reviewer it can find), the app says so on screen."""

from __future__ import annotations

import getpass

from click.testing import CliRunner

from tui.cli.main import main
from tui.settings import Settings, settings_or_defaults


def test_a_broken_config_gives_the_defaults_and_why(tmp_path):
    broken = tmp_path / "config.toml"
    broken.write_text('reviewer = "Ana\n', encoding="utf-8")
    settings, problem = settings_or_defaults(broken)
    assert settings == Settings()
    assert problem.startswith(f"cannot read the config file {broken}") and "defaults" in problem


def test_mark_with_a_broken_config_warns_once_on_stderr(db_path, tmp_path, monkeypatch):
    broken = tmp_path / "config.toml"
    broken.write_text("reviewer = [\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(broken))
    result = CliRunner().invoke(main, ["--db", str(db_path), "mark", "2", "verified"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Warning: cannot read the config file") == 1
    assert getpass.getuser() in result.output or "verified" in result.output


def test_a_sound_config_gives_no_warning(db_path, tmp_path, monkeypatch):
    sound = tmp_path / "config.toml"
    sound.write_text('reviewer = "Ana"\n', encoding="utf-8")
    monkeypatch.setenv("CLAIMDESK_CONFIG", str(sound))
    result = CliRunner().invoke(main, ["--db", str(db_path), "mark", "2", "verified"])
    assert result.exit_code == 0 and "Warning" not in result.stderr
