"""One identity per response, and no secret in clear in the database.

- A response belongs to a participant (`participant_id`) or to a respondent the owner named
  (`respondent`), never both: a participant's response has no stored label, so nothing an owner
  types, an import names or a backup restores can ever find it. Its label is worked out where a
  workspace is read (`coordination.respondents`).
- A participant the facilitator added for someone without a device is marked `proxy`: the
  facilitator may answer for them, and for nobody else.
- Invitation links carry a secret derived from the owner key (`access.invitation_token`); the
  database keeps only the SHA-256 of links handed out before this revision, so they still work.

Revision ID: 0006
"""

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    conn = op.get_bind()
    _hide_names_in_snapshots(conn)
    with op.batch_alter_table("responses") as batch:
        batch.alter_column("respondent", existing_type=sa.String(200), nullable=True)
    conn.execute(sa.text("UPDATE responses SET respondent = NULL WHERE participant_id IS NOT NULL"))

    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("proxy", sa.Boolean, nullable=False, server_default=sa.false()))

    with op.batch_alter_table("invitations") as batch:
        batch.add_column(sa.Column("token_hash", sa.String(64), nullable=True))
    for invitation, token in conn.execute(sa.text("SELECT id, token FROM invitations")).all():
        conn.execute(
            sa.text("UPDATE invitations SET token_hash = :h WHERE id = :id"),
            {"h": hashlib.sha256(token.encode()).hexdigest(), "id": invitation},
        )
    with op.batch_alter_table("invitations") as batch:
        batch.create_unique_constraint("uq_invitations_token_hash", ["token_hash"])
        batch.drop_column("token")


def _hide_names_in_snapshots(conn) -> None:
    """Snapshots kept a hidden participant's name beside their answers (a download relabelled
    it): relabel them now as `coordination.respondents` labels them, so the stored copy holds
    no name either."""
    from coordination.respondents import Who, labels

    rows = conn.execute(
        sa.text(
            "SELECT r.id, r.use_case_id, r.respondent, r.participant_id, p.invitation_id, "
            "u.workspace_id, u.key FROM responses r "
            "JOIN participants p ON p.id = r.participant_id "
            "JOIN workshops k ON k.invitation_id = p.invitation_id "
            "JOIN use_cases u ON u.id = r.use_case_id WHERE k.anonymity <> 'off'"
        )
    ).all()
    if not rows:
        return
    order = conn.execute(sa.text("SELECT id, invitation_id FROM participants ORDER BY id")).all()
    numbers, counts = {}, {}
    for pid, invitation in order:
        counts[invitation] = counts.get(invitation, 0) + 1
        numbers[pid] = counts[invitation]
    new = labels(
        Who(response=r.id, use_case=r.use_case_id, participant=r.participant_id,
            number=numbers[r.participant_id], hidden=True)
        for r in rows
    )  # fmt: skip
    renamed: dict[int, dict[tuple[str, str], str]] = {}
    for r in rows:
        renamed.setdefault(r.workspace_id, {})[(r.key, r.respondent)] = new[r.id]
    for ws_id, names in renamed.items():
        snaps = conn.execute(
            sa.text("SELECT id, payload FROM snapshots WHERE workspace_id = :w"), {"w": ws_id}
        ).all()
        for snap_id, payload in snaps:
            data = json.loads(payload)
            for uc in data.get("use_cases", []):
                for response in uc.get("responses", []):
                    label = names.get((uc.get("id"), response.get("respondent")))
                    if label is not None:
                        response["respondent"] = label
            conn.execute(
                sa.text("UPDATE snapshots SET payload = :p WHERE id = :id"),
                {"p": json.dumps(data, ensure_ascii=False), "id": snap_id},
            )
