"""claimdesk's terminal front end: the Textual app (app.py, screens/, forms/, widgets/) and the ``claimdesk``
command line (cli/). May import claims and the store's public modules (store.interface, models, errors, paths,
exchange, ...); never sqlite3, sqlite_utils or the store's internals (import-linter contracts in pyproject.toml).

One BLAS thread per process, set before numpy loads OpenBLAS (any entry point imports this package first):
claimdesk's matrix products are small, and OpenBLAS's spinning helper threads took the core the extraction worker
needs (benchmarks/load_speed.py: a 100-article load went from 1.22x to 0.94x of plain nlp.pipe on 2 cores). A
value you set yourself is kept.
"""

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
