"""A PostgreSQL server for the tests: the one CI started (``$CLAIMDESK_TEST_PG_URL``, see .ci/postgres.sh), else a
throwaway cluster started here when the server binaries are installed, else a reason why there is none.

The throwaway cluster is made the way .ci/postgres.sh makes it: ``initdb`` into a temporary folder (as the
``postgres`` user when running as root, since PostgreSQL refuses root), trust authentication, listening on
127.0.0.1 only on a free port, its unix socket in the folder; stopped and removed at the end of the session.
A user account is never created here (CI's script does that on its own machine).

`fresh_database` makes an empty database on the server per test and drops it afterwards.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from store.location import redact
from store.postgres import close_idle

ENV_URL = "CLAIMDESK_TEST_PG_URL"
UNAVAILABLE = "PostgreSQL not available"
_DATABASES = itertools.count(1)


class Unavailable(Exception):
    """Why no PostgreSQL server can be used (the tests that need one are skipped with this reason)."""


def ci() -> bool:
    """Whether the tests run under CI (``CI=true``): a PostgreSQL test that cannot run is then a failure."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def check(url: str) -> None:
    """Connect once and ``SELECT 1``; Unavailable (the URL without its password) when that fails."""
    try:
        with psycopg.connect(url, connect_timeout=10, autocommit=True) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as error:
        raise Unavailable(f"cannot connect to {redact(url)}: {str(error).strip()}") from error


def find_bindir() -> Path | None:
    """The folder of the newest installed PostgreSQL server binaries (initdb, pg_ctl, postgres), if any."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    if initdb := shutil.which("initdb"):
        candidates.append(str(Path(initdb).resolve().parent))
    for folder in map(Path, candidates):
        if all((folder / name).is_file() and os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl",
                                                                                             "postgres")):
            return folder
    return None


def _version(folder: str) -> tuple[int, ...]:
    number = Path(folder).parent.name
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayServer:
    """A PostgreSQL cluster in a temporary folder, on a loopback port, for one test session."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.runner: list[str] = []
        self.owner: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                self.owner = pwd.getpwnam("postgres")
            except KeyError as error:
                raise Unavailable("running as root and there is no postgres user to run the server as") from error
            self.runner = ["runuser", "-u", "postgres", "--"]
        self.folder = Path(tempfile.mkdtemp(prefix="claimdesk-pg."))
        self.port = 0
        self.started = False

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self.runner, *args], capture_output=True, text=True, timeout=120, check=False,
                              cwd=self.folder)  # the postgres user may not enter the caller's folder

    def start(self) -> str:
        """Make the cluster, start the server and create the database claimdesk_test; returns its URL."""
        if self.owner:
            os.chown(self.folder, self.owner.pw_uid, self.owner.pw_gid)
        data = self.folder / "data"
        made = self._run(str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                         "--no-locale", "-E", "UTF8")
        if made.returncode:
            raise Unavailable(f"initdb failed: {(made.stderr or made.stdout).strip().splitlines()[-1:]}")
        self.port = _free_port()
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        started = self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"),
                            "-o", options, "-w", "-t", "60", "start")
        if started.returncode:
            raise Unavailable(f"the server did not start: {self._log_tail()}")
        self.started = True
        admin = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE claimdesk_test")
        return f"postgresql://postgres@127.0.0.1:{self.port}/claimdesk_test"

    def _log_tail(self) -> str:
        with contextlib.suppress(OSError):
            lines = (self.folder / "server.log").read_text(errors="replace").strip().splitlines()
            return lines[-1] if lines else "no log"
        return "no log"

    def stop(self) -> None:
        """Stop the server (fast, else immediate) and remove its folder."""
        if self.started:
            data = str(self.folder / "data")
            if self._run(str(self.bindir / "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop").returncode:
                self._run(str(self.bindir / "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop")
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def server_url() -> Iterator[str]:
    """The URL of a database on a PostgreSQL server for this session; Unavailable (with the reason) if none."""
    if url := os.environ.get(ENV_URL):
        check(url)
        yield url
        return
    bindir = find_bindir()
    if bindir is None:
        raise Unavailable(f"${ENV_URL} is not set and no PostgreSQL server binaries are installed "
                          "(Debian: apt-get install postgresql)")
    server = ThrowawayServer(bindir)
    try:
        url = server.start()
        check(url)
        yield url
    finally:
        server.stop()


def with_database(url: str, name: str) -> str:
    """``url`` naming the database ``name`` instead (user, host, port and parameters kept)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextlib.contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """An empty database on the server of ``url`` (created now, dropped afterwards); yields its URL."""
    name = f"claimdesk_t_{os.getpid()}_{next(_DATABASES)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(url, name)
    finally:
        close_idle(with_database(url, name))  # the store's kept connections to it go first
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
