"""Storage: workspaces, use cases, answers, snapshots and access in SQLite or PostgreSQL.

database.py    the engine, transactions, retries, and database errors as sentences
migrate.py     Alembic migrations at start-up (migrations/versions/)
schema.py      the tables at the newest migration
workspaces.py, use_cases.py, answers.py, assessments.py, snapshots.py, people.py
               the SQL for each thing stored
store.py       `Store`, the port: rules first (coordination.names, coordination.access),
               then one transaction
"""

from coordination.storage.snapshots import Snapshot
from coordination.storage.store import Store
from coordination.storage.workspaces import Workspace

__all__ = ["Snapshot", "Store", "Workspace"]
