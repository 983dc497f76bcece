"""Commands that fill and read the archive: load, articles, claims, export."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from store import STATUSES, StoreError
from store.export import COLUMNS, export_rows, write_csv
from tui.cli import Context, pass_context
from tui.cli_output import FORMATS, print_csv, print_jsonl, print_table


@click.command()
@click.option("--source", help="The outlet the articles come from (default: the agency in the dateline).")
@click.argument("paths", nargs=-1, required=True)
@pass_context
def load(context: Context, source: str | None, paths: tuple[str, ...]) -> None:
    """Load .txt/.md articles (files, folders, or - for stdin), extract their claims and match them."""
    from claims.ingest import Loader
    from claims.nlp import ModelMissingError
    from claims.reader import UnreadableText

    drafts, failures = _read_drafts(paths, source)
    if not drafts and failures:
        _report(failures)
        sys.exit(1)
    store = context.open_store(create=True)
    try:
        results = list(Loader(store).load(drafts))
    except ModelMissingError as error:
        raise click.ClickException(str(error)) from error
    except (StoreError, UnreadableText) as error:
        raise click.ClickException(str(error)) from error
    finally:
        store.close()
    for r in results:
        if r.status == "loaded":
            click.echo(f"loaded   #{r.article_id} {r.title!s:.60}  ({r.claims} claims, {r.matches} matches)")
        else:
            click.echo(f"skipped  {r.origin}: {r.reason} as #{r.article_id}")
    _report(failures)
    loaded = sum(r.status == "loaded" for r in results)
    click.echo(f"{loaded} loaded, {len(results) - loaded} already loaded, {len(failures)} failed.", err=True)
    if failures:
        sys.exit(1)


def _read_drafts(paths: tuple[str, ...], source: str | None):
    from claims.reader import UnreadableText, read_file, read_text
    from claims.sources import expand_paths

    drafts, failures = [], []
    for item in expand_paths(paths):
        try:
            if item == "-":
                drafts.append(read_text(sys.stdin.read(), "<stdin>", source))
            else:
                drafts.append(read_file(Path(item), source))
        except UnreadableText as error:
            failures.append(str(error))
    return drafts, failures


def _report(failures: list[str]) -> None:
    for reason in failures:
        click.echo(f"failed   {reason}", err=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_context
def articles(context: Context, fmt: str) -> None:
    """List the loaded articles with how many of their claims are decided."""
    with context.open_store() as store:
        rows = store.articles()
    if fmt == "jsonl":
        print_jsonl({**vars(a)} for a in rows)
        return
    print_table(
        ("id", "title", "source", "claims", "matched", "decided", "loaded_at"),
        ((a.id, a.title, a.source, a.claims, a.matched, a.decided, a.loaded_at) for a in rows),
        widths={"title": 60, "source": 24},
    )


@click.command()
@click.option("--article", "article_id", type=int, help="Only the claims of this article.")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "csv")), default="table", show_default=True)
@pass_context
def claims(context: Context, article_id: int | None, status: str | None, fmt: str) -> None:
    """List claims, with their score, speaker and status."""
    with context.open_store() as store:
        rows = store.claims(article_id=article_id, status=status)
    records = [c.to_dict() for c in rows]
    if fmt == "jsonl":
        print_jsonl(records)
    elif fmt == "csv":
        headers = list(records[0]) if records else list(_CLAIM_FIELDS)
        print_csv(headers, ([r[h] for h in headers] for r in records))
    else:
        print_table(
            ("id", "article", "status", "score", "type", "speaker", "claim"),
            ((c.id, c.article_id, c.status, f"{c.score:.2f}", c.type, c.speaker, c.text) for c in rows),
            widths={"speaker": 28, "claim": 70},
        )


_CLAIM_FIELDS = ("id", "article_id", "text", "start", "end", "score", "type", "speaker", "cue", "status",
                 "note", "reviewer", "reviewed_at")


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


COMMANDS = [load, articles, claims, export]
