"""The load command: read articles, extract their claims, store them with their matches."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from store import StoreError
from tui.cli import Context, pass_context


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


COMMANDS = [load]
