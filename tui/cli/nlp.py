"""Commands that analyse text without a database: extract, train-detector."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claims.extract.nlp import ModelMissingError
from claims.extract.pipeline import Extractor
from claims.read.article import UnreadableText, read_text
from claims.read.inputs import read_bytes, read_file, read_stdin
from store.clean_text import clean, decode
from tui.cli.output import LIST_FORMATS, print_jsonl, print_table


@click.command()
@click.option("--per-line", is_flag=True,
              help="Treat every input line as its own text (rank: among all the lines, by score).")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True)
@click.option("--model", help="spaCy pipeline to use (default: $CLAIMDESK_MODEL or en_core_web_sm).")
@click.argument("path")
def extract(per_line: bool, fmt: str, model: str | None, path: str) -> None:
    """Show the claims found in an article file (or - for stdin): score, rank in the article, highlighted."""
    extractor = Extractor(model=model)
    try:
        if per_line:
            records = _per_line(extractor, path)
        else:
            draft = read_text(read_stdin(sys.stdin), "<stdin>") if path == "-" else read_file(Path(path))
            records = [_claim_record(c) for c in extractor.extract(draft.text, draft.title)]
    except (ModelMissingError, UnreadableText) as error:
        raise click.ClickException(str(error)) from error
    _print(records, fmt, per_line)


def _per_line(extractor: Extractor, path: str) -> list[dict]:
    """A record per line that holds text (blank lines are neither scored nor ranked), numbered as in the input."""
    text = read_stdin(sys.stdin) if path == "-" else decode(read_bytes(Path(path)), path)
    numbered = [(n, line) for n, line in enumerate(clean(text).split("\n"), start=1) if line.strip()]
    scored = extractor.score_lines([line for _, line in numbered])
    records = [
        {"line": n, "text": c.text, "score": round(c.score, 4), "rank": 0, "highlighted": c.is_claim,
         "is_claim": c.is_claim, "type": c.type, "speaker": c.speaker}
        for (n, _), c in zip(numbered, scored, strict=True)
    ]
    for rank, record in enumerate(sorted(records, key=lambda r: (-r["score"], r["line"])), start=1):
        record["rank"] = rank
    return records


def _claim_record(c) -> dict:
    return {"text": c.text, "start": c.start, "end": c.end, "score": round(c.score, 4), "rank": c.rank,
            "highlighted": c.highlighted, "is_claim": c.is_claim, "type": c.type, "speaker": c.speaker,
            "cue": c.cue}


def _print(records: list[dict], fmt: str, per_line: bool) -> None:
    if fmt == "jsonl":
        print_jsonl(records)
        return
    first = ("line",) if per_line else ("start",)
    headers = (*first, "score", "rank", "highlighted", "claim", "type", "speaker", "text")
    print_table(
        headers,
        ((r[first[0]], f"{r['score']:.2f}", r["rank"], "yes" if r["highlighted"] else "no",
          "yes" if r["is_claim"] else "no", r["type"], r["speaker"], r["text"]) for r in records),
        widths={"speaker": 28, "text": 70},
    )


@click.command("train-detector")
@click.option("--data", "data_dir", required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder holding ClaimBuster's crowdsourced.csv (and groundtruth.csv).")
@click.option("--output", "output_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the trained check-worthiness component to.")
@click.option("--seed", type=int, default=0, show_default=True)
def train_detector(data_dir: Path, output_dir: Path, seed: int) -> None:
    """Train the check-worthiness model on ClaimBuster (see the README)."""
    from claims.extract.train_detector import train  # loads the spaCy pipeline and NumPy training code: only here

    metrics = train(data_dir, output_dir, seed=seed)
    print_table(("metric", "value"), sorted(metrics.items()))
