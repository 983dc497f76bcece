"""The export command: verdicts out as CSV or JSON Lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from store import STATUSES
from store.export import COLUMNS, export_rows, write_csv
from tui.cli import Context, pass_context


@click.command()
@click.option("--format", "fmt", type=click.Choice(("csv", "jsonl")), default="csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: stdout).")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--raw", is_flag=True, help="Do not neutralise cells a spreadsheet would run as formulas.")
@pass_context
def export(context: Context, fmt: str, output: Path | None, status: str | None, raw: bool) -> None:
    """Export one row per claim (verdicts, notes, reviewers) as CSV for any spreadsheet."""
    with context.open_store() as store:
        if output is None:
            count = _export(store, sys.stdout, fmt, status, raw)
        else:
            count = _export_to_file(store, output, fmt, status, raw)
    click.echo(f"exported {count} claims" + (f" to {output}" if output else ""), err=True)


def _export_to_file(store, output: Path, fmt: str, status: str | None, raw: bool) -> int:
    partial = output.with_name(output.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = _export(store, out, fmt, status, raw)
        partial.replace(output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise click.ClickException(f"cannot write {output}: {error.strerror or error}.") from error
    return count


def _export(store, out, fmt: str, status: str | None, raw: bool) -> int:
    if fmt == "csv":
        return write_csv(store, out, status=status, raw=raw)
    count = 0
    for record in _export_records(store, status):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _export_records(store, status: str | None) -> Iterator[dict]:
    for row in export_rows(store, status=status):
        yield dict(zip(COLUMNS, row, strict=True))


COMMANDS = [export]
