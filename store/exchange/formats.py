"""The export formats and their writers, in one place: `write_export` picks the writer, `export_to_path` writes
any of them to a file (through store.files: a partial file renamed once complete; devices, FIFOs and symlinks
written through).

Every format writes the desk's own claims only (store.exchange.export.ExportFilter.kind); `earlier_checks_left_out`
counts the imported earlier fact-checks left out, for the one sentence the CLI and the app show.

EXPORT_FORMATS is the one list of formats (the CLI's --format choices and the app's export dialog use it). This
module imports the writers (export: CSV, jsonl, claimreview); none of them imports it back.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TextIO

from store.errors import StoreError
from store.exchange.claimreview import LeftOut, write_claimreviews
from store.exchange.export import COUNT_SQL, ExportFilter, ExportOptions, write_csv
from store.exchange.jsonl import write_jsonl
from store.exchange.second_review import write_jsonl_with_signoff
from store.files import text_output

EXPORT_FORMATS = ("csv", "jsonl", "claimreview")


def write_export(store, out: TextIO, filters: ExportFilter | None = None,
                 options: ExportOptions | None = None, left_out: LeftOut | None = None) -> int:
    """Write the desk's own claims in the chosen format; returns how many records were written. ``left_out``
    counts the imported earlier fact-checks the filters would have selected (no export writes them) and, in
    ClaimReview, the verdicts it leaves out (awaiting sign-off or reopened: store.exchange.claimreview)."""
    filters, options = filters or ExportFilter(), options or ExportOptions()
    if left_out is not None and options.fmt in EXPORT_FORMATS:
        left_out.earlier_checks = earlier_checks_left_out(store, filters, options.fmt == "claimreview")
    second = options.second_review
    if options.fmt in ("csv", "jsonl") and second is None:
        second = store.uses_second_review()
    if options.fmt == "csv":
        return write_csv(store, out, raw=options.raw, excel=options.excel, filters=filters,
                         with_articles=options.with_articles, second_review=second)
    if options.fmt == "jsonl" and second:
        return write_jsonl_with_signoff(store, out, filters, with_articles=options.with_articles)
    if options.fmt == "jsonl":
        return write_jsonl(store, out, filters, with_articles=options.with_articles)
    if options.fmt == "claimreview":
        if options.with_articles:
            raise StoreError("ClaimReview cannot carry the articles: use --with-articles with csv or jsonl.")
        return write_claimreviews(store, out, filters, options.organisation, options.review_url, left_out)
    raise StoreError(f"unknown export format {options.fmt!r}: use one of {', '.join(EXPORT_FORMATS)}.")


def export_to_path(store, output: Path, filters: ExportFilter | None = None,
                   options: ExportOptions | None = None, left_out: LeftOut | None = None) -> int:
    """Write the export to ``output`` (see store.files.text_output); StoreError if it cannot be written whole."""
    with text_output(Path(output)) as out:
        return write_export(store, out, filters, options, left_out)


def earlier_checks_left_out(store, filters: ExportFilter, decided_only: bool = False) -> int:
    """How many imported earlier fact-checks ``filters`` would select but for their kind (``decided_only``: of
    those decided, as ClaimReview exports); 0 at once for an archive without earlier checks."""
    if not store.execute("SELECT EXISTS (SELECT 1 FROM articles WHERE earlier_check != 0)")[0][0]:
        return 0
    where, params = replace(filters, kind="earlier", decided_only=filters.decided_only or decided_only).where()
    return store.execute(COUNT_SQL.format(where=where), params)[0][0]
