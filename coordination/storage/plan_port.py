"""The plan half of `Store`: the owner accepts a next step as a plan item (its conditions are
its identity), adds a free one, and changes its owner, due date or status. Items are addressed
by their use case and their place in its plan, as the workspace is read. A mixin, like
`SnapshotPort`."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from coordination import names
from coordination.errors import InvalidInput, NotFound
from coordination.models import Condition, PlanItem
from coordination.progress.plan import STATUSES
from coordination.storage import plans, use_cases
from coordination.storage import schema as t

pi = t.plan_items.c


class PlanPort:
    def add_plan_item(self, key: str, use_case: str, text: str, conditions=(), *,
                      owner: str = "", due=None, status: str = "planned") -> int:  # fmt: skip
        """A step taken on (with the conditions it fixes) or a free item (none); its place."""
        item = PlanItem(
            text=names.clean_note(text, "plan item") or _refuse("A plan item needs words."),
            conditions=self._checked_conditions(conditions),
            owner=names.clean_optional(owner, "owner") or "",
            due=_checked_due(due),
            status=_checked_status(status),
        )

        def work(conn: Connection, ws_id: int) -> int:
            uc_id = use_cases.id_of(conn, ws_id, use_case)
            if item.conditions and any(
                c == list(item.conditions) for c in _conditions_of(conn, uc_id)
            ):
                raise InvalidInput("This step is already in the plan.")
            place = conn.scalar(select(func.count()).where(pi.use_case_id == uc_id))
            top = conn.scalar(select(func.coalesce(func.max(pi.position), -1))
                              .where(pi.use_case_id == uc_id))  # fmt: skip
            conn.execute(t.plan_items.insert().values(plans.item_row(uc_id, top + 1, item)))
            return place

        return self._write(key, work)

    def update_plan_item(self, key: str, use_case: str, place: int, **fields) -> None:
        """Change an item's owner, due date, status or words (fields not given stay)."""
        unknown = set(fields) - {"owner", "due", "status", "text"}
        if unknown:
            raise ValueError(f"not plan item fields: {sorted(unknown)}")
        values = {}
        if "owner" in fields:
            values["owner"] = names.clean_optional(fields["owner"], "owner") or ""
        if "due" in fields:
            due = _checked_due(fields["due"])
            values["due"] = dt.date.fromisoformat(due) if due else None
        if "status" in fields:
            values["status"] = _checked_status(fields["status"])
        if "text" in fields:
            values["text"] = names.clean_note(fields["text"], "plan item") or _refuse(
                "A plan item needs words."
            )

        def work(conn: Connection, ws_id: int) -> None:
            item_id = _item_id(conn, use_cases.id_of(conn, ws_id, use_case), place)
            conn.execute(update(t.plan_items).where(pi.id == item_id).values(**values))

        self._write(key, work)

    def delete_plan_item(self, key: str, use_case: str, place: int) -> None:
        def work(conn: Connection, ws_id: int) -> None:
            item_id = _item_id(conn, use_cases.id_of(conn, ws_id, use_case), place)
            conn.execute(sql_delete(t.plan_items).where(pi.id == item_id))

        self._write(key, work)

    def _checked_conditions(self, conditions) -> list[Condition]:
        checked = []
        for c in conditions:
            if c.question not in self.questionnaire.question_ids or not 0 <= c.at_least <= 3:
                raise InvalidInput(f"Not a condition of this questionnaire: {c.question!r}.")
            checked.append(Condition(question=c.question, at_least=c.at_least))
        return checked


def _conditions_of(conn: Connection, uc_id: int) -> list[list[Condition]]:
    rows = conn.scalars(select(pi.conditions).where(pi.use_case_id == uc_id))
    return [[Condition(**c) for c in json.loads(row)] for row in rows]


def _item_id(conn: Connection, uc_id: int, place: int) -> int:
    """The item at this place in the use case's plan, in the order the workspace is read."""
    ids = conn.scalars(
        select(pi.id).where(pi.use_case_id == uc_id).order_by(pi.position, pi.id)
    ).all()
    if not 0 <= place < len(ids):
        raise NotFound("This plan item does not exist (any more).")
    return ids[place]


def _checked_due(due) -> str | None:
    if due in (None, ""):
        return None
    if isinstance(due, dt.date):
        return due.isoformat()
    try:
        return dt.date.fromisoformat(str(due)).isoformat()
    except ValueError:
        raise InvalidInput(f"A due date is a day such as 2027-01-31; got {due!r}.") from None


def _checked_status(status: str) -> str:
    if status not in STATUSES:
        raise InvalidInput(f"A status is one of {', '.join(STATUSES)}; got {status!r}.")
    return status


def _refuse(message: str):
    raise InvalidInput(message)
