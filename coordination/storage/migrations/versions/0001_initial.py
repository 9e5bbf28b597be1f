"""The schema of the first release: workspaces, use cases, responses, answers, notes, snapshots.

A database made before migrations existed (it has `meta.schema_version = 1` and no
`alembic_version`) is exactly this revision and is stamped with it instead of being rebuilt.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

_now = sa.func.now()


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(50), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "workspaces",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(80), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("is_demo", sa.Boolean, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("functions", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now),
    )
    op.create_table(
        "use_cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "workspace_id",
            sa.Integer,
            sa.ForeignKey("workspaces.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("function", sa.String(200)),
        sa.Column("objective", sa.String(200)),
        sa.Column("involved", sa.Text, nullable=False),
        sa.Column("tool", sa.String(200)),
        sa.Column("notes", sa.Text),
        sa.Column("retired", sa.Boolean, nullable=False),
        sa.UniqueConstraint("workspace_id", "key"),
    )
    op.create_table(
        "responses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "use_case_id",
            sa.Integer,
            sa.ForeignKey("use_cases.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("respondent", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_now),
        sa.UniqueConstraint("use_case_id", "respondent"),
    )
    op.create_table(
        "answers",
        sa.Column(
            "response_id",
            sa.Integer,
            sa.ForeignKey("responses.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("question", sa.String(50), primary_key=True),
        sa.Column("value", sa.SmallInteger),
    )
    op.create_table(
        "notes",
        sa.Column(
            "response_id",
            sa.Integer,
            sa.ForeignKey("responses.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.String(50), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "workspace_id",
            sa.Integer,
            sa.ForeignKey("workspaces.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False, server_default=_now),
        sa.Column("payload", sa.Text, nullable=False),
    )
