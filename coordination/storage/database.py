"""The engine and its transactions: the one place where database errors become sentences.

Every write is a function run inside one short transaction. A transient failure (a lost
connection, a deadlock, a unique key taken by a concurrent writer a moment earlier) reruns the
whole function, which then sees the other writer's rows and either succeeds or refuses with a
message that names the field. Whatever still fails is logged here with its cause, and the person
sees a sentence without the database's password.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import TypeVar
from urllib.parse import unquote

from sqlalchemy import create_engine, event, make_url
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError

from coordination.errors import CoordinationError, InvalidInput, StorageError, Unavailable

log = logging.getLogger("coordination.storage")
T = TypeVar("T")

ATTEMPTS = 4
SQLITE_BUSY_MS = 30_000
CONNECT_SECONDS = 5  # how long a PostgreSQL server that does not answer is waited for
UNAVAILABLE = {
    "write": "The database cannot be reached right now, so nothing was saved. "
    "Try again in a moment; the app reconnects by itself.",
    "read": "The database cannot be reached right now. "
    "Try again in a moment; the app reconnects by itself.",
}
# SQLite's own ways of being unable to take a write for now, each said in a sentence. Waiting
# (for the other writer, for space, for a writable file) can cure them, so they are Unavailable:
# an answer given meanwhile is kept and written again.
_SQLITE_UNAVAILABLE = {
    "database is locked": "The database is busy with another program's long write",
    "readonly database": "The database file cannot be written to (it is read-only)",
    "disk is full": "The disk that holds the database is full",
    "disk i/o error": "The disk that holds the database cannot be written to",
}
# Which unique key a concurrent writer took, named for a person.
_CONSTRAINTS = {
    "name": "A workspace with this name already exists.",
    "key": "That name is already taken here; choose another one.",
    "respondent": "Someone already answers under this name for this use case.",
}


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        # SQLite has one writer at a time. Its busy handler sleeps in growing steps while it
        # waits, which gave a p99 of 1.6 s with 30 writers; queueing this process's writers on
        # a lock instead lets each go the moment the previous commits.
        self._write_lock = threading.Lock() if self.is_sqlite else None

    def redact(self, text: str) -> str:
        return redact(text, self.url)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One consistent view of the data for the whole read."""
        options = {} if self.is_sqlite else {"isolation_level": "REPEATABLE READ"}
        try:
            with self.engine.connect().execution_options(**options) as conn, conn.begin():
                yield conn
        except SQLAlchemyError as e:
            raise self._mapped(e, "read") from e

    def reachable(self) -> bool:
        """Whether the database answers now: one cheap round trip, no error raised."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except SQLAlchemyError:
            return False

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in one write transaction, again if a transient error interrupts it."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with (
                    self._write_lock or nullcontext(),
                    self.engine.connect().execution_options(write=True) as conn,
                    conn.begin(),
                ):
                    return work(conn)
            except CoordinationError:
                raise
            except SQLAlchemyError as e:
                if attempt == ATTEMPTS or not _transient(e):
                    raise self._mapped(e, "write") from e
                log.info("retrying a write after %s", type(e.orig if hasattr(e, "orig") else e))
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def change_schema(self, work: Callable[[Connection], T]) -> T:
        """Run migrations in one write transaction. SQLite rebuilds a table to alter it, and
        dropping the old copy would cascade-delete every row that refers to it, so foreign keys
        are off meanwhile (they can only be switched outside a transaction) and checked after."""
        if not self.is_sqlite:
            return self.write(work)
        try:
            with self._write_lock, self.engine.connect() as conn:
                raw = conn.connection.driver_connection
                raw.execute("PRAGMA foreign_keys=OFF")
                try:
                    with conn.execution_options(write=True).begin():
                        result = work(conn)
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                        if broken is not None:
                            raise StorageError(f"The migration left a broken reference: {broken}")
                    return result
                finally:
                    raw.execute("PRAGMA foreign_keys=ON")
        except SQLAlchemyError as e:
            raise self._mapped(e, "write") from e

    def _mapped(self, e: SQLAlchemyError, doing: str) -> StorageError | InvalidInput:
        # The cause, for the server's log, with the password masked everywhere in it (the
        # driver's own text can quote a badly encoded URL). An outage is one line per failure:
        # live parts of open pages ask every second, and a traceback each time buries the log.
        if _disconnected(e) or _sqlite_unavailable(e):
            cause = self.redact(str(getattr(e, "orig", e))).strip().splitlines() or ["?"]
            log.warning("database %s failed: %s", doing, cause[0])
            return Unavailable(_unavailable_sentence(e, doing))
        trace = "".join(traceback.format_exception(e))
        log.warning("database %s failed:\n%s", doing, self.redact(trace))
        if isinstance(e, IntegrityError):
            return InvalidInput(_constraint_message(str(e.orig)))
        detail = self.redact(str(getattr(e, "orig", e))).strip().splitlines()[0]
        what = "refused the change" if doing == "write" else "cannot be read"
        return StorageError(f"The database {what} ({detail}).")


def make_engine(url: str) -> Engine:
    # pool_pre_ping: after PostgreSQL restarts, a pooled connection is found dead and replaced
    # before use, so the app recovers without being restarted.
    # A pool as large as a full workshop: 30 people answering at once each hold a connection
    # for a few milliseconds, and waiting for a free one gave multi-second tails (measured).
    # A server that does not answer at all (a host gone from the network) is given up on after
    # a few seconds instead of the system's minutes: pages and the start-up wait retry anyway.
    pool = (
        {}
        if url.startswith("sqlite")
        else {
            "pool_size": 20,
            "max_overflow": 20,
            "connect_args": {"connect_timeout": CONNECT_SECONDS},
        }
    )
    engine = create_engine(url, pool_pre_ping=True, **pool)
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    """The busy timeout first, so that switching to WAL waits for a concurrent opener instead of
    failing; WAL so readers never wait for the writer; synchronous=NORMAL, which in WAL mode
    keeps every committed write through an app crash and cuts each commit from ~8 ms to ~2 ms
    (a power cut may lose the last moments); BEGIN IMMEDIATE for writes so two writers never
    deadlock on a lock upgrade."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _switch_to_wal(cursor) -> None:
    """Switching a fresh file to WAL needs it to itself. When several processes open it at once,
    SQLite refuses some of them at once instead of calling the busy handler (it would deadlock
    on their shared locks; 10 of 1,200 openers in a stress run), so wait here as the handler
    would have. Once one process has switched, the mode is stored in the file and this passes."""
    deadline = time.monotonic() + SQLITE_BUSY_MS / 1000
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


def _transient(e: SQLAlchemyError) -> bool:
    if isinstance(e, IntegrityError):
        return True  # a concurrent writer took the key: the next attempt sees its row
    if _disconnected(e):
        return True
    code = getattr(getattr(e, "orig", None), "sqlstate", None)
    return code in ("40001", "40P01") or "database is locked" in str(e)


def _disconnected(e: SQLAlchemyError) -> bool:
    if isinstance(e, DBAPIError) and e.connection_invalidated:
        return True
    if not isinstance(e, OperationalError):
        return False
    text = str(e).lower()
    return any(
        s in text
        for s in (
            "connection",
            "server closed",
            "terminating",
            "could not connect",
            "refused",
            "resolve host",
            "timeout",
            "timed out",
        )
    )


def _sqlite_unavailable(e: SQLAlchemyError) -> str | None:
    """The sentence for a SQLite failure that waiting may cure, or None."""
    if not isinstance(e, OperationalError):
        return None
    text = str(getattr(e, "orig", e)).lower()
    return next((said for s, said in _SQLITE_UNAVAILABLE.items() if s in text), None)


def _unavailable_sentence(e: SQLAlchemyError, doing: str) -> str:
    reason = _sqlite_unavailable(e)
    if reason is None:
        return UNAVAILABLE[doing]
    if doing == "write":
        return f"{reason}, so nothing was saved. Try again in a moment."
    return f"{reason}. Try again in a moment."


def _constraint_message(detail: str) -> str:
    for column, message in _CONSTRAINTS.items():
        if re.search(rf"\b{column}\b", detail):
            return message
    return "That change clashes with one made at the same moment; please try again."


def redact(text: str, url: str) -> str:
    """`text` without the password of `url`, in any form it may take in a message."""
    secrets = {p for p in _passwords(url) if p}
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    text = re.sub(r"(password=)[^&\s'\"]+", r"\1***", text, flags=re.IGNORECASE)
    return re.sub(r"(://[^:/@\s]*:)[^\s/]*@", r"\1***@", text)


def _passwords(url: str) -> set[str]:
    found: set[str] = set()
    raws = re.findall(r"://[^:/\s]*:(.*)@[^@]*$", url)
    try:
        parsed = make_url(url)
        # With an unencoded "@" in the password the parser keeps only the part before it (maybe
        # one letter, found all over a message); the raw forms below cover it.
        if parsed.password and not any(r.startswith(f"{parsed.password}@") for r in raws):
            found.add(str(parsed.password))
        found.update(str(v) for k, v in parsed.query.items() if "password" in k.lower())
    except Exception:  # an unparsable URL: fall back to the patterns below
        pass
    for raw in raws:
        found.update({raw, unquote(raw)})
        if "@" in raw:  # the rest becomes the start of the host name: "host 'ss@127.0.0.1'"
            head, tail = raw.split("@", 1)
            found.update({f"{head}@", f"{tail}@"})
    for raw in re.findall(r"password=([^&\s]+)", url, flags=re.IGNORECASE):
        found.update({raw, unquote(raw)})
    return found


def safe_url(url: str) -> str:
    """The URL for a message, with any password masked."""
    return redact(url, url)
