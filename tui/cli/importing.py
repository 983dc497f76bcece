"""The import command: claimdesk's own exports back into a database, and earlier fact-checks to match against."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import fields, replace
from pathlib import Path

import click

from claims.desk.embed import EMBED_AT_IMPORT, embed_after_import, import_decision
from claims.desk.import_links import link_earlier_checks
from claims.desk.match_index import open_index
from store import StoreError
from store.clean_text import clean
from store.exchange.earlier_checks import add_earlier_checks
from store.exchange.fact_checks_in import rating_table, read_verdict_file
from store.exchange.merge import merge_export
from store.exchange.read_exports import ExportedClaim, detect_export, read_export
from tui.cli.context import Context, pass_context
from tui.cli.embedding import import_embedding_line
from tui.cli.output import counted
from tui.cli.progress import BYTES, ProgressBar

MAX_LISTED = 20  # skipped lines listed per file (the rest are counted)

IMPORT_FORMATS = ("auto", "claimdesk-csv", "claimdesk-jsonl", "claimreview", "csv")
_KIND_NAMES = {"claimdesk-csv": "claimdesk CSV export", "claimdesk-jsonl": "claimdesk JSON Lines export",
               "claimreview": "earlier fact-checks", "csv": "earlier fact-checks"}


def read_rating_map(path: Path | None, pairs: tuple[str, ...]) -> dict[str, str]:
    """Ratings -> verdicts from a TOML file (a [ratings] table, or top-level keys) and --map "rating=status"."""
    mapping: dict[str, str] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise click.ClickException(f"cannot read the rating map {path}: {error}") from error
        table = data.get("ratings", data)
        mapping.update({str(k): str(v) for k, v in table.items() if isinstance(v, str)})
    for pair in pairs:
        rating, sep, status = pair.rpartition("=")
        if not sep or not rating.strip():
            raise click.BadParameter(f"{pair!r}: write it as RATING=STATUS.", param_hint="--map")
        mapping[rating.strip()] = status.strip()
    return mapping


@click.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(IMPORT_FORMATS), default="auto", show_default=True,
              help="auto tells claimdesk's own CSV/JSON Lines exports from ClaimReview and fact-check CSVs.")
@click.option("--rating-map", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file mapping ratings to verified/disputed/unverified (on top of the built-in map).")
@click.option("--map", "pairs", multiple=True, metavar="RATING=STATUS",
              help='One rating mapping, e.g. --map "pants on fire=disputed" (repeatable).')
@click.option("--no-index", is_flag=True, help="Do not bring the persisted match index up to date now (the next "
              "match or load does it, once).")
@click.option("--embed/--no-embed", "embed", default=None, help="Embed the checks added for semantic matching "
              f"(default: when they are at most {EMBED_AT_IMPORT:,}; `claimdesk embed` does the rest any time).")
@click.option("--no-link", is_flag=True, help="Do not link earlier fact-checks to the claims already loaded now "
              "(the next import without --no-link links them).")
@pass_context
def import_(context: Context, files: tuple[Path, ...], fmt: str, rating_map: Path | None, pairs: tuple[str, ...],
            no_link: bool, no_index: bool, embed: bool | None) -> None:
    """Import verdicts: claimdesk's own CSV/JSON Lines exports (merged into the same claims), or earlier
    fact-checks to match against: ClaimReview JSON-LD (an object, a list, JSON Lines), Google Fact Check Tools
    records, or CSV with claim, rating or status, url, speaker, date, source, title. Files of any size stream in
    (a single JSON object over 64 MB is refused: write JSON Lines); importing a file again adds nothing."""
    ratings = read_rating_map(rating_map, pairs)
    try:
        rating_table(ratings)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    failed = 0
    # A missing database is created (a file, or the archive in an empty PostgreSQL database); an existing one must
    # be a claimdesk database (an empty file, another program's database are refused).
    with context.open_store(create=context.may_create(), write=True) as store:
        for path in files:
            try:
                kind = _kind(path, fmt)
                outcome = _import_file(store, path, kind, ratings, not no_link, embed)
                click.echo(f"{path.name} ({_KIND_NAMES[kind]}): {outcome}")
            except (StoreError, ValueError) as error:
                failed += 1
                click.echo(f"failed   {path}: {error}", err=True)
        if not no_index:
            refresh_match_index(store)
    if failed:
        raise SystemExit(1)


def refresh_match_index(store) -> None:
    """Bring the persisted match index up to date with what was imported and keep it, so the next `claimdesk
    match` or load opens it without re-reading the archive (built once here when there is none)."""
    index = open_index(store)
    index.save_if_grown(store, at_least=1)


def _kind(path: Path, fmt: str) -> str:
    if not path.is_file():
        raise StoreError(f"there is no file {path}.")
    if fmt != "auto":
        return fmt
    return detect_export(path) or "claimreview"


def _clean_value(value: object) -> object:
    return clean(value) if isinstance(value, str) else value


def cleaned_exports(records: Iterable[ExportedClaim]) -> Iterator[ExportedClaim]:
    """Each record with its text (history included) cleaned as loaded text is: control characters and terminal
    escapes shown as symbols (the store does not import claims, so this happens here)."""
    for record in records:
        changes = {f.name: _clean_value(getattr(record, f.name)) for f in fields(record) if f.name != "history"}
        if record.history:
            changes["history"] = tuple({k: _clean_value(v) for k, v in row.items()} for row in record.history)
        yield replace(record, **changes)


def _import_file(store, path: Path, kind: str, ratings: dict[str, str], link: bool, embed: bool | None) -> str:
    """Import one file; returns the report. StoreError when the file is refused, when every record failed, or
    when claims had to be left out because their articles are not in this database (the rest is imported)."""
    skipped: list[str] = []
    if kind.startswith("claimdesk-"):
        report = merge_export(store, cleaned_exports(read_export(path, kind, skipped)))
        lines = [report.summary(), *_listed(skipped), *(f"  {problem}" for problem in report.problems)]
        if report.missing_articles:
            raise StoreError("\n".join([*lines, _missing(report.missing_articles)]))
        if report.unmatched > len(report.problems):
            lines.append("  unmatched claims are no longer in their article's text; nothing was guessed")
        return "\n".join(lines)
    with ProgressBar(f"importing {path.name}", path.stat().st_size, unit=BYTES) as progress:
        checks = read_verdict_file(path, ratings, skipped, progress=progress.update)
        report = add_earlier_checks(store, checks, origin=f"import:{path.name}", keep_ids=False)
    if not (report.added or report.duplicates) and skipped:
        raise StoreError(_nothing_read(skipped))
    embedded = _embed_checks(store, report.added, report.first_id, embed)
    links = link_earlier_checks(store) if link else 0
    lines = [f"{report.summary()}, {counted(links, 'link')} to loaded claims", *_listed(skipped)]
    if line := import_embedding_line(embedded):
        lines.append(line)
    if unknown := report.unknown():
        lines.append(f"  {unknown}")
    return "\n".join(lines)


def _embed_checks(store, added: int, first_id: int | None, embed: bool | None):
    """The checks just committed embedded, with a bar on a terminal (before linking, which may use them)."""
    if not added or import_decision(added, embed):
        return embed_after_import(store, added, first_id, embed)  # nothing to embed: no bar
    with ProgressBar("embedding", added) as progress:
        return embed_after_import(store, added, first_id, embed, progress=progress.advance)


def _listed(skipped: list[str]) -> list[str]:
    noun = "line" if all(reason.startswith("line ") for reason in skipped) else "record"
    lines = [f"  {counted(len(skipped), noun)} skipped:"] if skipped else []
    lines += [f"    {reason}" for reason in skipped[:MAX_LISTED]]
    if len(skipped) > MAX_LISTED:
        lines.append(f"    and {len(skipped) - MAX_LISTED} more")
    return lines


def _nothing_read(skipped: list[str]) -> str:
    """Every record of the file failed: nothing was imported, and why, record by record (a claimdesk export
    whose records all fail is refused by store.exchange.read_exports)."""
    return "\n".join(["nothing imported: not one earlier fact-check could be read.", *_listed(skipped)])


def _missing(count: int) -> str:
    return (f"{counted(count, 'claim')} left out: their articles are not in this database; load the articles "
            "first, or import an export made with `claimdesk export --with-articles`.")
