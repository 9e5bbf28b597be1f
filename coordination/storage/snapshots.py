"""Snapshots in SQL: named, dated, read-only copies of a workspace in the file format.

The payload is the file a snapshot downloads as: the workspace as `Store.load` reads it (every
answer, hidden names hidden), with its `snapshot` field saying its label, when it was taken
and which workshop answers were withheld at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from coordination.errors import NotFound
from coordination.storage import schema as t

s = t.snapshots.c


@dataclass(frozen=True)
class Snapshot:
    id: int
    label: str
    taken_at: datetime


def add(conn: Connection, ws_id: int, label: str, payload: str, taken_at=None) -> int:
    values = {"workspace_id": ws_id, "label": label, "payload": payload}
    if taken_at is not None:
        values["taken_at"] = taken_at
    return conn.execute(insert(t.snapshots).values(**values)).inserted_primary_key[0]


def of_workspace(conn: Connection, ws_id: int) -> list[Snapshot]:
    rows = conn.execute(
        select(s.id, s.label, s.taken_at).where(s.workspace_id == ws_id).order_by(s.taken_at, s.id)
    ).all()
    return [Snapshot(*row) for row in rows]


def labels(conn: Connection, ws_id: int) -> list[str]:
    return list(conn.scalars(select(s.label).where(s.workspace_id == ws_id)))


def payload(conn: Connection, ws_id: int, snapshot_id: int) -> str:
    """A snapshot's file, only if it belongs to this workspace (an edited id reaches nothing)."""
    found = conn.scalar(select(s.payload).where(s.id == snapshot_id, s.workspace_id == ws_id))
    if found is None:
        raise NotFound("This snapshot does not exist in this workspace.")
    return found


def one(conn: Connection, ws_id: int, snapshot_id: int) -> Snapshot:
    row = conn.execute(
        select(s.id, s.label, s.taken_at).where(s.id == snapshot_id, s.workspace_id == ws_id)
    ).first()
    if row is None:
        raise NotFound("This snapshot does not exist in this workspace.")
    return Snapshot(*row)


def rename(conn: Connection, ws_id: int, snapshot_id: int, label: str, payload: str) -> None:
    conn.execute(
        update(t.snapshots)
        .where(s.id == snapshot_id, s.workspace_id == ws_id)
        .values(label=label, payload=payload)
    )


def remove(conn: Connection, ws_id: int, snapshot_id: int) -> None:
    one(conn, ws_id, snapshot_id)
    conn.execute(delete(t.snapshots).where(s.id == snapshot_id, s.workspace_id == ws_id))
