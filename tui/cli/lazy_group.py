"""A click group that imports a command's module only when that command runs (click's "lazy loading
subcommands" pattern): `claimdesk stats` never pays for spaCy, the loaders or the copier.

Each command is named by where it lives ("module:attribute") and the first sentence of its help, which is what
`claimdesk --help` lists, so the group's help imports no command module either. tests/tui/cli/test_cli_lazy.py
checks that every summary reads as the command's own help would, and that every command is in the table.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass

import click


@dataclass(frozen=True)
class LazyCommand:
    """Where a command is defined ("package.module:attribute") and the first sentence of its help."""

    target: str
    summary: str

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def load(self) -> click.Command:
        module, _, attribute = self.target.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.target} is not a click command.")
        return command

    def stand_in(self, name: str) -> click.Command:
        """A bare command with the same short help, for listing without importing."""
        return click.Command(name, help=self.summary)


class LazyGroup(click.Group):
    """A group whose commands, given as ``lazy_commands`` (name -> LazyCommand), load when they are run."""

    def __init__(self, *args, lazy_commands: Mapping[str, LazyCommand] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        lazy = self.lazy_commands.get(cmd_name)
        return lazy.load() if lazy is not None else super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """As click's, but "Did you mean …?" for a mistyped command also offers the commands not loaded yet."""
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchCommand as missing:
            raise click.NoSuchCommand(missing.command_name, possibilities=self.list_commands(ctx), ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, with each command not loaded described by its summary: --help imports no command."""
        listed = [(name, self._described(ctx, name)) for name in self.list_commands(ctx)]
        listed = [(name, command) for name, command in listed if command is not None and not command.hidden]
        if not listed:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in listed)  # click's spacing
        with formatter.section("Commands"):
            formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in listed])

    def _described(self, ctx: click.Context, name: str) -> click.Command | None:
        lazy = self.lazy_commands.get(name)
        return lazy.stand_in(name) if lazy is not None else super().get_command(ctx, name)
