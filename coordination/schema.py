"""Database tables (SQLAlchemy Core), the schema version and the engine set-up.

Designed for what comes next: one row per answer, so many respondents writing at once never
overwrite each other's work (no read-modify-write of a shared blob); a version counter per
workspace, bumped in every write, so pages cache scoring on it; snapshots as read-only JSON
copies of a workspace in the file format.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
)
from sqlalchemy.engine import Engine

SCHEMA_VERSION = 1

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)

workspaces = Table(
    "workspaces",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(80), nullable=False, unique=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("is_demo", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False, default=0),
    Column("functions", Text, nullable=False, default="[]"),  # JSON list, in display order
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

use_cases = Table(
    "use_cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(200), nullable=False),  # the file format's use case id, used in URLs
    Column("position", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("function", String(200)),
    Column("objective", String(200)),
    Column("involved", Text, nullable=False, default="[]"),  # JSON list of functions
    Column("tool", String(200)),
    Column("notes", Text),
    Column("retired", Boolean, nullable=False, default=False),
    UniqueConstraint("workspace_id", "key"),
)

responses = Table(
    "responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("use_case_id", ForeignKey("use_cases.id", ondelete="CASCADE"), nullable=False),
    Column("respondent", String(200), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("use_case_id", "respondent"),
)

# A row means "answered"; value NULL means the respondent chose "don't know".
answers = Table(
    "answers",
    metadata,
    Column("response_id", ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True),
    Column("question", String(50), primary_key=True),
    Column("value", SmallInteger),
)

notes = Table(
    "notes",
    metadata,
    Column("response_id", ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(50), primary_key=True),
    Column("text", Text, nullable=False),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(200), nullable=False),
    Column("taken_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("payload", Text, nullable=False),  # the assessment in file format v1
)


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    """WAL so readers never wait for the writer, a busy timeout so writers queue instead of
    failing, and BEGIN IMMEDIATE for writes so two writers never deadlock on lock upgrades."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "busy_timeout=10000", "foreign_keys=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
