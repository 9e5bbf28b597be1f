"""Plan: every improvement someone took on, its owner, due date and status, and whether the
answers show it achieved. Overdue items and items done but not met come first."""

import streamlit as st

from app_pages.clock import today
from app_pages.errors import show, shown
from app_pages.orgmap import orgmap
from app_pages.plan_parts import add_free_item
from app_pages.route import require_workspace
from app_pages.services import services
from coordination import wording
from coordination.errors import CoordinationError
from coordination.names import MAX_NAME, MAX_NOTE
from coordination.progress.plan import (
    DONE_NOT_MET,
    OVERDUE,
    STATUSES,
    edits,
    filtered,
    frame,
    plan_rows,
)
from coordination.report.standing import function_choices
from coordination.text import md_literal

PROBLEMS = "plan_problems"

store, questionnaire = services()
ws = require_workspace()
org = orgmap(ws)
rows = plan_rows(org.assessment.use_cases, {k: r.answers for k, r in org.results.items()},
                 today())  # fmt: skip

st.title("Plan")
st.caption(md_literal(ws.name) + (" — demo organization" if ws.is_demo else ""))
st.markdown(
    "What each use case's owners took on, and whether the **answers** show it done: an item is "
    "*achieved* when the current answers meet every condition it fixes, whatever its status."
)
for problem in st.session_state.pop(PROBLEMS, []):
    show(problem)

if rows:
    overdue = sum(r.flag == OVERDUE for r in rows)
    unmet = sum(r.flag == DONE_NOT_MET for r in rows)
    achieved = sum(r.achieved for r in rows)
    counts = ((achieved, "achieved"), (overdue, "overdue"), (unmet, "done but not met"))
    said = [f"{wording.number(n)} {what}" for n, what in counts if n]
    st.markdown(
        f"{wording.counted(len(rows), 'item').capitalize()}: "
        + (", ".join(said) if said else "none achieved or flagged yet")
        + "."
    )
    owner_col, function_col, status_col = st.columns(3)
    owners = owner_col.multiselect("Owner", sorted({r.item.owner for r in rows if r.item.owner}))
    functions = function_col.multiselect("Function", function_choices(r.part_of for r in rows))
    statuses = status_col.multiselect("Status", STATUSES)
    shown_rows = filtered(rows, owners, functions, statuses)
    table_key = f"plan_{ws.key}_{ws.version}_{len(owners)}{len(functions)}{len(statuses)}"

    def save() -> None:
        changed = st.session_state[table_key].get("edited_rows", {})
        problems = []
        for use_case, place, fields in edits(shown_rows, changed):
            try:
                store.update_plan_item(ws.key, use_case, place, **fields)
            except CoordinationError as e:  # said above the table; the other edits still save
                problems.append(str(e))
        st.session_state[PROBLEMS] = problems

    st.data_editor(
        frame(questionnaire, shown_rows),
        key=table_key,
        on_change=save,
        hide_index=True,
        width="stretch",
        disabled=["Use case", "Function", "Achieved", "Flag", "Fixes"],
        column_config={
            "Step": st.column_config.TextColumn(max_chars=MAX_NOTE, width="medium"),
            "Owner": st.column_config.TextColumn(max_chars=MAX_NAME, help="A person or a function"),
            "Due": st.column_config.DateColumn(format="D MMM YYYY"),
            "Status": st.column_config.SelectboxColumn(options=STATUSES, required=True),
            "Achieved": st.column_config.TextColumn(
                help="Yes when the current answers meet every condition the item fixes"
            ),
        },
    )
    st.caption("Edit an owner, a due date, a status or the words in the table: saved at once.")
else:
    st.info(
        "No plan yet. On a use case's Result page, take on one of its next steps with an owner "
        "and a due date, or add a free item below."
    )

with shown():
    add_free_item(store, ws, org)
