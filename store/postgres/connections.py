"""Connections to the PostgreSQL server: opened (`ServerError`, one sentence without the password, when the server
cannot be reached), kept idle for reuse within a process (the app's workers open and close a store per task),
checked alive before reuse, and closed. `first_line` gives the driver's message as the store's errors show it."""

from __future__ import annotations

import contextlib
import threading

import psycopg
from psycopg import pq

from store.errors import StoreError
from store.location import redact, scrub

_IDLE_PER_URL = 4
_IDLE_IN_ALL = 8


class ServerError(StoreError):
    """The PostgreSQL server could not be reached, went away, or refused the connection; nothing unsaved is
    shown as saved."""


def first_line(error: BaseException, url: str = "") -> str:
    """The driver's message, its first line, with no password of ``url`` in it."""
    text = str(error).strip().splitlines()
    line = text[0] if text else type(error).__name__
    return scrub(line, url) if url else line


_IDLE: dict[str, list[psycopg.Connection]] = {}
_LOCK = threading.Lock()


def acquire(url: str) -> psycopg.Connection:
    """An open connection to ``url`` (an idle one of this process when there is one); ServerError if none."""
    with _LOCK:
        idle = _IDLE.get(url, [])
        kept = list(reversed(idle))
        idle.clear()
    for conn in kept:
        if _alive(conn):
            return conn
        conn.close()
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="claimdesk")
    except psycopg.Error as error:
        where = redact(url)
        raise ServerError(f"cannot connect to the PostgreSQL archive {where}: {first_line(error, url)}.") from error


def _alive(conn: psycopg.Connection) -> bool:
    """Whether a kept connection still works (the server may have restarted since it was used)."""
    if conn.closed or conn.info.transaction_status != pq.TransactionStatus.IDLE:
        return False
    try:
        conn.execute("SELECT 1")
    except psycopg.Error:
        return False
    return True


def release(url: str, conn: psycopg.Connection) -> None:
    """Give a connection back for reuse (rolled back first), or close it."""
    if conn.closed:
        return
    if conn.info.transaction_status != pq.TransactionStatus.IDLE:
        with contextlib.suppress(psycopg.Error):
            conn.execute("ROLLBACK")
    surplus: list[psycopg.Connection] = []
    with _LOCK:
        idle = _IDLE.setdefault(url, [])
        if len(idle) < _IDLE_PER_URL and not conn.broken:
            idle.append(conn)
            conn = None
        while sum(len(kept) for kept in _IDLE.values()) > _IDLE_IN_ALL:  # the longest-kept archive's go first
            oldest = next(u for u, kept in _IDLE.items() if kept)
            surplus.append(_IDLE[oldest].pop(0))
            if not _IDLE[oldest]:
                del _IDLE[oldest]
    for extra in [conn, *surplus] if conn is not None else surplus:
        extra.close()


def close_idle(url: str | None = None) -> None:
    """Close this process's idle connections (to ``url``, or all): before a database is dropped, at exit."""
    with _LOCK:
        urls = [url] if url else list(_IDLE)
        conns = [c for u in urls for c in _IDLE.pop(u, [])]
    for conn in conns:
        conn.close()
