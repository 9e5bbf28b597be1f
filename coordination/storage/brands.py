"""A workspace's brand in SQL: one row, or none for the app's default look."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from coordination.files.brand import Brand
from coordination.storage import schema as t
from coordination.storage.sql import upsert

b = t.brands.c


def read(conn: Connection, ws_id: int) -> Brand:
    row = conn.execute(select(b.accent, b.font, b.logo).where(b.workspace_id == ws_id)).first()
    return Brand() if row is None else Brand(row.accent, row.font, row.logo)


def write(conn: Connection, ws_id: int, brand: Brand) -> None:
    values = {"workspace_id": ws_id, "accent": brand.accent, "font": brand.font, "logo": brand.logo}
    upsert(conn, t.brands, values, ["workspace_id"], ["accent", "font", "logo"])
