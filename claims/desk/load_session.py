"""One load from start to end: read the inputs, extract their claims (in worker processes for big loads), store
them with their matches, and count as it goes.

The command line (``claimdesk load``), the app's load dialog and the demo loader all load through
:class:`LoadSession`; they differ only in how they show each result (the ``on_result`` callback).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, Any

from claims.desk.load import Loader, LoadResult
from claims.desk.progress import LoadTally
from claims.extract.pipeline import Extractor
from claims.extract.workers import default_workers
from claims.read.inputs import InputReader, ReadOptions, list_inputs
from store import Store

ResultHandler = Callable[[LoadResult, LoadTally], None]


class LoadSession:
    """The inputs of one load (folders expanded on construction: ``inputs`` and ``tally.total`` are known before
    anything is read) and :meth:`run`, which loads them.

    ``workers`` is the number of extraction processes (None: :func:`claims.extract.workers.default_workers` for
    this many inputs); ``stdin`` is read for the input ``-``.
    """

    def __init__(self, store: Store, items: Iterable[str], options: ReadOptions | None = None, *,
                 stdin: IO[Any] | None = None, workers: int | None = None, extractor: Extractor | None = None):
        self.store = store
        self.options = options or ReadOptions()
        self.inputs = list_inputs(items, self.options)
        self.tally = LoadTally(total=len(self.inputs))
        self.workers = default_workers(workers, len(self.inputs))
        self.stdin = stdin
        self.extractor = extractor

    def run(self, on_result: ResultHandler | None = None, stop: Callable[[], bool] | None = None) -> LoadTally:
        """Load every input; after each article, call ``on_result(result, tally)``, then stop early if ``stop()``.

        Each article is stored whole or not at all: an exception (Ctrl-C included) rolls back the one being
        written and stops the extraction processes before it propagates.
        """
        reader = InputReader(self.options, self.stdin)
        loader = Loader(self.store, self.extractor, workers=self.workers)
        results = loader.load(self.tally.drafts(reader, self.inputs))
        try:
            for result in results:
                self.tally.add(result)
                if on_result is not None:
                    on_result(result, self.tally)
                if stop is not None and stop():
                    break
        finally:
            results.close()  # stops the extraction processes
            reader.close()
        return self.tally


def load_articles(store: Store, items: Iterable[str], options: ReadOptions | None = None, *,
                  on_result: ResultHandler | None = None, stop: Callable[[], bool] | None = None,
                  **session: Any) -> LoadTally:
    """Load ``items`` (files, folders, URLs, feeds, ``-``) into ``store``; see :class:`LoadSession`."""
    return LoadSession(store, items, options, **session).run(on_result, stop)
