"""Extraction for the Loader: batches in this process, or in worker processes a batch or two ahead.

A worker process loads its own spaCy pipeline (``spawn``: safe from the app's threads); it is given the
extractor's model name and threshold. An article whose extraction raises gets a one-line reason instead of
claims, so one odd text never stops a load; a missing model stops it (raised as ``ModelMissingError``).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from claims.extractor import ExtractedClaim, Extractor
from claims.nlp import ModelMissingError
from claims.reader import ArticleDraft

Extraction = list[ExtractedClaim] | str  # the claims, or why extraction failed
Batch = list[Any]  # drafts, and results riding along

_worker_extractor: Extractor | None = None


def extract_safely(extractor: Extractor, texts: list[str]) -> list[Extraction]:
    """The claims of each text; a text whose extraction raises gets a reason instead (the others still run)."""
    if not texts:
        return []
    try:
        return list(extractor.extract_many(texts))
    except ModelMissingError:
        raise
    except Exception:  # retry one by one to find the text that breaks
        return [_extract_one(extractor, text) for text in texts]


def _extract_one(extractor: Extractor, text: str) -> Extraction:
    try:
        return extractor.extract(text)
    except ModelMissingError:
        raise
    except Exception as error:  # an odd text must not stop a load
        return f"claim extraction failed ({type(error).__name__})."


class ExtractPool:
    """``map(batches)`` yields each batch with the extraction of its drafts, in order."""

    def __init__(self, extractor: Extractor, workers: int = 0):
        self.extractor = extractor
        self.workers = max(0, workers)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> ExtractPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def map(self, batches: Iterable[Batch], before_first: Callable[[], None] = lambda: None,
            ) -> Iterator[tuple[Batch, list[Extraction]]]:
        if self.workers == 0:
            yield from self._here(batches, before_first)
        else:
            yield from self._ahead(batches, before_first)

    def _here(self, batches: Iterable[Batch], before_first: Callable[[], None]):
        first = True
        for batch in batches:
            if first:
                before_first()
                first = False
            yield batch, extract_safely(self.extractor, _texts(batch))

    def _ahead(self, batches: Iterable[Batch], before_first: Callable[[], None]):
        pending: deque[tuple[Batch, Future | None]] = deque()
        first = True
        for batch in batches:
            texts = _texts(batch)
            pending.append((batch, self._submit(texts) if texts else None))
            if first:
                before_first()  # builds the matcher here while the workers start and extract
                first = False
            if len(pending) > self.workers:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())

    def _submit(self, texts: list[str]) -> Future:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker,
                initargs=(self.extractor.model, self.extractor.threshold),
            )
        return self._executor.submit(_extract_in_worker, texts)


def _collect(batch: Batch, future: Future | None) -> tuple[Batch, list[Extraction]]:
    if future is None:
        return batch, []
    try:
        return batch, future.result()
    except BrokenProcessPool:
        return batch, ["the extraction process stopped unexpectedly."] * len(_texts(batch))


def _texts(batch: Batch) -> list[str]:
    return [item.text for item in batch if isinstance(item, ArticleDraft)]


def _init_worker(model: str | None, threshold: float) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(model=model, threshold=threshold)


def _extract_in_worker(texts: list[str]) -> list[Extraction]:
    assert _worker_extractor is not None
    return extract_safely(_worker_extractor, texts)
