"""Dated snapshots in SQL: a read-only copy of a workspace in the file format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from coordination.errors import NotFound
from coordination.storage import schema as t

s = t.snapshots.c


@dataclass(frozen=True)
class Snapshot:
    id: int
    label: str
    taken_at: datetime


def add(conn: Connection, ws_id: int, label: str, payload: str) -> int:
    return conn.execute(
        insert(t.snapshots).values(workspace_id=ws_id, label=label, payload=payload)
    ).inserted_primary_key[0]


def of_workspace(conn: Connection, ws_id: int) -> list[Snapshot]:
    rows = conn.execute(
        select(s.id, s.label, s.taken_at).where(s.workspace_id == ws_id).order_by(s.taken_at)
    ).all()
    return [Snapshot(*row) for row in rows]


def payload(conn: Connection, ws_id: int, snapshot_id: int) -> str:
    """A snapshot's file, only if it belongs to this workspace (an edited id reaches nothing)."""
    found = conn.scalar(select(s.payload).where(s.id == snapshot_id, s.workspace_id == ws_id))
    if found is None:
        raise NotFound("This snapshot does not exist in this workspace.")
    return found
