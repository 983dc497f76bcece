"""Commands that read the archive: articles, claims."""

from __future__ import annotations

import click

from store import STATUSES
from tui.cli.context import Context, pass_context
from tui.cli.output import LIST_FORMATS, print_csv, print_jsonl, print_table


@click.command()
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@click.option("--earlier", "which", flag_value="earlier", help="List the imported earlier fact-checks instead.")
@click.option("--all", "which", flag_value="all", help="List the articles to review and the earlier checks.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles.")
@pass_context
def articles(context: Context, fmt: str, which: str | None, limit: int | None) -> None:
    """List the articles to review (those loaded) with how many of their claims are decided; the earlier
    fact-checks imported for reference are counted, and listed with --earlier or --all."""
    with context.open_store() as store:
        rows = store.articles(which or "review")
        counts = store.review_counts()
    rows = rows[:limit] if limit else rows
    if fmt == "jsonl":
        print_jsonl({**vars(a)} for a in rows)
        return
    click.echo(counts.header(), err=True)
    print_table(
        ("id", "title", "source", "claims", "matched", "decided", "loaded_at"),
        ((a.id, a.title, a.source, a.claims, a.matched, a.decided, a.loaded_at) for a in rows),
        widths={"title": 60, "source": 24},
    )


@click.command()
@click.option("--article", "article_ids", type=int, multiple=True, help="Only the claims of this article "
              "(repeatable).")
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--all", "all_claims", is_flag=True,
              help="Also the claims not highlighted by default (the dimmer ones in the app).")
@click.option("--assigned-to", help="Only claims assigned to this reviewer (claimdesk assign).")
@click.option("--decided-by", help="Only claims whose verdict this reviewer gave last.")
@click.option("--format", "fmt", type=click.Choice((*LIST_FORMATS, "csv")), default="table", show_default=True)
@pass_context
def claims(context: Context, article_ids: tuple[int, ...], status: str | None, all_claims: bool,
           assigned_to: str | None, decided_by: str | None, fmt: str) -> None:
    """List the highlighted claims (and any already decided) of the articles to review with their score, rank in
    the article, speaker and status; --all lists every claim. The imported earlier fact-checks are other desks'
    verdicts, not the desk's claims: `claimdesk articles --earlier` lists them."""
    rows = []
    with context.open_store() as store:
        for article_id in sorted(set(article_ids)) or [None]:
            if article_id is not None:
                store.article(article_id)  # one sentence if there is no such article
                if store.is_earlier_check(article_id):
                    raise click.ClickException(f"article {article_id} is an imported earlier fact-check, not one "
                                               "of the desk's articles: `claimdesk articles --earlier` lists them.")
            if assigned_to is None and decided_by is None:  # the desk's own claims: never the earlier checks
                rows += store.claims(article_id=article_id, status=status, review_only=True)
            else:
                rows += store.team_claims(article_id, status, assigned_to, decided_by, review_only=True)
    if not all_claims:
        rows = [c for c in rows if c.highlighted or c.status != "pending"]
    records = [c.to_dict() for c in rows]
    if fmt == "jsonl":
        print_jsonl(records)
    elif fmt == "csv":
        headers = list(records[0]) if records else list(_CLAIM_FIELDS)
        print_csv(headers, ([_csv_cell(r[h]) for h in headers] for r in records))
    else:
        shown = ("highlighted",) if all_claims else ()
        print_table(
            ("id", "article", "status", "score", "rank", *shown, "type", "speaker", "claim"),
            ((c.id, c.article_id, c.status, f"{c.score:.2f}", "-" if c.rank is None else c.rank,
              *(("true" if c.highlighted else "false",) if all_claims else ()), c.type, c.speaker, c.text)
             for c in rows),
            widths={"speaker": 28, "claim": 70},
        )


_CLAIM_FIELDS = ("id", "article_id", "text", "start", "end", "score", "rank", "highlighted", "type", "speaker",
                 "cue", "status", "note", "reviewer", "reviewed_at")


def _csv_cell(value: object) -> object:
    """A cell as `claimdesk export` writes it: a flag as 1 or 0."""
    return int(value) if isinstance(value, bool) else value
