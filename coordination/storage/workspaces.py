"""Workspaces in SQL: list, create, rename, delete, functions, and the version every write bumps.

Names arrive here already checked (`coordination.names`); these functions only read and write.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from coordination.errors import InvalidInput, NotFound
from coordination.names import name_key, slugify, unique
from coordination.storage import schema as t

w = t.workspaces.c


@dataclass(frozen=True)
class Workspace:
    key: str  # random, in URLs
    name: str
    is_demo: bool
    version: int

    @property
    def file_stem(self) -> str:
        """A file-name-safe form of the name, for downloads."""
        return slugify(self.name)


def new_key() -> str:
    return secrets.token_urlsafe(12)  # 96 bits


def all_live(conn: Connection) -> list[Workspace]:
    rows = conn.execute(
        select(w.key, w.name, w.is_demo, w.version)
        .where(w.state == "live")
        .order_by(w.is_demo, w.name)
    ).all()
    return [Workspace(*row) for row in rows]


def one(conn: Connection, key: str) -> Workspace:
    row = conn.execute(
        select(w.key, w.name, w.is_demo, w.version).where(w.key == key, w.state == "live")
    ).first()
    if row is None:
        raise NotFound("This workspace does not exist; it may have been deleted.")
    return Workspace(*row)


def id_for_write(conn: Connection, key: str) -> int:
    """The workspace's row id, locked until the transaction ends (PostgreSQL: FOR UPDATE), so
    writes to one workspace run one after the other and never race on its use case keys."""
    ws_id = conn.scalar(select(w.id).where(w.key == key, w.state == "live").with_for_update())
    if ws_id is None:
        raise NotFound("This workspace does not exist; it may have been deleted.")
    return ws_id


def id_for_read(conn: Connection, key: str) -> int:
    ws_id = conn.scalar(select(w.id).where(w.key == key, w.state == "live"))
    if ws_id is None:
        raise NotFound("This workspace does not exist; it may have been deleted.")
    return ws_id


def bump(conn: Connection, ws_id: int) -> None:
    conn.execute(update(t.workspaces).where(w.id == ws_id).values(version=w.version + 1))


def insert_workspace(
    conn: Connection,
    name: str,
    functions: list[str],
    *,
    is_demo: bool = False,
    rename_if_taken: bool = False,
    state: str = "live",
) -> tuple[int, str]:
    """Insert a workspace; returns (row id, key). A taken name is refused or numbered."""
    taken = set(conn.scalars(select(w.name)))
    if name_key(name) in {name_key(n) for n in taken}:
        if not rename_if_taken:
            raise InvalidInput(f"A workspace called '{name}' already exists.")
        name = unique(name, taken, sep=" ")
    key = new_key()
    ws_id = conn.execute(
        insert(t.workspaces).values(
            key=key,
            name=name,
            is_demo=is_demo,
            version=0,
            functions=json.dumps(functions),
            state=state,
        )
    ).inserted_primary_key[0]
    return ws_id, key


def rename(conn: Connection, ws_id: int, name: str) -> None:
    clash = conn.scalar(select(w.id).where(func.lower(w.name) == name.lower(), w.id != ws_id))
    if clash is not None:
        raise InvalidInput(f"A workspace called '{name}' already exists.")
    conn.execute(update(t.workspaces).where(w.id == ws_id).values(name=name, is_demo=False))


def set_functions(conn: Connection, ws_id: int, functions: list[str]) -> None:
    conn.execute(update(t.workspaces).where(w.id == ws_id).values(functions=json.dumps(functions)))


def hide(conn: Connection, ws_id: int) -> None:
    """Take a workspace out of every list at once; `purge` removes its rows in steps later.
    Its name is freed now, so a new workspace may take it straight away."""
    conn.execute(
        update(t.workspaces)
        .where(w.id == ws_id)
        .values(state="trash", name=f"trash {new_key()}", version=w.version + 1)
    )


def trash_ids(conn: Connection) -> list[int]:
    return list(conn.scalars(select(w.id).where(w.state == "trash")))


def delete_row(conn: Connection, ws_id: int) -> None:
    conn.execute(delete(t.workspaces).where(w.id == ws_id))


def demo(conn: Connection) -> Workspace | None:
    return next((ws for ws in all_live(conn) if ws.is_demo), None)


def state_of(conn: Connection, ws_id: int) -> str | None:
    return conn.scalar(select(w.state).where(w.id == ws_id))


def to_trash(conn: Connection, ws_id: int) -> None:
    conn.execute(
        update(t.workspaces).where(w.id == ws_id).values(state="trash", name=f"trash {new_key()}")
    )


def publish(conn: Connection, staging: int, name: str, *, is_demo: bool) -> str:
    """A fully written restore becomes a live workspace, numbered if its name is taken."""
    taken = set(conn.scalars(select(w.name).where(w.id != staging)))
    if name_key(name) in {name_key(n) for n in taken}:
        name = unique(name, taken, sep=" ")
    conn.execute(
        update(t.workspaces).where(w.id == staging).values(state="live", name=name, is_demo=is_demo)
    )
    return conn.scalar(select(w.key).where(w.id == staging))


def swap_in(conn: Connection, staging: int, target: int, functions: list[str]) -> str:
    """The staging workspace's use cases replace the target's, in one short transaction; the
    old ones go to a hidden workspace that is purged in steps afterwards."""
    u = t.use_cases.c
    trash, _ = insert_workspace(conn, f"trash {new_key()}", [], state="trash")
    conn.execute(update(t.use_cases).where(u.workspace_id == target).values(workspace_id=trash))
    conn.execute(update(t.use_cases).where(u.workspace_id == staging).values(workspace_id=target))
    set_functions(conn, target, functions)
    to_trash(conn, staging)
    return conn.scalar(select(w.key).where(w.id == target))


def use_case_ids(conn: Connection, ws_id: int, limit: int) -> list[int]:
    u = t.use_cases.c
    return list(conn.scalars(select(u.id).where(u.workspace_id == ws_id).limit(limit)))


def delete_use_cases(conn: Connection, ids: list[int]) -> None:
    """Their responses, answers and notes go with them (ON DELETE CASCADE)."""
    conn.execute(delete(t.use_cases).where(t.use_cases.c.id.in_(ids)))
