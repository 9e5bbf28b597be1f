"""Progress over time: a target level per use case, the improvement plan, and outcomes.

- `use_cases.target_level`: where the owner wants the use case to be (1 to the top level).
- `plan_items`: improvements someone took on, per use case: the text, the gate conditions it
  fixes (JSON, its identity: it survives a change of the lens's wording), an owner (a name or a
  function), a due date and a status.
- `outcomes`: what the use case changed in the work (the questionnaire's `[[outcomes]]`), one
  answer per outcome question, with when it was given.

Revision ID: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"

_now = sa.func.now()


def upgrade() -> None:
    with op.batch_alter_table("use_cases") as batch:
        batch.add_column(sa.Column("target_level", sa.SmallInteger, nullable=True))
    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "use_case_id",
            sa.Integer,
            sa.ForeignKey("use_cases.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("conditions", sa.Text, nullable=False, server_default="[]"),
        sa.Column("owner", sa.String(200), nullable=False, server_default=""),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("status", sa.String(10), nullable=False, server_default="planned"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now),
    )
    op.create_table(
        "outcomes",
        sa.Column(
            "use_case_id",
            sa.Integer,
            sa.ForeignKey("use_cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("outcome", sa.String(50), primary_key=True),
        sa.Column("answer", sa.String(50), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False, server_default=_now),
    )
