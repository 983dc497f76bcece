"""The ``conflicts`` command: claims on one subject that disagree (a place, a number, a date, a negation)."""

from __future__ import annotations

import click

from tui.cli.context import Context, pass_context
from tui.cli.output import LIST_FORMATS, print_jsonl, print_table


@click.command()
@click.option("--article", "article_id", type=int, help="Only conflicts with a claim in this article.")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@pass_context
def conflicts(context: Context, article_id: int | None, fmt: str) -> None:
    """List claims that contradict each other, within an article or across articles: both claim ids, both
    texts, both speakers, and what differs (the later claim's side first). Found when articles are loaded."""
    with context.open_store() as store:
        if article_id is not None:
            store.article(article_id)  # one sentence if there is no such article
        found = store.conflicts(article_id)
    records = [{"claim_id": c.claim_id, "other_id": c.other_id, "differs": c.differs,
                "claim_text": c.claim_text, "other_text": c.other_text,
                "claim_speaker": c.claim_speaker, "other_speaker": c.other_speaker,
                "claim_article_id": c.claim_article_id, "other_article_id": c.other_article_id} for c in found]
    if fmt == "jsonl":
        print_jsonl(records)
        return
    if not records:
        click.echo("no conflicting claims.")
        return
    print_table(
        ("claim", "other", "differs", "claim text", "speaker", "other text", "other speaker"),
        ((r["claim_id"], r["other_id"], r["differs"], r["claim_text"], r["claim_speaker"] or "—", r["other_text"],
          r["other_speaker"] or "—") for r in records),
        widths={"differs": 36, "claim text": 60, "speaker": 24, "other text": 60, "other speaker": 24},
    )
