"""The improvement plan, target levels' companions and outcomes, in SQL: read for whole
workspaces (with `assessments.read`) and written in bulk for a restore."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from coordination.models import Condition, PlanItem
from coordination.storage import schema as t

pi, oc = t.plan_items.c, t.outcomes.c


def items_of(conn: Connection, use_case_ids) -> dict[int, list[PlanItem]]:
    """Each use case's plan, in order."""
    found: dict[int, list[PlanItem]] = {}
    rows = conn.execute(
        select(pi.use_case_id, pi.text, pi.conditions, pi.owner, pi.due, pi.status)
        .where(pi.use_case_id.in_(use_case_ids))
        .order_by(pi.use_case_id, pi.position, pi.id)
    )
    for uc_id, text, conditions, owner, due, status in rows:
        found.setdefault(uc_id, []).append(
            PlanItem(
                text=text,
                conditions=[Condition(**c) for c in json.loads(conditions)],
                owner=owner,
                due=due.isoformat() if due else None,
                status=status,
            )
        )
    return found


def outcomes_of(conn: Connection, use_case_ids) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    for uc_id, outcome, answer in conn.execute(
        select(oc.use_case_id, oc.outcome, oc.answer).where(oc.use_case_id.in_(use_case_ids))
    ):
        found.setdefault(uc_id, {})[outcome] = answer
    return found


def item_row(uc_id: int, position: int, item: PlanItem) -> dict:
    return {
        "use_case_id": uc_id,
        "position": position,
        "text": item.text,
        "conditions": json.dumps(
            [{"question": c.question, "at_least": c.at_least} for c in item.conditions]
        ),
        "owner": item.owner,
        "due": dt.date.fromisoformat(item.due) if item.due else None,
        "status": item.status,
    }


def write_all(conn: Connection, pairs) -> None:
    """(use case row id, UseCase) pairs: their plans and outcomes, in two inserts."""
    items = [item_row(uc_id, i, item) for uc_id, uc in pairs for i, item in enumerate(uc.plan)]
    answers = [
        {"use_case_id": uc_id, "outcome": key, "answer": answer}
        for uc_id, uc in pairs
        for key, answer in uc.outcomes.items()
    ]
    if items:
        conn.execute(insert(t.plan_items), items)
    if answers:
        conn.execute(insert(t.outcomes), answers)
