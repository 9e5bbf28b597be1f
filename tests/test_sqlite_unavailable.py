"""SQLite's own outages: a file locked by another program, a read-only file, a full disk.
Each is Unavailable (an answer given meanwhile is kept and written again) with a sentence."""

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
