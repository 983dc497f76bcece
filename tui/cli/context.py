"""What every command shares: where the database is, who is reviewing, and opening the store."""

from __future__ import annotations

from pathlib import Path

import click

from store import Store, StoreError
from store.interface import Archive
from store.paths import prepare_default_folder
from tui.settings import resolve_reviewer


class Context:
    """What every command shares: where the database is and who is reviewing."""

    def __init__(self, db_path: Path, reviewer: str | None):
        self.db_path = db_path
        self.reviewer_flag = reviewer

    @property
    def reviewer(self) -> str:
        return resolve_reviewer(self.reviewer_flag)

    def open_store(self, create: bool = False, write: bool = False) -> Archive:
        """Open the database. Only commands that add data may create it, and only commands that write (``write``
        or ``create``) may upgrade an earlier schema: a read never creates or changes a file (a missing or empty
        file, or one an earlier claimdesk made, is refused: `claimdesk upgrade` upgrades it); a database in a
        folder that does not exist is refused."""
        if not create and not self.db_path.exists():
            raise click.ClickException(
                f"there is no database at {self.db_path}; load articles first (claimdesk load PATH)."
            )
        try:
            if create:
                prepare_default_folder(self.db_path)
            return Store(self.db_path, create=create, upgrade=create or write)
        except StoreError as error:
            raise click.ClickException(str(error)) from error
        except OSError as error:
            raise click.ClickException(f"cannot open {self.db_path}: {error.strerror or error}.") from error


pass_context = click.make_pass_decorator(Context)
