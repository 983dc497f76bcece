"""How many extraction processes a load uses by default (``claimdesk load`` and the app's load dialog)."""

from __future__ import annotations

import os

WORKERS_AT_MOST = 2  # extraction processes a load starts by default (one per usable core, at most this)
WORKER_FROM = 20  # inputs from which a load extracts in other processes by default (given two cores)


def default_workers(asked: int | None, inputs: int) -> int:
    """``--workers`` if given, else one extraction process per usable core, at most ``WORKERS_AT_MOST``, for
    ``WORKER_FROM`` inputs or more when this process may use two cores or more; else 0.

    Measured with benchmarks/load_speed.py (100 articles, 3,025 claims, 2 cores, one BLAS thread per process):
    none 1.35x the time of plain ``nlp.pipe``, one worker 0.94-0.97x, two 0.81x (the main process stores and
    matches in ~8 s while the workers extract, so it idles part of the time and a second worker fills the gap);
    pinned to one core a worker made the load slower (1.46x vs 1.36x). Break-even is at ~20 inputs (worker
    start-up, which loads the model). More than two workers was not measured (no larger machine): ask with
    ``--workers N``. A feed counts as one input, so a large feed file needs ``--workers`` to get them.
    """
    if asked is not None:
        return asked
    cores = usable_cores()
    return min(cores, WORKERS_AT_MOST) if inputs >= WORKER_FROM and cores > 1 else 0


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours taskset / container CPU sets
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
