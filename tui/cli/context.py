"""What every command shares: where the database is, who is reviewing, and opening the store."""

from __future__ import annotations

from pathlib import Path

import click

from store import Store, StoreError
from tui.settings import resolve_reviewer


class Context:
    """What every command shares: where the database is and who is reviewing."""

    def __init__(self, db_path: Path, reviewer: str | None):
        self.db_path = db_path
        self.reviewer_flag = reviewer

    @property
    def reviewer(self) -> str:
        return resolve_reviewer(self.reviewer_flag)

    def open_store(self, create: bool = False) -> Store:
        """Open the database; only commands that add data may create it."""
        if not create and not self.db_path.exists():
            raise click.ClickException(
                f"there is no database at {self.db_path}; load articles first (claimdesk load PATH)."
            )
        try:
            return Store(self.db_path)
        except StoreError as error:
            raise click.ClickException(str(error)) from error


pass_context = click.make_pass_decorator(Context)
