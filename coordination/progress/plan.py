"""The improvement plan judged against the answers: an item is *achieved* when the use case's
combined answers meet every condition it names, whatever its status says. Two states are
flagged for discussion: *done but not met* (marked done, a condition still failing) and
*overdue* (past its due date, not achieved, not dropped).

The Plan page, the Result page, the deck's roadmap slide, the PDF and the spreadsheet all read
a plan through `plan_rows`, so they agree on what is achieved and what is flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import msgspec
import pandas as pd

from coordination.method.questionnaire import Questionnaire
from coordination.models import Condition, PlanItem, UseCase
from coordination.report.standing import functions_of

STATUSES = ("planned", "doing", "done", "dropped")
OVERDUE, DONE_NOT_MET = "overdue", "done but not met"


def met(conditions: Iterable[Condition], answers: Mapping[str, int | None]) -> bool:
    """Every condition holds in the combined answers ("don't know" holds none)."""
    conditions = tuple(conditions)
    return bool(conditions) and all(
        (answers.get(c.question) is not None and answers[c.question] >= c.at_least)
        for c in conditions
    )


def flag(item: PlanItem, achieved: bool, today: dt.date) -> str | None:
    if item.status == "done" and item.conditions and not achieved:
        return DONE_NOT_MET
    late = item.due is not None and dt.date.fromisoformat(item.due) < today
    if late and not achieved and item.status in ("planned", "doing"):
        return OVERDUE
    return None


@dataclass(frozen=True)
class PlanRow:
    use_case: str  # its id
    use_case_name: str
    function: str | None
    item: PlanItem
    position: int  # the item's place in its use case's plan
    achieved: bool
    flag: str | None
    part_of: tuple[str, ...] = ()  # every function the use case is part of (owns or involves)

    @property
    def due(self) -> dt.date | None:
        return dt.date.fromisoformat(self.item.due) if self.item.due else None


def plan_rows(use_cases: Iterable[UseCase], answers, today: dt.date) -> list[PlanRow]:
    """Every plan item with its verdict, flagged first (overdue, then done but not met), then
    by due date (undated last). `answers`: use case id → combined answers (`UseCaseResult`)."""
    rows = []
    for uc in use_cases:
        combined = answers.get(uc.id, {})
        for k, item in enumerate(uc.plan):
            achieved = met(item.conditions, combined)
            rows.append(PlanRow(uc.id, uc.name, uc.function, item, k, achieved,
                                flag(item, achieved, today),
                                functions_of(uc.function, uc.involved)))  # fmt: skip
    return sorted(rows, key=_order)


def filtered(rows: list[PlanRow], owners=(), functions=(), statuses=()) -> list[PlanRow]:
    """The rows matching every non-empty filter. A function matches the use cases it owns or
    also involves, as on the map (`standing.functions_of`)."""
    return [
        r
        for r in rows
        if (not owners or r.item.owner in owners)
        and (not functions or not set(functions).isdisjoint(r.part_of))
        and (not statuses or r.item.status in statuses)
    ]


def _order(row: PlanRow):
    first = (OVERDUE, DONE_NOT_MET, None).index(row.flag)
    return (first, row.due or dt.date.max, row.use_case_name.casefold(), row.position)


def conditions_said(q: Questionnaire, conditions: Iterable[Condition]) -> str:
    """What an item fixes, in the questionnaire's words: "Review criteria at 2 or more"."""
    parts = []
    for c in conditions:
        label = q.question(c.question).label if c.question in q.question_ids else c.question
        parts.append(f"{label} answered" if c.at_least == 0 else f"{label} at {c.at_least}+")
    return "; ".join(parts)


def frame(q: Questionnaire, rows: list[PlanRow]) -> pd.DataFrame:
    """The plan as a table: the page, the spreadsheet and the deck read the same columns."""
    return pd.DataFrame(
        [
            {
                "Use case": r.use_case_name,
                "Function": r.function or "",
                "Step": r.item.text,
                "Owner": r.item.owner,
                "Due": r.due,
                "Status": r.item.status,
                "Achieved": "yes" if r.achieved else ("—" if not r.item.conditions else "no"),
                "Flag": r.flag or "",
                "Fixes": conditions_said(q, r.item.conditions),
            }
            for r in rows
        ],
        columns=PLAN_COLUMNS,
    )


# Flagged items come first, so their flag does too; the function and what an item fixes last.
PLAN_COLUMNS = ["Flag", "Use case", "Step", "Owner", "Due", "Status", "Achieved", "Function",
                "Fixes"]  # fmt: skip


EDITABLE = {"Owner": "owner", "Due": "due", "Status": "status", "Step": "text"}


def edits(rows: list[PlanRow], edited: Mapping[int, Mapping[str, object]]):
    """A table editor's changes (row → column → value) as (use case, place, fields), for the
    store's `update_plan_item`; columns that cannot be edited are ignored."""
    out = []
    for index, changed in edited.items():
        fields = {EDITABLE[c]: v for c, v in changed.items() if c in EDITABLE}
        if fields and 0 <= int(index) < len(rows):
            row = rows[int(index)]
            out.append((row.use_case, row.position, fields))
    return out


FLAG_CODES = {OVERDUE: "overdue", DONE_NOT_MET: "done_but_unmet", None: None}


def with_progress(result, use_case: UseCase, today: dt.date) -> dict:
    """A use case's result as the `score` command prints it: its target level, and each plan
    item with whether the answers show it achieved and its flag ("done_but_unmet",
    "overdue" or null)."""
    out = msgspec.structs.asdict(result)
    out["target_level"] = use_case.target_level
    out["plan"] = []
    for item in use_case.plan:  # in the file's order
        achieved = met(item.conditions, result.answers)
        conditions = [{"question": c.question, "at_least": c.at_least} for c in item.conditions]
        out["plan"].append({"text": item.text, "conditions": conditions, "owner": item.owner,
                            "due": item.due, "status": item.status, "achieved": achieved,
                            "flag": FLAG_CODES[flag(item, achieved, today)]})  # fmt: skip
    return out
