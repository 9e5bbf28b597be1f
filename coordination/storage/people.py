"""Who may come in, in SQL: the owner key, owner sign-ins, invitations and participants.

Tokens are made and hashed by `coordination.access`; only hashes of browser credentials are
stored. Lookups return `access` identities, so the rules never see a database row.
"""

from __future__ import annotations

import json

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from coordination.access import Participant, new_token, token_hash
from coordination.storage import schema as t
from coordination.storage import workshops
from coordination.storage.sql import insert_ignore

OWNER_KEY = "owner_key"
i, p, w = t.invitations.c, t.participants.c, t.workspaces.c


def owner_key(conn: Connection) -> str:
    """The stored owner key, made on first start; concurrent first starts agree on one."""
    insert_ignore(conn, t.meta, {"key": OWNER_KEY, "value": new_token()})
    return conn.scalar(select(t.meta.c.value).where(t.meta.c.key == OWNER_KEY))


def add_sign_in(conn: Connection, key_hash: str) -> str:
    token = new_token()
    conn.execute(t.sign_ins.insert().values(token_hash=token_hash(token), key_hash=key_hash))
    return token


def sign_in_valid(conn: Connection, token: str, key_hash: str) -> bool:
    s = t.sign_ins.c
    found = conn.scalar(select(s.key_hash).where(s.token_hash == token_hash(token)))
    return found == key_hash


def remove_sign_in(conn: Connection, hashed: str) -> None:
    conn.execute(delete(t.sign_ins).where(t.sign_ins.c.token_hash == hashed))


def invitation_for(conn: Connection, ws_id: int, use_cases: list[str]) -> str:
    """The open plain invitation to exactly these use cases, made if there is none yet (a
    workshop's invitation is never handed out this way: it has its own rules)."""
    wanted = json.dumps(use_cases)
    in_workshops = select(t.workshops.c.invitation_id)
    found = conn.scalar(
        select(i.token).where(
            i.workspace_id == ws_id, i.use_cases == wanted, ~i.closed, i.id.not_in(in_workshops)
        )
    )
    return found or new_invitation(conn, ws_id, use_cases)


def new_invitation(conn: Connection, ws_id: int, use_cases: list[str]) -> str:
    token = new_token()
    conn.execute(
        t.invitations.insert().values(
            workspace_id=ws_id, token=token, use_cases=json.dumps(use_cases), closed=False
        )
    )
    return token


def invitation_id(conn: Connection, token: str) -> int | None:
    """The open invitation with this token: a closed one lets no one new in."""
    # Looked up by token only: the token is the secret, and it is unique.
    return conn.scalar(
        select(i.id)
        .join(t.workspaces, w.id == i.workspace_id)
        .where(i.token == token, w.state == "live", ~i.closed)
    )


def invitation_of(conn: Connection, participant_id: int) -> str | None:
    return conn.scalar(
        select(i.token).join(t.participants, p.invitation_id == i.id).where(p.id == participant_id)
    )


def add_participant(conn: Connection, invitation: int) -> str:
    token = new_token()
    conn.execute(
        t.participants.insert().values(invitation_id=invitation, token_hash=token_hash(token))
    )
    return token


def participant(conn: Connection, token: str) -> Participant | None:
    return _participant(conn, p.token_hash == token_hash(token))


def participant_by_id(conn: Connection, participant_id: int) -> Participant | None:
    """The participant as stored now (an invitation may have closed since the page loaded)."""
    return _participant(conn, p.id == participant_id)


def _participant(conn: Connection, condition) -> Participant | None:
    row = conn.execute(
        select(
            p.id,
            p.display_name,
            p.function,
            w.key,
            i.use_cases,
            i.closed,
            i.id.label("invitation"),
        )
        .join(t.invitations, i.id == p.invitation_id)
        .join(t.workspaces, w.id == i.workspace_id)
        .where(condition, w.state == "live")
    ).first()
    if row is None:
        return None
    return Participant(
        id=row.id,
        workspace=row.key,
        use_cases=tuple(json.loads(row.use_cases)),
        display_name=row.display_name,
        function=row.function,
        open=not row.closed,
        workshop=conn.scalar(
            select(t.workshops.c.key).where(t.workshops.c.invitation_id == row.invitation)
        ),
        voting=workshops.voting_use_cases(conn, row.invitation),
    )


def set_display_name(
    conn: Connection, participant_id: int, name: str | None, function: str | None = None
) -> None:
    conn.execute(
        update(t.participants)
        .where(p.id == participant_id)
        .values(display_name=name, function=function)
    )


def close_invitation(conn: Connection, ws_id: int, token: str) -> None:
    conn.execute(
        update(t.invitations).where(i.workspace_id == ws_id, i.token == token).values(closed=True)
    )
