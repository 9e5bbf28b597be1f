"""Use cases in SQL: add, edit, list. Fields arrive checked by `Store`; here they are stored."""

from __future__ import annotations

import json

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from coordination.errors import InvalidInput, NotFound
from coordination.names import name_key, slugify, unique
from coordination.storage import schema as t

u = t.use_cases.c
FIELDS = (
    "name",
    "function",
    "objective",
    "involved",
    "tool",
    "notes",
    "retired",
    "target_level",
)


def add(conn: Connection, ws_id: int, name: str, columns: dict) -> str:
    """Insert a use case; returns its key, made from its name and stable across renames."""
    existing = conn.execute(select(u.key, u.name).where(u.workspace_id == ws_id)).all()
    refuse_duplicate(name, [row.name for row in existing])
    key = unique(slugify(name), {row.key for row in existing})
    position = conn.scalar(
        select(func.coalesce(func.max(u.position), -1)).where(u.workspace_id == ws_id)
    )
    conn.execute(
        insert(t.use_cases).values(
            workspace_id=ws_id, key=key, position=position + 1, name=name, **columns
        )
    )
    return key


def update_fields(conn: Connection, ws_id: int, key: str, columns: dict) -> None:
    uc_id = id_of(conn, ws_id, key)
    if "name" in columns:
        others = conn.scalars(select(u.name).where(u.workspace_id == ws_id, u.id != uc_id)).all()
        refuse_duplicate(columns["name"], others)
    conn.execute(update(t.use_cases).where(u.id == uc_id).values(**columns))


def id_of(conn: Connection, ws_id: int, key: str) -> int:
    uc_id = conn.scalar(select(u.id).where(u.workspace_id == ws_id, u.key == key))
    if uc_id is None:
        raise NotFound("This use case does not exist in this workspace.")
    return uc_id


def in_use(conn: Connection, ws_id: int) -> list[tuple[str, str]]:
    """(key, name) of the use cases not retired, in order."""
    rows = conn.execute(
        select(u.key, u.name).where(u.workspace_id == ws_id, ~u.retired).order_by(u.position)
    ).all()
    return [(row.key, row.name) for row in rows]


def refuse_duplicate(name: str, others) -> None:
    if name_key(name) in {name_key(o) for o in others}:
        raise InvalidInput(f"A use case called '{name}' already exists in this workspace.")


def to_columns(fields: dict) -> dict:
    """Checked field values as column values (lists as JSON)."""
    columns = dict(fields)
    if "involved" in columns:
        columns["involved"] = json.dumps(columns["involved"])
    if "retired" in columns:
        columns["retired"] = bool(columns["retired"])
    return columns
