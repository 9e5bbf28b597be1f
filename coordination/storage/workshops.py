"""Workshops in SQL: set-up, rounds and their phases, the facilitator's notes, agreement.

A workshop owns one invitation; its participants are that invitation's participants, so every
rule about who may answer what stays in one place (`coordination.access`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from coordination.errors import InvalidInput, NotFound
from coordination.storage import schema as t
from coordination.storage.workspaces import new_key
from coordination.workshop.codes import new_code
from coordination.workshop.settings import WorkshopSetup

k, r, i, p = t.workshops.c, t.rounds.c, t.invitations.c, t.participants.c


@dataclass(frozen=True)
class Round:
    use_case: str
    position: int
    phase: str
    opened_at: datetime | None
    note: str


@dataclass(frozen=True)
class Workshop:
    key: str
    code: str
    invitation: int  # the invitation's id (its participants are the workshop's)
    anonymity: str
    threshold: int
    slot_minutes: int
    closed: bool
    created_at: datetime
    rounds: tuple[Round, ...]

    @property
    def voting(self) -> Round | None:
        return next((rd for rd in self.rounds if rd.phase == "voting"), None)

    def round(self, use_case: str) -> Round:
        found = next((rd for rd in self.rounds if rd.use_case == use_case), None)
        if found is None:
            raise NotFound("This use case is not part of the workshop.")
        return found


@dataclass(frozen=True)
class RoomNow:
    """A workshop as a live screen reads it twice a second, in one look at the database: the
    workshop, who joined, and the answers they gave to the use case on screen."""

    workshop: Workshop
    joined: list[tuple[int, str | None]]  # (participant id, name), in joining order
    use_case: str | None  # the use case whose answers these are (None: none on show yet)
    responses: dict  # participant id -> Response, to `use_case`


def create(conn: Connection, ws_id: int, invitation_id: int, setup: WorkshopSetup) -> str:
    key = new_key()
    taken = set(conn.scalars(select(k.code)))
    code = new_code()
    while code in taken:  # 244 million codes: a clash is rare, but possible
        code = new_code()
    workshop_id = conn.execute(
        t.workshops.insert().values(
            key=key,
            workspace_id=ws_id,
            invitation_id=invitation_id,
            code=code,
            anonymity=setup.anonymity,
            threshold=setup.threshold,
            slot_minutes=setup.slot_minutes,
        )
    ).inserted_primary_key[0]
    conn.execute(
        t.rounds.insert(),
        [
            {"workshop_id": workshop_id, "use_case": uc, "position": n, "phase": "waiting"}
            for n, uc in enumerate(setup.use_cases)
        ],
    )
    return key


def of_workspace(conn: Connection, ws_id: int) -> list[Workshop]:
    keys = conn.scalars(
        select(k.key).where(k.workspace_id == ws_id).order_by(k.created_at.desc(), k.id.desc())
    ).all()
    return [one(conn, ws_id, key) for key in keys]


def one(conn: Connection, ws_id: int, key: str) -> Workshop:
    return with_id(conn, ws_id, key)[1]


def with_id(conn: Connection, ws_id: int, key: str) -> tuple[int, Workshop]:
    """The workshop and its row's id, in one look (two queries)."""
    row = conn.execute(
        select(
            k.id,
            k.key,
            k.code,
            i.id,
            k.anonymity,
            k.threshold,
            k.slot_minutes,
            i.closed,
            k.created_at,
        )
        .join(t.invitations, i.id == k.invitation_id)
        .where(k.key == key, k.workspace_id == ws_id)
    ).first()
    if row is None:
        raise NotFound("This workshop does not exist in this workspace.")
    rounds = conn.execute(
        select(r.use_case, r.position, r.phase, r.opened_at, r.note)
        .where(r.workshop_id == row.id)
        .order_by(r.position)
    ).all()
    return row.id, Workshop(*row[1:], rounds=tuple(Round(*rd) for rd in rounds))


def workshop_id(conn: Connection, ws_id: int, key: str) -> int:
    found = conn.scalar(select(k.id).where(k.key == key, k.workspace_id == ws_id))
    if found is None:
        raise NotFound("This workshop does not exist in this workspace.")
    return found


def set_order(conn: Connection, wid: int, order: list[str]) -> None:
    """The workshop's use cases in this order (every one of them, each once)."""
    for n, uc in enumerate(order):
        conn.execute(
            update(t.rounds).where(r.workshop_id == wid, r.use_case == uc).values(position=n)
        )


def set_phase(conn: Connection, wid: int, use_case: str, phase: str) -> None:
    values = {"phase": phase}
    if phase == "voting":
        # One use case open at a time: the room answers together, the console follows one.
        conn.execute(
            update(t.rounds)
            .where(r.workshop_id == wid, r.phase == "voting", r.use_case != use_case)
            .values(phase="revealed")
        )
        values["opened_at"] = func.now()
    conn.execute(
        update(t.rounds).where(r.workshop_id == wid, r.use_case == use_case).values(**values)
    )


def set_note(conn: Connection, wid: int, use_case: str, note: str) -> None:
    conn.execute(
        update(t.rounds).where(r.workshop_id == wid, r.use_case == use_case).values(note=note)
    )


def close(conn: Connection, wid: int) -> None:
    invitation = conn.scalar(select(k.invitation_id).where(k.id == wid))
    conn.execute(update(t.invitations).where(i.id == invitation).values(closed=True))


def agree(conn: Connection, uc_id: int, answers: dict, notes: dict) -> None:
    conn.execute(
        update(t.use_cases)
        .where(t.use_cases.c.id == uc_id)
        .values(agreed=json.dumps(answers), agreed_notes=json.dumps(notes) if notes else None)
    )


def by_code(conn: Connection, code: str) -> int | None:
    """The invitation of the open workshop with this code."""
    return conn.scalar(
        select(i.id)
        .join(t.workshops, k.invitation_id == i.id)
        .join(t.workspaces, t.workspaces.c.id == k.workspace_id)
        .where(k.code == code, ~i.closed, t.workspaces.c.state == "live")
    )


def closed_code(conn: Connection, code: str) -> bool:
    """Whether this code belonged to a workshop that has closed (its workspace still live)."""
    return (
        conn.scalar(
            select(i.id)
            .join(t.workshops, k.invitation_id == i.id)
            .join(t.workspaces, t.workspaces.c.id == k.workspace_id)
            .where(k.code == code, i.closed, t.workspaces.c.state == "live")
            .limit(1)
        )
        is not None
    )


def participants(
    conn: Connection, wid: int, *, unseen: bool = False
) -> list[tuple[int, str | None]]:
    """(id, display name) of everyone who joined, in the order they joined. Joined means their
    page opened (`seen_at`): a join nobody opened a page for counts for nothing (`unseen`
    includes them, for a check of who belongs to the workshop)."""
    invitation = conn.scalar(select(k.invitation_id).where(k.id == wid))
    query = select(p.id, p.display_name).where(p.invitation_id == invitation)
    if not unseen:
        query = query.where(p.seen_at.is_not(None))
    rows = conn.execute(query.order_by(p.id)).all()
    return [tuple(row) for row in rows]


def voting_use_cases(conn: Connection, invitation_id: int) -> tuple[str, ...] | None:
    """The use cases open for answers through this invitation: None when it is not a
    workshop's (then every invited use case is open)."""
    wid = conn.scalar(select(k.id).where(k.invitation_id == invitation_id))
    if wid is None:
        return None
    return tuple(conn.scalars(select(r.use_case).where(r.workshop_id == wid, r.phase == "voting")))


def refuse_unknown(use_cases: tuple[str, ...], known: set[str]) -> None:
    missing = [uc for uc in use_cases if uc not in known]
    if missing:
        raise InvalidInput(f"Not a use case of this workspace: {', '.join(missing)}.")


def all_answered(conn: Connection, ws_id: int, wid: int, use_case: str, questions) -> bool:
    """Whether everyone who joined has answered every question: one counting query."""
    a, rs, u = t.answers.c, t.responses.c, t.use_cases.c
    invitation = select(k.invitation_id).where(k.id == wid).scalar_subquery()
    people = conn.scalar(
        select(func.count()).where(p.invitation_id == invitation, p.seen_at.is_not(None))
    )
    given = conn.scalar(
        select(func.count())
        .select_from(t.answers)
        .join(t.responses, rs.id == a.response_id)
        .join(t.participants, p.id == rs.participant_id)
        .join(t.use_cases, u.id == rs.use_case_id)
        .where(
            p.invitation_id == invitation,
            p.seen_at.is_not(None),
            u.workspace_id == ws_id,
            u.key == use_case,
            a.question.in_(list(questions)),
        )
    )
    return people > 0 and given >= people * len(questions)
