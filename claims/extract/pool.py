"""Extraction for the Loader: batches in this process, or in worker processes one batch ahead.

A worker is a spawned process (safe from the app's threads) that loads its own spaCy pipeline from the
extractor's model name and threshold, then extracts the batches it is sent over a pipe, one at a time. An
article whose extraction raises gets a one-line reason instead of claims, so one odd text never stops a load; a
missing model stops it (``ModelMissingError``, raised here as in the main process).

A worker never outlives the load: it is killed when the pool closes (end of the load, Ctrl-C, an error), it is
sent SIGKILL by the kernel the moment the thread that started it dies (Linux ``PR_SET_PDEATHSIG``: SIGKILL or
SIGTERM of ``claimdesk load``), and elsewhere it stops at its next read or write on the pipe, whose other end
only the parent holds (EOF or a broken pipe once the parent is gone). It ignores Ctrl-C (the terminal sends it to
the whole process group; the parent decides) and points its stdin/stdout/stderr at /dev/null, so it never holds
the pipes or terminal of whoever started the load.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from claims.extract.nlp import ModelMissingError
from claims.extract.pipeline import ExtractedClaim, Extractor
from claims.read.article import ArticleDraft

Extraction = list[ExtractedClaim] | str  # the claims, or why extraction failed
Batch = list[Any]  # drafts, and results riding along
STOPPED = "the extraction process stopped unexpectedly."
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


Text = tuple[str, str | None]  # an article's text and its title (read by the article rule)


def extract_safely(extractor: Extractor, texts: list[Text]) -> list[Extraction]:
    """The claims of each text; a text whose extraction raises gets a reason instead (the others still run)."""
    if not texts:
        return []
    try:
        return list(extractor.extract_many([text for text, _ in texts], titles=[title for _, title in texts]))
    except ModelMissingError:
        raise
    except Exception:  # retry one by one to find the text that breaks
        return [_extract_one(extractor, text, title) for text, title in texts]


def _extract_one(extractor: Extractor, text: str, title: str | None) -> Extraction:
    try:
        return extractor.extract(text, title)
    except ModelMissingError:
        raise
    except Exception as error:  # an odd text must not stop a load
        return f"claim extraction failed ({type(error).__name__})."


class ExtractPool:
    """``map(batches)`` yields each batch with the extraction of its drafts, in order.

    With ``workers`` > 0, each worker holds at most one batch: the next batch is sent to a worker as soon as its
    previous result is collected, before that result is yielded, so it extracts while the caller stores.
    """

    def __init__(self, extractor: Extractor, workers: int = 0):
        self.extractor = extractor
        self.workers = max(0, workers)
        self._started: list[_Worker] = []

    def __enter__(self) -> ExtractPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker now (they hold nothing worth waiting for)."""
        while self._started:
            self._started.pop().stop()

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
        pending: deque[tuple[Batch, _Worker | None]] = deque()
        for number, batch in enumerate(batches):
            done = []
            worker = None
            if texts := _texts(batch):
                while (worker := self._idle(pending)) is None:
                    done.append(_collect(*pending.popleft()))
                worker.send(texts)
            pending.append((batch, worker))
            if number == 0:
                before_first()  # builds the matcher here while the worker starts and extracts
            yield from done
        while pending:
            yield _collect(*pending.popleft())

    def _idle(self, pending: deque[tuple[Batch, _Worker | None]]) -> _Worker | None:
        """A worker holding no batch (started if fewer than ``workers`` are alive), or None if all are busy."""
        busy = {id(worker) for _, worker in pending if worker is not None}
        self._started = [w for w in self._started if id(w) in busy or not w.broken]  # the dead were stopped
        idle = next((w for w in self._started if id(w) not in busy), None)
        if idle is None and len(self._started) < self.workers:
            idle = _Worker(self.extractor)
            self._started.append(idle)
        return idle


def _collect(batch: Batch, worker: _Worker | None) -> tuple[Batch, list[Extraction]]:
    if worker is None:
        return batch, []
    found = worker.receive()
    if found is None:
        worker.stop()
        return batch, [STOPPED] * len(_texts(batch))
    return batch, found


def _texts(batch: Batch) -> list[Text]:
    return [(item.text, item.title) for item in batch if isinstance(item, ArticleDraft)]


@contextlib.contextmanager
def _stderr_with_a_descriptor() -> Iterator[None]:
    """multiprocessing's resource tracker keeps ``sys.stderr``'s file descriptor open in its process; inside the
    Textual app stderr is an object whose ``fileno()`` is -1, and starting any process then fails ("bad value(s)
    in fds_to_keep"). While a worker starts, such a stderr is swapped for /dev/null."""
    try:
        usable = sys.stderr is None or sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):  # no descriptor at all: multiprocessing skips it itself
        usable = True
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as null:
        sys.stderr = null
        try:
            yield
        finally:
            sys.stderr = saved


class _Worker:
    """One spawned extraction process and the parent's end of its pipe."""

    def __init__(self, extractor: Extractor):
        context = multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(
            target=serve, name="claimdesk-extract", daemon=True,
            args=(theirs, os.getpid(), extractor.model, extractor.threshold),
        )
        with _stderr_with_a_descriptor():
            self.process.start()
        theirs.close()  # only the worker holds its end: it sees EOF when this process is gone
        self.broken = False

    def send(self, texts: list[Text]) -> None:
        try:
            self.conn.send(texts)
        except OSError:  # the worker is gone; receive() reports it
            self.broken = True

    def receive(self) -> list[Extraction] | None:
        """The batch's extractions, or None if the worker died; raises the worker's ModelMissingError."""
        if self.broken:
            return None
        try:
            reply = self.conn.recv()
        except (EOFError, OSError):
            self.broken = True
            return None
        if isinstance(reply, ModelMissingError):
            raise ModelMissingError(str(reply))
        return reply

    def stop(self) -> None:
        self.broken = True
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def serve(conn: Any, parent: int, model: str | None, threshold: float) -> None:
    """The worker's loop: extract each batch of texts received, send back the extractions, until EOF."""
    detach(parent)
    extractor = Extractor(model=model, threshold=threshold)
    while True:
        try:
            texts = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: Any = extract_safely(extractor, texts)
        except ModelMissingError as error:
            reply = error
        try:
            conn.send(reply)
        except OSError:
            return


def detach(parent: int) -> None:
    """Die with the parent, leave Ctrl-C to it, let go of its stdin/stdout/stderr."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    if devnull > 2:
        os.close(devnull)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return  # elsewhere the worker stops at its next read or write on the pipe
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
