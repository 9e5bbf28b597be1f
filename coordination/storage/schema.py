"""The tables as they are at the newest migration (SQLAlchemy Core).

Alembic migrations in `migrations/versions/` build and change the real database; these
definitions are what the code queries, and a test checks that the two never drift apart.

Designed for many writers: one row per answer, so people answering at once never overwrite each
other (no read-modify-write of a shared blob); a version counter per workspace, bumped in every
write, so pages cache scoring on it; snapshots as read-only JSON copies in the file format.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
)

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)

workspaces = Table(
    "workspaces",
    metadata,
    Column("id", Integer, primary_key=True),
    # The workspace's id in URLs: random, so it can be neither guessed nor reused after a delete
    # (a cache keyed on it can never serve a deleted workspace's data for a new one).
    Column("key", String(32), nullable=False, unique=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("is_demo", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False, default=0),
    Column("functions", Text, nullable=False, default="[]"),  # JSON list, in display order
    # "live"; "staging" while a restore is being written in steps; "trash" while being purged.
    Column("state", String(10), nullable=False, default="live", server_default="live"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

use_cases = Table(
    "use_cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(200), nullable=False),  # the file format's use case id, used in URLs
    Column("position", Integer, nullable=False),
    Column("name", String(200), nullable=False),
    Column("function", String(200)),
    Column("objective", String(200)),
    Column("involved", Text, nullable=False, default="[]"),  # JSON list of functions
    Column("tool", String(200)),
    Column("notes", Text),
    Column("retired", Boolean, nullable=False, default=False),
    Column("agreed", Text),  # JSON: the team's answers agreed in a workshop
    Column("agreed_notes", Text),  # JSON: the rationale per question
    Column("target_level", SmallInteger),  # where the owner wants it to be
    UniqueConstraint("workspace_id", "key"),
)

# A response has one identity: a respondent the owner named (`respondent`, typed, imported or
# restored), or a participant (`participant_id`, and no stored label: their label is worked out
# when the workspace is read, so no typed name can ever find a participant's answers).
responses = Table(
    "responses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("use_case_id", ForeignKey("use_cases.id", ondelete="CASCADE"), nullable=False),
    Column("respondent", String(200)),
    Column("participant_id", ForeignKey("participants.id", ondelete="SET NULL")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("use_case_id", "respondent"),
    UniqueConstraint("use_case_id", "participant_id"),
)

# A row means "answered"; value NULL means the respondent chose "don't know".
answers = Table(
    "answers",
    metadata,
    Column("response_id", ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True),
    Column("question", String(50), primary_key=True),
    Column("value", SmallInteger),
)

notes = Table(
    "notes",
    metadata,
    Column("response_id", ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(50), primary_key=True),
    Column("text", Text, nullable=False),
)

# The improvement plan: what someone took on for a use case. `conditions` (JSON list of
# {"question", "at_least"}) is the item's identity and what "achieved" is checked against; a free
# item has none.
plan_items = Table(
    "plan_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("use_case_id", ForeignKey("use_cases.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("conditions", Text, nullable=False, server_default="[]"),
    Column("owner", String(200), nullable=False, server_default=""),
    Column("due", Date),
    Column("status", String(10), nullable=False, server_default="planned"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# What a use case changed in the work: one answer per outcome question of the questionnaire.
outcomes = Table(
    "outcomes",
    metadata,
    Column("use_case_id", ForeignKey("use_cases.id", ondelete="CASCADE"), primary_key=True),
    Column("outcome", String(50), primary_key=True),
    Column("answer", String(50), nullable=False),
    Column("answered_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("label", String(200), nullable=False),
    Column("taken_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("payload", Text, nullable=False),  # the assessment in the file format
)

# A browser signed in with the owner key. Only the token's hash is kept; `key_hash` ties the
# sign-in to the key it was made with, so changing the owner key signs every browser out.
sign_ins = Table(
    "sign_ins",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("key_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# An invitation lets people answer some use cases of one workspace. The secret in its link is
# derived from the owner key and the invitation's id (`access.invitation_token`), so it is not
# stored; `token_hash` only keeps links handed out before that (migration 0006) working.
invitations = Table(
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), unique=True),
    Column("use_cases", Text, nullable=False),  # JSON list of use case keys, in order
    Column("closed", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("invitation_id", ForeignKey("invitations.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("display_name", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("function", String(200)),  # the function they said they work in, if any
    # Added by the facilitator for someone in the room without a device: the facilitator may
    # write their answers. Nobody may write anyone else's.
    Column("proxy", Boolean, nullable=False, default=False, server_default=false()),
    # When their browser first opened the app's page: only then do they count as joined (in
    # the console's count and for the automatic reveal). A join without a page is empty.
    Column("seen_at", DateTime(timezone=True)),
)

# A live workshop: an invitation with a short join code, an anonymity mode and threshold, and a
# time slot per use case. Closing the workshop closes its invitation.
workshops = Table(
    "workshops",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(32), nullable=False, unique=True),
    Column("workspace_id", ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column(
        "invitation_id",
        ForeignKey("invitations.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("code", String(12), nullable=False, unique=True),
    Column("anonymity", String(12), nullable=False),
    Column("threshold", Integer, nullable=False),
    Column("slot_minutes", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# One use case of a workshop and its phase: waiting, voting, revealed, agreed.
rounds = Table(
    "rounds",
    metadata,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("use_case", String(200), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("phase", String(10), nullable=False),
    Column("opened_at", DateTime(timezone=True)),
    Column("note", Text, nullable=False, server_default=""),  # the facilitator's, private
)

# How a workspace's decks and PDFs look: set on the Backup & data page, used by every export.
brands = Table(
    "brands",
    metadata,
    Column("workspace_id", ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True),
    Column("accent", String(7), nullable=False),
    Column("font", String(100), nullable=False),
    Column("logo", LargeBinary),  # PNG or JPEG, at most 1 MB
)
