"""Bring a database to the newest schema at start-up, with Alembic, safely.

Before anything is written the database's revision is read: one this app does not know (a
newer app's, or nonsense such as version "0") is refused with nothing touched. Then all
migrations run in one transaction under a lock, so 30 processes opening a fresh database at
once run them exactly once: PostgreSQL takes an advisory lock, SQLite a BEGIN IMMEDIATE.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from coordination.errors import SchemaMismatch

LEGACY_VERSION = "1"  # what `meta.schema_version` held before migrations existed
LEGACY_REVISION = "0001"
_LOCK_ID = 7_324_001  # any constant: the advisory lock all app servers agree on


def alembic_config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = conn
    return config


@cache
def scripts() -> ScriptDirectory:
    """The migrations as this app knows them, read once per process (for the revision check
    and the head; they do not change while it runs)."""
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    return scripts().get_current_head()


def upgrade(conn: Connection) -> None:
    """Migrate inside the caller's write transaction (it holds SQLite's write lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    current = check_revision(conn)
    if current == head():
        return  # up to date: nothing to run (a restart, a replica, a CLI call, a copy)
    config = alembic_config(conn)
    if current is None and _legacy_version(conn) == LEGACY_VERSION:
        command.stamp(config, LEGACY_REVISION)
    command.upgrade(config, "head")


def check_revision(conn: Connection) -> str | None:
    """The database's revision; SchemaMismatch if this app does not know it."""
    known = {rev.revision for rev in scripts().walk_revisions()}
    current = MigrationContext.configure(conn).get_current_revision()
    if current is not None and current not in known:
        raise SchemaMismatch(
            f"The database has schema revision {current!r}, which this version of the app "
            "does not know (it was probably written by a newer version): update the app. "
            "Nothing in the database was changed."
        )
    legacy = _legacy_version(conn)
    if current is None and legacy is not None and legacy != LEGACY_VERSION:
        raise SchemaMismatch(
            f"The database has schema version {legacy!r}, which this version of the app "
            "cannot read: update the app. Nothing in the database was changed."
        )
    return current


def _legacy_version(conn: Connection) -> str | None:
    if not inspect(conn).has_table("meta"):
        return None
    return conn.scalar(text("SELECT value FROM meta WHERE key = 'schema_version'"))
