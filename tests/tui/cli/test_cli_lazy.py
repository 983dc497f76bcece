"""`claimdesk` imports a command's module only when that command runs (tui.cli.lazy_group), yet `claimdesk --help`
lists every command with the short help it always had, and a mistyped command still gets "Did you mean …?"."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

import tui.cli
from store import Store
from tui.cli.main import COMMANDS, main

COMMAND_MODULES = {lazy.module for lazy in COMMANDS.values()}
CHILD = """
import sys
from tui.cli.main import main
code = main(sys.argv[1:], prog_name="claimdesk", standalone_mode=False)
print("MODULES", *sorted(m for m in sys.modules if m.startswith("tui.cli.")))
"""


def commands_section(output: str) -> str:
    return output[output.index("Commands:"):]


def defined_commands() -> dict[str, click.Command]:
    """Every click command defined in a module of tui.cli, by the name it is run by."""
    found = {}
    for info in pkgutil.iter_modules(tui.cli.__path__):
        module = importlib.import_module(f"tui.cli.{info.name}")
        for value in vars(module).values():
            if isinstance(value, click.Command) and value is not main and value.callback.__module__ == module.__name__:
                found[value.name] = value
    return found


def test_every_command_defined_can_be_run_by_its_name():
    ctx = click.Context(main)
    defined = defined_commands()
    assert sorted(defined) == main.list_commands(ctx)
    assert all(main.get_command(ctx, name) is command for name, command in defined.items())


@pytest.mark.parametrize("width", [50, 60, 80, 120])
def test_help_lists_every_command_as_its_own_help_would(width):
    """The listing is the one click prints with every command loaded, at any terminal width."""
    ctx = click.Context(main)
    eager = click.Group("claimdesk", commands={name: main.get_command(ctx, name) for name in main.list_commands(ctx)})
    shown = CliRunner().invoke(main, ["--help"], terminal_width=width)
    expected = CliRunner().invoke(eager, ["--help"], terminal_width=width)
    assert shown.exit_code == 0
    assert commands_section(shown.output) == commands_section(expected.output)
    listed = [line.split()[0] for line in commands_section(shown.output).splitlines()[1:]]
    assert listed == sorted(defined_commands())


def test_a_mistyped_command_is_named_with_a_suggestion():
    result = CliRunner().invoke(main, ["stat"])
    assert result.exit_code == 2
    assert "No such command 'stat'. Did you mean 'stats'?" in result.output


def run_claimdesk(*args: str, tmp_path) -> tuple[str, set[str]]:
    env = {**os.environ, "CLAIMDESK_CONFIG": str(tmp_path / "none.toml"), "CLAIMDESK_REVIEWER": "ana"}
    done = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    out, _, modules = done.stdout.rpartition("MODULES")
    return out, set(modules.split())


def test_a_command_imports_no_other_command_module(tmp_path):
    db = tmp_path / "empty.db"
    Store(db).close()
    out, loaded = run_claimdesk("--db", str(db), "stats", tmp_path=tmp_path)
    assert "reviewer  verdicts" in out  # the command ran: its table is printed
    assert loaded & COMMAND_MODULES == {"tui.cli.team"}


def test_help_imports_no_command_module(tmp_path):
    out, loaded = run_claimdesk("--help", tmp_path=tmp_path)
    assert "train-detector" in out and "stats" in out
    assert loaded & COMMAND_MODULES == set()
