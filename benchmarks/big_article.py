"""Big input: time and peak memory of `claimdesk load` for the largest article it accepts and for refused ones.

    .venv/bin/python benchmarks/big_article.py                 # the largest accepted article, 50 MB by path and stdin
    .venv/bin/python benchmarks/big_article.py --chars 250000  # also an article of that many characters

Each case runs `claimdesk --db FRESH load ...` in its own process (Python start-up, imports and the spaCy model
included) and reports its wall time and peak resident memory (that process's ru_maxrss, from wait4). The article
text is made of the paragraphs of fixtures/articles (text we wrote), repeated with varied numbers up to the size.
The largest accepted article has claims.read.article.MAX_ARTICLE_CHARS characters; the refused ones are 50 MB (over
the input limit, by path and on stdin) and 19 MB (under it, over the article limit).

Measured on the 2-core development machine while others used it (load average 6.5), en_core_web_sm:

    refused: 50 MB file by path           0.4 s      70 MB peak  exit 1  (larger than 20 MB, the limit for one input)
    refused: 50 MB on stdin               0.6 s      70 MB peak  exit 1  (read to 20 MB + 1 byte, then refused)
    refused: 19 MB article by path        0.8 s     107 MB peak  exit 1  (19,922,944 characters; at most 1,000,000)
    largest accepted: 1,000,000 chars   160.7 s    1135 MB peak  exit 0  (6,767 claims)

Before: a 19.9 MB file took 1,189 s and 10.3 GB, 50 MB on stdin ran 45 minutes past 10 GB. Speaker attribution
rebuilt the whole doc's text for every attributed sentence (a 0.5 MB article: 380 s profiled, 59 s after), and a
long article went through the parser in one batch (the 1,000,000-character article peaked at 3,114 MB; parsed
200,000 characters at a time, 1,135 MB, whatever the article's length). Web pages: trafilatura read 5 MB of
ordinary paragraphs in 7.7 s (199 MB), but 19 MB of one repeated paragraph took 587 s, so a page may be at most
5 MB (claims.read.html.MAX_PAGE_BYTES), refused before it is parsed.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claims.read.article import MAX_ARTICLE_CHARS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
REFUSED_BYTES = 50 * 1024 * 1024
CLAIMDESK = "import sys; from tui.cli.main import main; sys.argv[0] = 'claimdesk'; main()"


def write_article(path: Path, chars: int, seed: int = 0) -> None:
    """A title line and paragraphs from the fixture articles, ``chars`` characters in all, written as it goes (so
    this process stays small: a child's peak memory can include its parent's at the fork)."""
    paragraphs = [p.strip() for source in sorted(FIXTURES.glob("*.txt"))
                  for p in source.read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        left = chars - handle.write("A very long report")
        while left > 0:
            paragraph = "\n\n" + rng.choice(paragraphs).replace("4.2", f"{rng.randint(1, 99)}.{rng.randint(0, 9)}")
            left -= handle.write(paragraph[:left])


def run_case(label: str, args: list[str], stdin_path: Path | None, folder: Path) -> None:
    db = folder / f"{label.split(':')[0].replace(' ', '-')}-{len(args[0])}.db"
    command = [sys.executable, "-c", CLAIMDESK, "--db", str(db), "load", *args]
    out, err = folder / "out.txt", folder / "err.txt"
    started = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as stdin, out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(command, stdin=stdin, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
    seconds = time.perf_counter() - started
    lines = out.read_text(errors="replace").splitlines() + err.read_text(errors="replace").splitlines()
    summary = next((line for line in reversed(lines) if "loaded," in line), "(no summary)")
    print(f"{label:<34} {seconds:8.1f} s  {usage.ru_maxrss / 1024:8.0f} MB peak  exit "
          f"{os.waitstatus_to_exitcode(status)}  {summary}")
    for line in lines:
        if line.startswith(("failed", "loaded")):
            print(f"{'':<34} {line[:150]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, action="append", default=[], help="also load an article this long")
    parser.add_argument("--skip-largest", action="store_true", help="only the refused inputs (and --chars)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        refused = folder / "refused-50mb.txt"
        write_article(refused, REFUSED_BYTES, seed=1)
        run_case("refused: 50 MB file by path", [str(refused)], None, folder)
        run_case("refused: 50 MB on stdin", ["-"], refused, folder)
        under = folder / "refused-19mb.txt"  # under the 20 MB input limit, over the article limit
        write_article(under, 19 * 1024 * 1024, seed=2)
        run_case("refused: 19 MB article by path", [str(under)], None, folder)
        sizes = sorted(options.chars) + ([] if options.skip_largest else [MAX_ARTICLE_CHARS])
        for chars in sizes:
            path = folder / f"article-{chars}.txt"
            write_article(path, chars)
            label = "largest accepted" if chars == MAX_ARTICLE_CHARS else "article"
            run_case(f"{label}: {chars:,} chars", [str(path)], None, folder)


if __name__ == "__main__":
    main()
