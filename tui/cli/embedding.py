"""The embed command: every claim without a sentence vector gets one (claims.desk.embed), with a progress bar on a
terminal; stopped, it goes on where it stopped the next time. Also the line `claimdesk import` shows for the checks
it embeds."""

from __future__ import annotations

import sys

import click

from claims.desk.embed import BATCH, MISSING, EncoderMissing, ImportEmbedding, embed_claims
from claims.match.encoder import MODEL_ID, Encoder, available
from tui.cli.context import Context, pass_context
from tui.cli.output import counted
from tui.cli.progress import ProgressBar


@click.command()
@click.option("--batch", type=click.IntRange(min=1, max=10_000), default=BATCH, show_default=True,
              help="Claims embedded and stored per transaction (stopping loses at most one batch).")
@click.option("--threads", type=click.IntRange(min=1, max=64), default=1, show_default=True,
              help="Threads the encoder uses (on this 2-core machine, shared, 2 threads were slower than 1).")
@pass_context
def embed(context: Context, batch: int, threads: int) -> None:
    """Embed every claim that has no sentence vector yet, for semantic matching (loads and imports embed their
    own claims; this catches up on an archive made before, or an import too large to embed at once). Stop it
    any time: the next run goes on where it stopped."""
    if not available():
        raise click.ClickException(str(EncoderMissing()))
    encoder = Encoder(threads=threads)
    with context.open_store(write=True) as store:
        embedded, claims = store.vector_counts(MODEL_ID)
        progress = ProgressBar("embedding", claims - embedded)
        try:
            with progress:
                done = embed_claims(store, encoder, batch=batch, progress=progress.advance)
        except KeyboardInterrupt:
            left = claims - store.vector_counts(MODEL_ID)[0]
            click.echo(f"interrupted: {counted(progress.done, 'claim')} embedded, {left:,} left; run `claimdesk "
                       "embed` again to go on.", err=True)
            sys.exit(130)
        embedded, claims = store.vector_counts(MODEL_ID)
    left = claims - embedded
    state = "semantic matching is on" if not left else "run `claimdesk embed` again for the rest"
    click.echo(f"{counted(done, 'claim')} embedded, {left:,} left; {state}.")


def import_embedding_line(outcome: ImportEmbedding) -> str | None:
    """What `claimdesk import` says about its checks' vectors (None: nothing to say)."""
    if outcome.embedded and not outcome.left:
        return f"  {counted(outcome.embedded, 'check')} embedded for semantic matching"
    if outcome.why == "over the cap":
        return (f"  {counted(outcome.left, 'check')} not embedded (an import embeds at most {outcome.cap:,}): "
                "run `claimdesk embed` for semantic matching")
    if outcome.why == "turned off":
        return f"  {counted(outcome.left, 'check')} not embedded (--no-embed): run `claimdesk embed` when you want"
    if outcome.why == "no encoder":
        return f"  {counted(outcome.left, 'check')} not embedded: {MISSING}"
    return None
