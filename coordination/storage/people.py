"""Who may come in, in SQL: owner sign-ins, invitations and participants.

Tokens are made and hashed by `coordination.access`; only hashes of browser credentials are
stored, and an invitation link's secret not at all (it is derived from the owner key). Lookups
return `access` identities, so the rules never see a database row.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from coordination.access import OWNER_SIGN_IN_DAYS, Participant, new_token, token_hash
from coordination.storage import schema as t
from coordination.storage import workshops

LEGACY_OWNER_KEY = "owner_key"  # where releases before 0006 kept a generated key, in clear
i, p, w = t.invitations.c, t.participants.c, t.workspaces.c


def legacy_owner_key(conn: Connection) -> str | None:
    """The owner key an older release kept in clear in the database, if it is still there."""
    return conn.scalar(select(t.meta.c.value).where(t.meta.c.key == LEGACY_OWNER_KEY))


def forget_legacy_owner_key(conn: Connection) -> None:
    conn.execute(delete(t.meta).where(t.meta.c.key == LEGACY_OWNER_KEY))


def add_sign_in(conn: Connection, key_hash: str) -> str:
    token = new_token()
    conn.execute(t.sign_ins.insert().values(token_hash=token_hash(token), key_hash=key_hash))
    return token


def sign_in_valid(conn: Connection, token: str, key_hash: str) -> bool:
    """Made with today's owner key, and not older than OWNER_SIGN_IN_DAYS."""
    s = t.sign_ins.c
    row = conn.execute(
        select(s.key_hash, s.created_at).where(s.token_hash == token_hash(token))
    ).first()
    if row is None or row.key_hash != key_hash:
        return False
    made = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    return datetime.now(UTC) - made < timedelta(days=OWNER_SIGN_IN_DAYS)


def remove_sign_in(conn: Connection, hashed: str) -> None:
    conn.execute(delete(t.sign_ins).where(t.sign_ins.c.token_hash == hashed))


def invitation_for(conn: Connection, ws_id: int, use_cases: list[str]) -> int:
    """The open plain invitation to exactly these use cases, made if there is none yet (a
    workshop's invitation is never handed out this way: it has its own rules)."""
    wanted = json.dumps(use_cases)
    in_workshops = select(t.workshops.c.invitation_id)
    found = conn.scalar(
        select(i.id).where(
            i.workspace_id == ws_id, i.use_cases == wanted, ~i.closed, i.id.not_in(in_workshops)
        )
    )
    return found or new_invitation(conn, ws_id, use_cases)


def new_invitation(conn: Connection, ws_id: int, use_cases: list[str]) -> int:
    return conn.execute(
        t.invitations.insert()
        .values(workspace_id=ws_id, use_cases=json.dumps(use_cases), closed=False)
        .returning(i.id)
    ).scalar_one()


def open_invitation(conn: Connection, invitation: int | None) -> int | None:
    """The invitation, if it is open in a live workspace: a closed one lets no one new in."""
    if invitation is None:
        return None
    return conn.scalar(
        select(i.id)
        .join(t.workspaces, w.id == i.workspace_id)
        .where(i.id == invitation, w.state == "live", ~i.closed)
    )


def invitation_exists(conn: Connection, invitation: int) -> bool:
    return conn.scalar(select(i.id).where(i.id == invitation)) is not None


def legacy_invitation(conn: Connection, token: str) -> int | None:
    """An invitation whose link was handed out before its secret was derived (only the
    link's hash is kept)."""
    return conn.scalar(select(i.id).where(i.token_hash == token_hash(token)))


def invitation_of(conn: Connection, participant_id: int) -> int | None:
    return conn.scalar(select(p.invitation_id).where(p.id == participant_id))


def join_numbers(conn: Connection, invitations) -> dict[int, int]:
    """Each participant of these invitations by id: the order they joined in (1, 2, …),
    counting only those whose page opened, as the console does (`workshops.participants`): a
    join nobody opened (a link preview) took a number the console never showed, so the same
    person was Participant 1 there and Participant 2 on Result and in the deck."""
    numbers: dict[int, int] = {}
    counts: dict[int, int] = {}
    if not invitations:
        return numbers
    for pid, invitation in conn.execute(
        select(p.id, p.invitation_id)
        .where(p.invitation_id.in_(list(invitations)), p.seen_at.is_not(None))
        .order_by(p.id)
    ):
        counts[invitation] = counts.get(invitation, 0) + 1
        numbers[pid] = counts[invitation]
    return numbers


def add_participant(conn: Connection, invitation: int, *, proxy: bool = False) -> str:
    """A new participant's token. Someone the facilitator adds (proxy) is seen at once: the
    facilitator's screen is their page."""
    token = new_token()
    conn.execute(
        t.participants.insert().values(
            invitation_id=invitation,
            token_hash=token_hash(token),
            proxy=proxy,
            seen_at=func.now() if proxy else None,
        )
    )
    return token


def mark_seen(conn: Connection, participant_id: int) -> None:
    conn.execute(
        update(t.participants)
        .where(p.id == participant_id, p.seen_at.is_(None))
        .values(seen_at=func.now())
    )


def is_proxy(conn: Connection, participant_id: int) -> bool:
    return bool(conn.scalar(select(p.proxy).where(p.id == participant_id)))


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


def close_invitation(conn: Connection, ws_id: int, invitation: int | None) -> None:
    conn.execute(
        update(t.invitations).where(i.workspace_id == ws_id, i.id == invitation).values(closed=True)
    )
