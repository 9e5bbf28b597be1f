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
from alembic.runtime.environment import EnvironmentContext
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
    """The migrations, read once per process. Alembic's commands read every version file
    again on each call, which made opening a database that is already up to date cost more
    than half a second (a server start, each replica, each CLI call, each test's database)."""
    script = ScriptDirectory.from_config(alembic_config())
    script.revision_map.heads  # noqa: B018 — loads every version file now, not mid-migration
    return script


def head() -> str:
    return scripts().get_current_head()


def upgrade(conn: Connection) -> None:
    """Migrate inside the caller's write transaction (it holds SQLite's write lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    current = check_revision(conn)
    if current == head():
        return  # up to date: nothing to run
    config = alembic_config(conn)
    if current is None and _legacy_version(conn) == LEGACY_VERSION:
        command.stamp(config, LEGACY_REVISION)
    _upgrade_to_head(config)


def _upgrade_to_head(config: Config) -> None:
    """`alembic upgrade head` on the scripts read once: the same steps as
    `command.upgrade(config, "head")`, which would read them all again."""
    script = scripts()
    with EnvironmentContext(
        config,
        script,
        fn=lambda rev, _context: script._upgrade_revs("head", rev),
        as_sql=False,
        starting_rev=None,
        destination_rev="head",
    ):
        script.run_env()


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
