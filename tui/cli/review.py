"""Commands that decide and look up claims: mark, match."""

from __future__ import annotations

import sys

import click

from store import STATUSES, StoreError
from store.clean_text import clean, clean_field
from store.models import Expected, as_decided, decided_by_other
from store.wording import counted
from tui.cli.context import Context, pass_context
from tui.cli.output import LIST_FORMATS, print_jsonl, print_table
from tui.settings import settings_or_defaults


@click.command()
@click.argument("claim_id", type=int)
@click.argument("status", type=click.Choice(STATUSES))
@click.option("--note", help="Why: the rationale for the verdict.")
@click.option("--reviewer", help="Who decides (default: the global --reviewer, $CLAIMDESK_REVIEWER, ...).")
@click.option("--if-status", "if_status", type=click.Choice(STATUSES),
              help="Only if the claim's status is still this (whoever decided it); else nothing is changed.")
@click.option("--force", is_flag=True, help="Replace another reviewer's verdict without checking it.")
@pass_context
def mark(context: Context, claim_id: int, status: str, note: str | None, reviewer: str | None,
         if_status: str | None, force: bool) -> None:
    """Record a verdict (pending, verified, disputed, unverified) for a claim. Without --note the claim keeps its
    note only when the verdict it replaces was yours (another reviewer's note stays in the history). A verdict
    another reviewer gave is replaced only with --if-status (still that status) or --force. With second review
    on (second_review = true in the config file) a verdict awaits another reviewer's sign-off."""
    if if_status and force:
        raise click.UsageError("give --if-status or --force, not both.")
    who = clean_field(reviewer or context.reviewer) or context.reviewer
    note = (clean(note).strip() or None) if note is not None else None
    signoff = settings_or_defaults()[0].second_review
    with context.open_store(write=True) as store:
        try:
            expect = None if force else Expected(if_status) if if_status else _unless_theirs(store, claim_id, who)
            _, claim = store.decide(claim_id, status, who, **({} if note is None else {"note": note}),
                                    expect=expect, signoff=signoff)
        except StoreError as error:
            raise click.ClickException(str(error)) from error
    awaiting = ", awaiting sign-off" if signoff and claim.status != "pending" else ""
    click.echo(f"claim {claim.id}: {claim.status} by {claim.reviewer} at {claim.reviewed_at}{awaiting}")


def _unless_theirs(store, claim_id: int, who: str) -> Expected:
    """What mark expects of a claim without --if-status or --force: as it is now, and not another reviewer's
    verdict (refused in one sentence naming it)."""
    claim = store.desk_claim(claim_id)
    if decided_by_other(claim, who):
        raise click.ClickException(
            f"claim {claim.id} is {as_decided(claim)}, not yours: nothing was changed (replace their verdict with "
            f"--if-status {claim.status}, or --force).")
    return Expected.of(claim)


@click.command()
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@click.option("--all-candidates", "everything", is_flag=True,
              help="Also the candidates scoring under the 'related' threshold, as kind 'hidden' (the ranking "
                   "without a score floor, for measuring it).")
@click.argument("text")
@pass_context
def match(context: Context, limit: int, fmt: str, everything: bool, text: str) -> None:
    """Find earlier claims like TEXT (or, with -, like each line of stdin), best score first: "same" is the same
    claim, "related" possibly related. When no earlier claim matches, the table says so (with -, which lines have
    none, on stderr); jsonl prints nothing
    (and the exit status is 0 either way). With --all-candidates the best LIMIT candidates are listed whatever
    their score, those a default match would not show as kind "hidden"."""
    from claims.desk.load import build_matcher  # lazy: the matcher (numpy, rapidfuzz) only for this command
    from claims.match.boilerplate import search_claims  # lazy: as above

    if not text.strip():
        raise click.UsageError("the query is empty: give the words of a claim (or - to read one per line).")
    queries = _queries(text)
    if not queries:
        raise click.UsageError("no query on stdin: give one claim a line.")
    with context.open_store() as store:
        matcher, boilerplate = build_matcher(store), store.boilerplate_ids()
        records = [_record(store, query, hit, hit.claim_id in shown) for query, q in queries
                   for shown, hits in [_searched(search_claims, matcher, q, boilerplate, limit, everything)]
                   for hit in hits]
    if fmt == "jsonl":
        print_jsonl(records)
        return
    unmatched = [str(query) for query, _ in queries if query not in {r["query"] for r in records}]
    if text == "-" and unmatched:  # said on stderr: the table on stdout stays one table
        click.echo(f"no earlier claim matches line{'s' if len(unmatched) > 1 else ''} {', '.join(unmatched)} "
                   f"({len(unmatched)} of {counted(len(queries), 'query', 'queries')}).", err=True)
    if not records:
        click.echo("no earlier claim matches.")
        return
    print_table(
        ("query", "claim_id", "score", "kind", "status", "article", "text"),
        ((r["query"], r["claim_id"], f"{r['score']:.1f}", r["kind"], r["status"], r["article_title"], r["text"])
         for r in records),
        widths={"query": 30, "article": 30, "text": 60},
    )


def _searched(search, matcher, text: str, boilerplate, limit: int, everything: bool) -> tuple[set[int], list]:
    """The hits for `text` (`search`: claims.match.boilerplate.search_claims) and the ids of those the
    thresholds show; with `everything`, the best `limit` candidates whatever their score (the others hidden)."""
    hits = search(matcher, text, boilerplate, limit=limit)
    shown = {hit.claim_id for hit in hits}
    return shown, search(matcher, text, boilerplate, limit=limit, min_score=0.0) if everything else hits


def _queries(text: str) -> list[tuple[int | str, str]]:
    if text != "-":
        return [(text, text)]
    return [(number, line.strip()) for number, line in enumerate(sys.stdin, start=1) if line.strip()]


def _record(store, query: int | str, hit, shown: bool = True) -> dict:
    """One match as a row; a candidate under the score floor (`shown` False, --all-candidates) is kind "hidden"."""
    claim = store.claim(hit.claim_id)
    article = store.article(claim.article_id)
    return {
        "query": query,
        "claim_id": claim.id,
        "text": claim.text,
        "score": round(hit.score, 2),
        "kind": hit.kind if shown else "hidden",
        "status": claim.status,
        "note": claim.note,
        "article_id": article.id,
        "article_title": article.title,
        "article_source": article.source,
    }
