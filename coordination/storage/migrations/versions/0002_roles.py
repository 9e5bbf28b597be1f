"""Roles: owner sign-ins, invitations and participants; random workspace keys in URLs.

Workspace slugs made from names ("acme-gmbh") were guessable and came back after a delete, so a
cache keyed on them could serve a deleted workspace's data; every workspace gets a random key.
`state` lets a large restore be written in steps into a hidden workspace.

Revision ID: 0002
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

_now = sa.func.now()


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("key", sa.String(32), nullable=True))
        batch.add_column(sa.Column("state", sa.String(10), nullable=False, server_default="live"))
    conn = op.get_bind()
    for (ws_id,) in conn.execute(sa.text("SELECT id FROM workspaces")).all():
        conn.execute(
            sa.text("UPDATE workspaces SET key = :key WHERE id = :id"),
            {"key": secrets.token_urlsafe(12), "id": ws_id},
        )
    with op.batch_alter_table("workspaces") as batch:
        batch.alter_column("key", existing_type=sa.String(32), nullable=False)
        batch.create_unique_constraint("uq_workspaces_key", ["key"])
        batch.drop_column("slug")

    op.create_table(
        "sign_ins",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now),
    )
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "workspace_id",
            sa.Integer,
            sa.ForeignKey("workspaces.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("use_cases", sa.Text, nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "invitation_id",
            sa.Integer,
            sa.ForeignKey("invitations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now),
    )
    with op.batch_alter_table("responses") as batch:
        batch.add_column(
            sa.Column(
                "participant_id",
                sa.Integer,
                sa.ForeignKey(
                    "participants.id", name="fk_responses_participant", ondelete="SET NULL"
                ),
                nullable=True,
            )
        )
        batch.create_unique_constraint(
            "uq_responses_participant", ["use_case_id", "participant_id"]
        )
