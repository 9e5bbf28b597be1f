"""The inventory table: use cases as an editable DataFrame, and its edits as store writes.

Kept out of the page so the translation from a table edit to storage calls is tested on its
own; the page only hands over what the table widget reports.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from coordination.errors import CoordinationError
from coordination.models import Assessment
from coordination.names import name_key
from coordination.storage import Store

COLUMNS = {  # table column → use case field
    "Use case": "name",
    "Function": "function",
    "Also involved": "involved",
    "Tool": "tool",
    "Objective": "objective",
    "Notes": "notes",
    "Retired": "retired",
}


def inventory_frame(assessment: Assessment) -> pd.DataFrame:
    """One row per use case, in the assessment's order (row i is `assessment.use_cases[i]`).

    The index is a plain range: the table widget asks people to type an index for new rows
    otherwise."""
    rows = [
        {
            "Use case": uc.name,
            "Function": uc.function,
            "Also involved": list(uc.involved),
            "Tool": uc.tool,
            "Objective": uc.objective,
            "Notes": uc.notes,
            "Retired": uc.retired,
            "Respondents": len(uc.responses),
        }
        for uc in assessment.use_cases
    ]
    return pd.DataFrame(rows, columns=[*COLUMNS, "Respondents"], index=pd.RangeIndex(len(rows)))


def objective_choices(objectives: Iterable[str], assessment: Assessment) -> list[str]:
    """The questionnaire's objectives, then the ones people typed for their use cases."""
    choices: list[str] = []
    for objective in [*objectives, *(uc.objective for uc in assessment.use_cases)]:
        if objective and matching(objective, choices) not in choices:
            choices.append(objective)
    return choices


def matching(value: str | None, known: Iterable[str]) -> str | None:
    """`value` spelt as a known one when the two differ only in case or surrounding spaces, so
    "sales" typed for a use case files it under "Sales" instead of making a second function."""
    if value is None:
        return None
    folded = name_key(value)
    return next((k for k in known if name_key(k) == folded), value)


def new_use_case(
    functions: list[str],
    objectives: list[str],
    *,
    function: str | None,
    involved: Iterable[str],
    objective: str | None,
    tool: str,
) -> dict:
    """The add form's fields as `Store.add_use_case` takes them (the name apart): a function
    or objective typed in another case is filed under its known spelling."""
    return {
        "function": matching(function, functions),
        "involved": [matching(f, functions) for f in involved],
        "objective": matching(objective, objectives),
        "tool": tool,
    }


def apply_table_edits(
    store: Store, workspace: str, keys: list[str], delta: dict, objectives: Iterable[str] = ()
) -> list[str]:
    """Write the rows a data editor reports as edited; return a message per refused row.

    Each row is its own write, so one bad row (an empty or duplicate name) does not block the
    others; what was refused is simply not saved and the table shows the stored state again.
    An objective is typed freely in the table: one of `objectives` typed in another case is
    stored in its known spelling.
    """
    objectives = list(objectives)
    problems: list[str] = []
    for row, changes in delta.get("edited_rows", {}).items():
        fields = _fields(changes)
        if fields.get("objective"):
            fields["objective"] = matching(fields["objective"], objectives)
        try:
            if fields:
                store.update_use_case(workspace, keys[int(row)], **fields)
        except CoordinationError as e:
            problems.append(str(e))
    return problems


def _fields(changes: dict) -> dict:
    return {COLUMNS[column]: value for column, value in changes.items() if column in COLUMNS}


def edited_functions(functions: list[str], delta: dict) -> list[str]:
    """The function list after a table edit: renamed rows, deleted rows, added rows."""
    rows = list(functions)
    for row, change in delta.get("edited_rows", {}).items():
        rows[int(row)] = change.get("Function", rows[int(row)])
    deleted = {int(i) for i in delta.get("deleted_rows", [])}
    rows = [r for i, r in enumerate(rows) if i not in deleted]
    rows += [added.get("Function") for added in delta.get("added_rows", [])]
    return [r for r in rows if r and r.strip()]
