"""The Import page's "Which column holds what" and "What the form's answers mean": the mapping
the core suggests for a form's export, for the person to check and change."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from coordination.files.survey_mapping import Mapping, auto_mapping, suggestions
from coordination.files.survey_values import Meanings, unknown_values
from coordination.names import MAX_NAME
from coordination.text import md_literal

NONE = -1  # "not in the file"


def mapped(table, questionnaire) -> tuple[Mapping, str | None]:
    """The mapping chosen, and the use case named for every row when no column holds one."""
    columns = [NONE, *range(len(table.headers))]

    def column_name(i: int) -> str:
        if i == NONE:
            return "— not in the file —"
        header = table.headers[i] or "(no header)"
        return f"{i + 1} · {header[:80]}"

    found = auto_mapping(table.headers, questionnaire)
    suggested = suggestions(table.headers, questionnaire)

    st.subheader("Which column holds what")
    who_col, row_col, case_col = st.columns(3)
    respondent = who_col.selectbox(
        "Respondent (e-mail or name)",
        columns,
        index=columns.index(found.respondent[0]) if found.respondent else 0,
        format_func=column_name,
        help="A person who answered before gets the form's answers instead. With none, every "
        "row is anonymous.",
    )
    row_id = row_col.selectbox(
        "The form's row id (ID or Timestamp)",
        columns,
        index=columns.index(found.row_id) if found.row_id is not None else 0,
        format_func=column_name,
        help="Names a row without a respondent, so that importing a later export of the same "
        "form updates that row instead of adding it again.",
    )
    case_source = case_col.selectbox(
        "Use case",
        columns,
        index=columns.index(found.use_case) if found.use_case is not None else 0,
        format_func=lambda i: "— the same for every row —" if i == NONE else column_name(i),
    )
    every_row = None
    if case_source == NONE:
        every_row = (
            case_col.text_input("Use case for every row", max_chars=MAX_NAME).strip() or None
        )

    questions = {}
    with st.expander("Questions", expanded=len(found.questions) < len(questionnaire.questions)):
        for x in questionnaire.questions:
            picked = st.selectbox(
                md_literal(x.text),
                columns,
                index=columns.index(suggested[x.id]) if suggested[x.id] is not None else 0,
                format_func=column_name,
                key=f"map_{x.id}",
            )
            if picked != NONE:
                questions[picked] = x.id
    mapping = Mapping(
        use_case=None if case_source == NONE else case_source,
        respondent=() if respondent == NONE else (respondent,),
        questions=questions,
        notes={i: qid for i, qid in found.notes.items() if i not in questions},
        row_id=None if row_id == NONE else row_id,
    )
    if own := unknown_values(table, mapping, questionnaire):
        mapping = replace(mapping, values={"*": _value_choice(questionnaire, own)})
    return mapping, every_row


def _value_choice(questionnaire, own: list[str]) -> dict[str, int | None]:
    """What the form's own answers mean ("4", "Partly"), suggested, for the person to check:
    only the questionnaire's labels are answers by themselves."""
    meanings = Meanings(questionnaire)
    st.subheader("What the form's answers mean")
    st.caption(
        "These answers are not the questionnaire's own words. Say what each means; a number "
        "says nothing by itself (is 1 the lowest of 0–3, or of 1–4?). Suggested where it is "
        "clear: check before importing."
    )
    edited = st.data_editor(
        pd.DataFrame({"The form says": own, "Means": meanings.suggested(own)}),
        hide_index=True,
        disabled=["The form says"],
        column_config={
            "Means": st.column_config.SelectboxColumn(options=meanings.choices, required=True)
        },
        key=f"values_{len(own)}",
    )
    return meanings.mapping(list(edited["The form says"]), list(edited["Means"]))
