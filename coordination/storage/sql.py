"""Statements written once for both databases: upserts and insert-if-absent."""

from __future__ import annotations

from sqlalchemy.engine import Connection


def upsert(conn: Connection, table, values: dict, keys, update_columns, returning=None):
    """INSERT … ON CONFLICT DO UPDATE, in the dialect of whichever database this is."""
    stmt = _dialect_insert(conn)(table).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=keys, set_={c: stmt.excluded[c] for c in update_columns}
    )
    if returning is not None:
        return conn.execute(stmt.returning(returning)).scalar_one()
    conn.execute(stmt)
    return None


def insert_ignore(conn: Connection, table, values: dict) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when this call inserted the row.

    Told by RETURNING, not rowcount, which drivers need not report for an INSERT."""
    stmt = _dialect_insert(conn)(table).values(**values).on_conflict_do_nothing()
    key = table.primary_key.columns.values()[0]
    return conn.execute(stmt.returning(key)).first() is not None


def _dialect_insert(conn: Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert
