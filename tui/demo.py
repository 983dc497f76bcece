"""Build the demo database: load the articles in fixtures/, then record the earlier verdicts listed in
fixtures/demo_verdicts.tsv, so the later articles open with matches and earlier decisions to see.

    python -m tui.demo --db demo/claimdesk-demo.db
"""

from __future__ import annotations

import csv
from pathlib import Path

import click

from store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DEMO_REVIEWER = "demo-desk"


def apply_verdicts(store: Store, table: Path) -> int:
    """Mark the claim of each listed article whose text contains the given words."""
    titles = {a.title: a.id for a in store.articles()}
    by_file = {path.name: _title_of(path) for path in sorted((FIXTURES / "articles").glob("*.txt"))}
    applied = 0
    with table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            article_id = titles.get(by_file.get(row["article_file"], ""))
            claim = _find_claim(store, article_id, row["claim_contains"])
            if claim is not None:
                store.set_status(claim.id, row["status"], DEMO_REVIEWER, row["note"] or None)
                applied += 1
    return applied


def _title_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n", 1)[0].strip()


def _find_claim(store: Store, article_id: int | None, words: str):
    if article_id is None:
        return None
    return next((c for c in store.claims(article_id=article_id) if words.lower() in c.text.lower()), None)


@click.command()
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
def main(db_path: Path) -> None:
    from claims.ingest import Loader
    from claims.reader import read_file
    from claims.sources import expand_paths

    drafts = [read_file(Path(p)) for p in expand_paths([str(FIXTURES / "articles")])]
    with Store(db_path) as store:
        for result in Loader(store).load(drafts):
            click.echo(f"{result.status:<9} {result.title}  ({result.claims} claims, {result.matches} matches)")
        applied = apply_verdicts(store, FIXTURES / "demo_verdicts.tsv")
    click.echo(f"recorded {applied} earlier verdicts as {DEMO_REVIEWER!r}; demo database: {db_path}")


if __name__ == "__main__":
    main()
