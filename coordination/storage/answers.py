"""Responses, answers and notes in SQL: one row per answer, written as idempotent upserts.

A response belongs to one identity (`coordination.respondents`): a respondent the owner named,
found by that name among named respondents only, or a participant, found by their id. A
participant's response stores no label, so no name anyone types can reach it.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from coordination.models import Response
from coordination.storage import schema as t
from coordination.storage.sql import upsert

r, a, n = t.responses.c, t.answers.c, t.notes.c


def response_for_name(conn: Connection, uc_id: int, respondent: str) -> int:
    """The response row of a named respondent, made on first use (a participant's row has no
    name, so it is never this one)."""
    row = {"use_case_id": uc_id, "respondent": respondent, "updated_at": func.now()}
    return upsert(
        conn, t.responses, row, ["use_case_id", "respondent"], ["updated_at"], returning=r.id
    )


def response_for_participant(conn: Connection, uc_id: int, participant_id: int) -> int:
    """The response row of a participant, made on their first answer to this use case."""
    found = conn.scalar(
        select(r.id).where(r.use_case_id == uc_id, r.participant_id == participant_id)
    )
    if found is not None:
        conn.execute(update(t.responses).where(r.id == found).values(updated_at=func.now()))
        return found
    return conn.execute(
        t.responses.insert()
        .values(use_case_id=uc_id, respondent=None, participant_id=participant_id)
        .returning(r.id)
    ).scalar_one()


def set_answer(conn: Connection, response_id: int, question: str, value: int | None) -> None:
    upsert(
        conn,
        t.answers,
        {"response_id": response_id, "question": question, "value": value},
        ["response_id", "question"],
        ["value"],
    )


def set_note(conn: Connection, response_id: int, key: str, text: str) -> None:
    if text:
        upsert(
            conn,
            t.notes,
            {"response_id": response_id, "key": key, "text": text},
            ["response_id", "key"],
            ["text"],
        )
    else:
        conn.execute(delete(t.notes).where(n.response_id == response_id, n.key == key))


def read(conn: Connection, response_id: int | None) -> Response | None:
    if response_id is None:
        return None
    label = conn.scalar(select(r.respondent).where(r.id == response_id))
    answers = dict(
        conn.execute(select(a.question, a.value).where(a.response_id == response_id)).all()
    )
    notes = dict(conn.execute(select(n.key, n.text).where(n.response_id == response_id)).all())
    return Response(respondent=label, answers=answers, notes=notes)


def find_by_name(conn: Connection, uc_id: int, respondent: str) -> int | None:
    """A named respondent's response: never a participant's."""
    return conn.scalar(
        select(r.id).where(
            r.use_case_id == uc_id, r.respondent == respondent, r.participant_id.is_(None)
        )
    )


def named(conn: Connection, uc_id: int) -> list[str]:
    """The names the owner traced this use case under, the most recently active first."""
    rows = conn.scalars(
        select(r.respondent)
        .where(r.use_case_id == uc_id, r.participant_id.is_(None), r.respondent.is_not(None))
        .order_by(r.updated_at.desc(), r.id.desc())
    )
    return list(rows)


def find_by_participant(conn: Connection, uc_id: int, participant_id: int) -> int | None:
    return conn.scalar(
        select(r.id).where(r.use_case_id == uc_id, r.participant_id == participant_id)
    )


def read_many(conn: Connection, response_ids: list[int]) -> dict[int, Response]:
    """Several responses in three queries, whatever their number (the live console reads a
    whole room every second)."""
    if not response_ids:
        return {}
    labels = dict(conn.execute(select(r.id, r.respondent).where(r.id.in_(response_ids))).all())
    given: dict[int, dict] = {rid: {} for rid in labels}
    for rid, question, value in conn.execute(
        select(a.response_id, a.question, a.value).where(a.response_id.in_(response_ids))
    ):
        given[rid][question] = value
    noted: dict[int, dict] = {rid: {} for rid in labels}
    for rid, key, text in conn.execute(
        select(n.response_id, n.key, n.text).where(n.response_id.in_(response_ids))
    ):
        noted[rid][key] = text
    return {
        rid: Response(respondent=label, answers=given[rid], notes=noted[rid])
        for rid, label in labels.items()
    }
