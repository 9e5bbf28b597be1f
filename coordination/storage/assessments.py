"""Whole assessments in SQL: read one workspace as the file format's `Assessment`, and write use
cases with their responses in bulk (a restore writes them in steps of `CHUNK` responses)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from coordination import respondents
from coordination.models import Assessment, Response, UseCase
from coordination.respondents import Who
from coordination.storage import people, plans
from coordination.storage import schema as t
from coordination.storage.use_cases import FIELDS, to_columns
from coordination.workshop.withheld import ParticipantResponse

CHUNK = 500  # responses per transaction: ~50 ms of SQLite's write lock (measured)


def chunks(cases: list[UseCase]) -> Iterator[tuple[int, list[UseCase]]]:
    """(position of the first, use cases) in groups of about CHUNK responses each."""
    start, group, size = 0, [], 0
    for i, uc in enumerate(cases):
        group.append(uc)
        size += max(1, len(uc.responses))
        if size >= CHUNK:
            yield start, group
            start, group, size = i + 1, [], 0
    if group:
        yield start, group


def write_use_cases(conn: Connection, ws_id: int, cases: list[UseCase], start: int = 0) -> None:
    if not cases:
        return
    u, r = t.use_cases, t.responses
    uc_ids = conn.scalars(
        insert(u).returning(u.c.id, sort_by_parameter_order=True),
        [
            {
                "workspace_id": ws_id,
                "key": uc.id,
                "position": start + i,
                "name": uc.name,
                **to_columns({f: getattr(uc, f) for f in FIELDS if f != "name"}),
                "agreed": json.dumps(uc.agreed) if uc.agreed else None,
                "agreed_notes": json.dumps(uc.agreed_notes) if uc.agreed_notes else None,
            }
            for i, uc in enumerate(cases)
        ],
    ).all()
    plans.write_all(conn, list(zip(uc_ids, cases, strict=True)))
    pairs = [
        (uc_id, resp) for uc_id, uc in zip(uc_ids, cases, strict=True) for resp in uc.responses
    ]
    if not pairs:
        return
    response_ids = conn.scalars(
        insert(r).returning(r.c.id, sort_by_parameter_order=True),
        [
            {"use_case_id": uc_id, "respondent": label}
            for uc_id, uc in zip(uc_ids, cases, strict=True)
            for label in respondents.anonymous_labels(r.respondent for r in uc.responses)
        ],
    ).all()
    answer_rows = [
        {"response_id": rid, "question": q, "value": v}
        for rid, (_, resp) in zip(response_ids, pairs, strict=True)
        for q, v in resp.answers.items()
    ]
    note_rows = [
        {"response_id": rid, "key": k, "text": text}
        for rid, (_, resp) in zip(response_ids, pairs, strict=True)
        for k, text in resp.notes.items()
        if text.strip()
    ]
    if answer_rows:
        conn.execute(insert(t.answers), answer_rows)
    if note_rows:
        conn.execute(insert(t.notes), note_rows)


def read(conn: Connection, ws_id: int) -> Assessment:
    """The workspace as the file format holds it, every response under its label
    (`coordination.respondents`: names an anonymous workshop hides read "Participant n")."""
    return read_with_people(conn, ws_id)[0]


def read_with_people(conn: Connection, ws_id: int) -> tuple[Assessment, list[ParticipantResponse]]:
    """The assessment, and each workshop participant's response in it (what withholding needs)."""
    ws = conn.execute(
        select(t.workspaces.c.name, t.workspaces.c.functions).where(t.workspaces.c.id == ws_id)
    ).one()
    u, a, n = t.use_cases.c, t.answers.c, t.notes.c
    cases = conn.execute(
        select(t.use_cases).where(u.workspace_id == ws_id).order_by(u.position)
    ).all()
    in_ws = select(u.id).where(u.workspace_id == ws_id)
    who, workshop_of = _identities(conn, in_ws)
    label = respondents.labels(who)
    resp_ids = select(t.responses.c.id).where(t.responses.c.use_case_id.in_(in_ws))
    answers: dict[int, dict] = {}
    for rid, q, v in conn.execute(
        select(a.response_id, a.question, a.value).where(a.response_id.in_(resp_ids))
    ):
        answers.setdefault(rid, {})[q] = v
    notes: dict[int, dict] = {}
    for rid, k, text in conn.execute(
        select(n.response_id, n.key, n.text).where(n.response_id.in_(resp_ids))
    ):
        notes.setdefault(rid, {})[k] = text
    by_case: dict[int, list[Response]] = {}
    for row in who:
        by_case.setdefault(row.use_case, []).append(
            Response(
                respondent=label[row.response],
                answers=answers.get(row.response, {}),
                notes=notes.get(row.response, {}),
            )
        )
    keys = {c.id: c.key for c in cases}
    plan, outcomes = plans.items_of(conn, in_ws), plans.outcomes_of(conn, in_ws)
    in_workshops = [
        ParticipantResponse(
            workshop=workshop_of[row.response][0],
            use_case=keys[row.use_case],
            respondent=label[row.response],
            answered=bool(answers.get(row.response)),
            threshold=workshop_of[row.response][1],
        )
        for row in who
        if row.response in workshop_of
    ]
    assessment = Assessment(
        organization=ws.name,
        functions=json.loads(ws.functions),
        use_cases=[
            UseCase(
                id=c.key,
                name=c.name,
                function=c.function,
                objective=c.objective,
                involved=json.loads(c.involved),
                tool=c.tool,
                notes=c.notes,
                retired=c.retired,
                responses=by_case.get(c.id, []),
                agreed=json.loads(c.agreed) if c.agreed else {},
                agreed_notes=json.loads(c.agreed_notes) if c.agreed_notes else {},
                target_level=c.target_level,
                plan=plan.get(c.id, []),
                outcomes=outcomes.get(c.id, {}),
            )
            for c in cases
        ],
    )
    return assessment, in_workshops


def _identities(conn: Connection, use_case_ids) -> tuple[list[Who], dict[int, tuple[int, int]]]:
    """Who gave each response of these use cases, in the order they first answered; and for
    workshop participants' responses, (workshop id, its threshold)."""
    r, p, k = t.responses.c, t.participants.c, t.workshops.c
    rows = conn.execute(
        select(
            r.id,
            r.use_case_id,
            r.respondent,
            r.participant_id,
            p.display_name,
            p.invitation_id,
            k.id.label("workshop"),
            k.anonymity,
            k.threshold,
        )
        .select_from(t.responses)
        .outerjoin(t.participants, p.id == r.participant_id)
        .outerjoin(t.workshops, k.invitation_id == p.invitation_id)
        .where(r.use_case_id.in_(use_case_ids))
        .order_by(r.id)
    ).all()
    numbers = people.join_numbers(conn, {row.invitation_id for row in rows} - {None})
    who = [
        Who(
            response=row.id,
            use_case=row.use_case_id,
            name=row.respondent,
            participant=row.participant_id,
            display_name=row.display_name,
            number=numbers.get(row.participant_id),
            hidden=row.anonymity not in (None, "off"),
        )
        for row in rows
    ]
    workshops = {row.id: (row.workshop, row.threshold) for row in rows if row.workshop is not None}
    return who, workshops
