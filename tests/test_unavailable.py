"""Databases that cannot take a write for now: SQLite's own outages (a file locked by another
program, a read-only file, a full disk) are Unavailable (an answer given meanwhile is kept and
written again) with a sentence, and a PostgreSQL server that never answers is given up on in
seconds."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from coordination.errors import Unavailable
from coordination.storage import Store, database


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "app.db"
    Store.from_url(f"sqlite:///{path}").engine.dispose()
    return path


def test_a_file_another_program_keeps_locked_is_unavailable_with_a_sentence(path, monkeypatch):
    monkeypatch.setattr(database, "SQLITE_BUSY_MS", 50)  # not 30 s of waiting in a test
    store = Store.from_url(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program's long write
    try:
        with pytest.raises(Unavailable) as caught:
            store.create_workspace("Locked out")
        assert str(caught.value) == (
            "The database is busy with another program's long write, so nothing was saved. "
            "Try again in a moment."
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.create_workspace("Locked out").name == "Locked out"  # waiting cured it


def test_a_read_only_file_is_unavailable_with_a_sentence(path):
    store = Store.from_url(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert store.reachable()  # it answers reads
    with pytest.raises(Unavailable) as caught:
        store.create_workspace("Cannot write")
    assert str(caught.value) == (
        "The database file cannot be written to (it is read-only), so nothing was saved. "
        "Try again in a moment."
    )


@pytest.mark.parametrize(
    ("driver", "said"),
    [
        ("database or disk is full", "The disk that holds the database is full"),
        ("disk I/O error", "The disk that holds the database cannot be written to"),
    ],
)
def test_a_full_or_failing_disk_is_unavailable_with_a_sentence(path, driver, said):
    db = database.Database(f"sqlite:///{path}")
    error = OperationalError("INSERT …", {}, sqlite3.OperationalError(driver))
    mapped = db._mapped(error, "write")
    assert isinstance(mapped, Unavailable)
    assert str(mapped) == f"{said}, so nothing was saved. Try again in a moment."


def test_a_database_server_that_never_answers_is_given_up_on_within_seconds():
    """A host that takes the connection and says nothing (gone from the network behind a
    proxy) must not hold a page, or the start-up wait, for the system's minutes."""
    import socket
    import time

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel completes the handshake; nobody ever answers
        port = silent.getsockname()[1]
        db = database.Database(f"postgresql+psycopg://u:p@127.0.0.1:{port}/db")
        started = time.monotonic()
        assert not db.reachable()
        assert time.monotonic() - started < database.CONNECT_SECONDS + 3
