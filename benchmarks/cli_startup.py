"""How long a cheap `claimdesk` command takes from start to exit: what every command pays before it does anything.

    python benchmarks/cli_startup.py [--runs 10]

Prints the median and the fastest of ``--runs`` runs (after one warm-up) of `claimdesk --version`,
`claimdesk --help` and `claimdesk stats` on an empty database in a temporary folder, each a new Python process
as a user starts it (the console script's own import of tui.cli.main, then the command). Run it from the
project root with the environment the project runs in (PYTHONPATH for a work tree).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from store import Store

CLAIMDESK = [sys.executable, "-c", "import sys; from tui.cli.main import main; sys.argv[0] = 'claimdesk'; main()"]


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*CLAIMDESK, *args], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "empty.db"
        env = {**os.environ, "CLAIMDESK_CONFIG": str(Path(folder) / "none.toml"), "CLAIMDESK_REVIEWER": "bench"}
        Store(db).close()  # an empty archive: the schema and nothing else
        for label, args in (("claimdesk --version", ["--version"]), ("claimdesk --help", ["--help"]),
                            ("claimdesk stats (empty db)", ["--db", str(db), "stats"])):
            timed(args, env)  # warm-up: the OS file cache, not the process, is what it warms
            seconds = [timed(args, env) for _ in range(runs)]
            print(f"{label:<28} median {statistics.median(seconds) * 1000:6.0f} ms   "
                  f"fastest {min(seconds) * 1000:6.0f} ms   ({runs} runs)")


if __name__ == "__main__":
    main()
