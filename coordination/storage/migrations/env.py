"""Alembic's environment: always run on the connection `migrate.upgrade` hands over, inside the
transaction (and lock) it holds, so concurrent starts never race each other."""

from alembic import context

from coordination.storage.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
context.run_migrations()
