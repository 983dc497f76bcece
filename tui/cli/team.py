"""Commands of the team workflow: assign claims to a reviewer, sign off a verdict (second review), statistics per
reviewer."""

from __future__ import annotations

import click

from store import STATUSES, StoreError
from store.clean_text import clean, clean_field
from store.models import ClaimFilter
from tui.cli.context import Context, pass_context
from tui.cli.output import LIST_FORMATS, counted, print_jsonl, print_table

ALL = 10**12  # "every claim the filter passes" (filter_claims takes a limit)


@click.command()
@click.argument("name", required=False)
@click.option("--article", "articles", type=int, multiple=True, help="Every claim of this article (repeatable).")
@click.option("--claim", "claim_ids", type=int, multiple=True, help="This claim (repeatable).")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status (e.g. pending).")
@click.option("--type", "claim_type", help="Only claims of this type.")
@click.option("--speaker", help="Only claims whose speaker holds this text (any case).")
@click.option("--min-score", type=float, help="Only claims at least this check-worthy.")
@click.option("--nobody", is_flag=True, help="Take the claims off anyone's queue instead.")
@pass_context
def assign(context: Context, name: str | None, articles: tuple[int, ...], claim_ids: tuple[int, ...],
           status: str | None, claim_type: str | None, speaker: str | None, min_score: float | None,
           nobody: bool) -> None:
    """Assign claims to the reviewer NAME: those of --article, --claim, or every claim passing the filter options
    (--status, --type, --speaker, --min-score; within the --article ones when given). The assignment is in each
    claim's history, with who made it; `claimdesk claims --assigned-to NAME` lists them, and N in the app goes to
    the reviewer's assigned claims first."""
    if name and nobody:
        raise click.UsageError("give the reviewer's NAME or --nobody, not both.")
    if not name and not nobody:
        raise click.UsageError("give the reviewer's NAME, or --nobody to unassign.")
    filtered = any(v is not None for v in (status, claim_type, speaker, min_score))
    if not (articles or claim_ids or filtered):
        raise click.UsageError("say which claims: --article ID, --claim ID, or filter options such as --status.")
    assignee = None if nobody else clean_field(name)
    if not nobody and not assignee:
        raise click.UsageError("the reviewer's name is empty.")
    with context.open_store(write=True) as store:
        for article_id in articles:
            store.article(article_id)  # an unknown article is one clear error, before anything is written
        ids = list(claim_ids)
        claim_filter = ClaimFilter(status=status, type=claim_type, speaker=speaker, min_score=min_score)
        for article_id in articles or ((None,) if filtered else ()):
            if filtered:
                rows = store.filter_claims(ClaimFilter(**{**vars(claim_filter), "article_id": article_id}), ALL)
                ids += [row.id for row in rows]
            else:
                ids += store.article_claim_ids([article_id])
        for claim_id in claim_ids:
            store.desk_claim(claim_id)  # an unknown claim is one clear error, before anything is written
        changed = store.assign(ids, assignee, context.reviewer)
    whom = f"to {assignee}" if assignee else "to nobody"
    click.echo(f"{changed:,} of {counted(len(set(ids)), 'claim')} assigned {whom}.")


@click.command()
@click.argument("claim_id", type=int)
@click.argument("outcome", type=click.Choice(("confirm", "reopen")))
@click.option("--note", help="Why (required to reopen: what the first reviewer should look at).")
@pass_context
def signoff(context: Context, claim_id: int, outcome: str, note: str | None) -> None:
    """Second review of a verdict awaiting sign-off (second_review = true in the config file): confirm it, or
    reopen it with a --note saying why (the claim is pending again). The second reviewer must not be the one who
    gave the verdict."""
    note = (clean(note).strip() or None) if note is not None else None
    if outcome == "reopen" and note is None:
        raise click.ClickException("not reopened: say why with --note, for the first reviewer.")
    with context.open_store(write=True) as store:
        try:
            claim = store.sign_off(claim_id, context.reviewer, outcome == "confirm", note)
        except StoreError as error:
            raise click.ClickException(str(error)) from error
        done = store.signoff(claim_id)
    click.echo(f"claim {claim.id}: {claim.status} ({claim.reviewer}), {done.state} by {done.second_reviewer} "
               f"at {done.second_reviewed_at}")


@click.command()
@click.option("--reviewer", "only", help="Only this reviewer (their verdicts, and the claims they decided).")
@click.option("--days", type=click.IntRange(1, 366), default=14, show_default=True,
              help="How many of the last days with decisions to list.")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@pass_context
def stats(context: Context, only: str | None, days: int, fmt: str) -> None:
    """Statistics per reviewer: verdicts given (in all and per day), second reviews given, and agreement between
    first and second review (how many of a reviewer's verdicts a second reviewer confirmed)."""
    with context.open_store() as store:
        rows = store.reviewer_stats(only, days)
        totals = store.verdict_totals(only)
    if fmt == "jsonl":
        print_jsonl({**vars(r), "by_day": dict(r.by_day)} for r in rows)
        return
    scope = f"decided last by {only}" if only else "all claims"
    click.echo(f"{scope}: " + ", ".join(f"{s} {getattr(totals, s)}" for s in STATUSES), err=True)
    print_table(
        ("reviewer", "verdicts", "by_day", "second_reviews", "confirmed_by_others", "agreed_as_second"),
        ((r.reviewer, r.verdicts, " ".join(f"{day}:{n}" for day, n in r.by_day), r.second_reviews, r.agreement,
          r.agreement_as_second) for r in rows),
        widths={"reviewer": 24, "by_day": 60},
    )
    if not rows:
        click.echo("no reviewer has decided anything yet." if not only else f"{only} has decided nothing yet.")
