"""A throwaway PostgreSQL server for tests: its own data folder and port, run as `postgres`.

PostgreSQL refuses to run as root, so when the tests run as root the server is started through
`runuser -u postgres`. `postgres_server()` yields the URL; `postgres_cluster()` yields the server
itself, which a test may stop and start again (same port, same data) to play an outage.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from tests.browser import free_port


def postgres_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class PostgresServer:
    """One initialised data folder served on one port; `stop()` and `start()` keep both."""

    def __init__(self, bindir: str, folder: str, port: int) -> None:
        self.bindir = bindir
        self.folder = folder
        self.data = os.path.join(folder, "data")
        self.port = port
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def _pg_ctl(self, *args: str, check: bool = True) -> int:
        return subprocess.run(
            _as_postgres([f"{self.bindir}/pg_ctl", "-D", self.data, *args]),
            check=check,
            capture_output=True,
            timeout=120,
        ).returncode

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("-o", options, "-w", "-l", os.path.join(self.folder, "log"), "start")

    def is_running(self) -> bool:
        return self._pg_ctl("status", check=False) == 0

    def stop(self, *, check: bool = True) -> None:
        """A fast shutdown: open sessions are cut off, as when the server goes away."""
        self._pg_ctl("-m", "fast", "-w", "stop", check=check)


@contextmanager
def postgres_cluster() -> Iterator[PostgresServer]:
    """Yield a freshly initialised, running PostgreSQL server; remove everything afterwards."""
    bindir = postgres_bin()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL is not installed (apt-get install postgresql)")
    folder = tempfile.mkdtemp(prefix="coordination-pg-")
    server = PostgresServer(bindir, folder, free_port())
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    subprocess.run(
        _as_postgres(
            [f"{bindir}/initdb", "-D", server.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        server.start()
        yield server
    finally:
        try:
            server.stop(check=False)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL to a fresh PostgreSQL database; remove everything afterwards."""
    with postgres_cluster() as server:
        yield server.url
