"""A workspace's brand for its exports: accent colour, font and logo.

Revision ID: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "brands",
        sa.Column(
            "workspace_id",
            sa.Integer,
            sa.ForeignKey("workspaces.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("accent", sa.String(7), nullable=False),
        sa.Column("font", sa.String(100), nullable=False),
        sa.Column("logo", sa.LargeBinary),
    )
