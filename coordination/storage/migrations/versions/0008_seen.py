"""A participant counts as joined once their browser opened the app's page.

`participants.seen_at`: when their page first ran. Opening `/join` or an invitation link makes
a participant (and sets their cookie), but a script can do that without ever loading a page:
50 such requests made the presenter show "54 joined" and held the automatic reveal for people
who would never answer. The console's count and the reveal count only participants seen here.
Participants from before this change are taken as seen (their joins were real then).

Revision ID: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE participants SET seen_at = created_at")
