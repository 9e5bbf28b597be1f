"""Result: one use case's level, why it sits there, and what to do next."""

import pandas as pd
import streamlit as st

from app_pages.errors import shown
from app_pages.orgmap import orgmap
from app_pages.outcomes import outcome_answers
from app_pages.plan_parts import target_choice, use_case_plan
from app_pages.route import MAP, TRACE, Route, go, remember, require_workspace
from app_pages.services import services
from app_pages.since import moments, since_picker
from coordination.files.pack import build_pack
from coordination.files.pdf_case import case_pdf
from coordination.method.advice import ORDER, explain, why_line
from coordination.names import slugify
from coordination.progress.since import history, history_line
from coordination.report.other_lens import unasked
from coordination.report.standing import NOT_TRACED
from coordination.respondents import anonymous_labels
from coordination.text import md_literal
from coordination.workshop.agreed import agreed_frame, agreement

store, questionnaire = services()
ws = require_workspace()
org = orgmap(ws)
cases = org.assessment.use_cases

st.title("Result")
if not cases:
    st.info("This workspace has no use cases yet.")
    st.stop()

names = {uc.id: uc.name + (" (retired)" if uc.retired else "") for uc in cases}
wanted = Route.here().uc
case_column, since_column = st.columns([3, 1])
since = since_picker(ws, since_column)
key = case_column.selectbox(
    "Use case",
    list(names),
    format_func=names.get,
    index=list(names).index(wanted) if wanted in names else 0,
)
remember(uc=key)
use_case = org.assessment.use_case(key)
result = org.results[key]
standing = org.standings[key]  # state, level, functions and risks: as the map and deck say
context = [
    f"Function: {standing.functions}" if use_case.function or use_case.involved else "",
    f"tool: {use_case.tool}" if use_case.tool else "",
    f"objective: {use_case.objective}" if use_case.objective else "",
]
st.caption(md_literal(" · ".join(filter(None, context))))
labels = {q.id: q.label for q in questionnaire.questions}
if key in org.withheld:
    st.info(md_literal(org.withheld[key].text), icon=":material/lock:")
unread = unasked(use_case, questionnaire) if org.other_lens else 0  # another lens's answers
if unread and standing.state == NOT_TRACED:
    st.header("Answered under another questionnaire")
if unread:
    said = org.other_lens.sentence(unread, "to this use case")
    st.warning(md_literal(said), icon=":material/rule:")

if standing.state == NOT_TRACED and unread:
    if st.button("Trace it with this questionnaire"):
        go(TRACE, uc=key, step=1)
    st.stop()
if standing.state == NOT_TRACED:
    st.header("Not traced yet")
    st.markdown(md_literal(result.next_steps[0]))  # the advice, its {questions} filled in
    if st.button("Trace it now", type="primary"):
        go(TRACE, uc=key, step=1)
    st.stop()

level = questionnaire.levels[standing.level - 1]
provisional = " · provisional" if standing.provisional else ""
st.header(f"Level {md_literal(standing.level_text)}{provisional}")
if since and (was := since.was(key)):
    change = since.of(key)
    st.markdown(
        f"**{md_literal(was[:1].upper() + was[1:])}**"
        + (f" — {md_literal(since.difference(change))}." if since.difference(change) else ".")
    )
if len(points := history(moments(ws), key)) > 1:
    st.caption("History: " + md_literal(history_line(points)))
if standing.provisional:
    st.warning(
        f"**Provisional: {result.answered} of {result.required} questions answered.** "
        "The level can still change: unanswered questions count as not in place.",
        icon=":material/pending:",
    )
st.markdown(md_literal(level.summary))
respondents = len(use_case.responses)
if agreed := agreement(questionnaire, use_case, result):
    st.markdown(md_literal(agreed.sentence(questionnaire)))
    with st.expander("What the team agreed, and why", expanded=True):
        st.dataframe(
            agreed_frame(agreed),
            hide_index=True,
            width="stretch",
            key="agreed",
            column_config={
                "Question": st.column_config.TextColumn(width="small"),
                "Why": st.column_config.TextColumn(width="large"),
            },
        )
elif respondents == 1:
    st.caption(md_literal(questionnaire.advice.one_respondent))
else:
    st.caption(md_literal(questionnaire.advice.combined.format(respondents=respondents)))

steps_col, why_col = st.columns([3, 2])
with steps_col:
    st.subheader("Next useful improvement")
    first, *rest = result.next_steps or [None]
    if first is None:
        st.markdown("Keep the loop running: nothing is missing for the top level.")
    else:
        st.success(md_literal(first), icon=":material/arrow_forward:")
    if rest:
        st.markdown("**Then**")
        st.markdown("\n".join(f"{i}. {md_literal(step)}" for i, step in enumerate(rest, 2)))
        st.caption(ORDER)
    with shown():
        use_case_plan(store, ws, org, use_case, result)
    for obstacle in questionnaire.obstacles:
        if obstacle.id in result.obstacles:
            st.warning(
                f"**{md_literal(obstacle.name)}** — {md_literal(obstacle.explanation)}",
                icon=":material/construction:",
            )
    for risk_level, message in standing.risks:
        st.error(f"**Risk at level {risk_level}** — {md_literal(message)}", icon=":material/error:")
    disagreements = [labels[q] for q in result.disagreements]
    if disagreements:
        st.info(
            "Respondents disagree on "
            + md_literal(", ".join(disagreements))
            + ". Talk it through: the disagreement is often the finding.",
            icon=":material/forum:",
        )

with why_col:
    with shown():
        target_choice(store, ws, questionnaire, use_case, result)
    st.subheader("Why this level")
    for gate in explain(questionnaire, result):
        mark = ":material/check_circle:" if gate.held else ":material/cancel:"
        lines = [f"{mark} **Level {gate.level} · {md_literal(gate.name)}**"]
        for c in gate.conditions:
            state = "in place" if c.held else "**missing**"
            said = why_line(questionnaire, c, c.question in result.unknown)
            lines.append(f"- {state}: {md_literal(said)}")
        st.markdown("\n".join(lines))

with shown():
    outcome_answers(store, ws, questionnaire, use_case)

st.subheader("Answers")
# Labels from the read side (`Store.view`): unique within the use case, hidden names hidden.
who = anonymous_labels(r.respondent for r in use_case.responses)
rows = {
    label: {
        labels[q]: questionnaire.answer_label(q, v)
        if q in r.answers
        else questionnaire.scale.unanswered
        for q, v in ((q.id, r.answers.get(q.id)) for q in questionnaire.questions)
    }
    for label, r in zip(who, use_case.responses, strict=True)
}
combined = "Agreed by the team" if use_case.agreed else "Combined"
rows[combined] = {
    labels[q]: questionnaire.answer_label(q, v)
    if v is not None or q in result.unknown
    else questionnaire.scale.unanswered
    for q, v in result.answers.items()
}
st.dataframe(pd.DataFrame(rows).T, width="stretch")

note_labels = labels | {q.id: q.label for q in questionnaire.open_questions}
notes = [
    {"Respondent": label, "About": note_labels.get(k, k), "Note": text}
    for label, r in zip(who, use_case.responses, strict=True)
    for k, text in r.notes.items()
]
if notes:
    st.subheader("Notes")
    st.dataframe(pd.DataFrame(notes), hide_index=True, width="stretch")

left, middle, right = st.columns(3)
if left.button("Add or change answers for this use case"):
    go(TRACE, uc=key, step=1)
if middle.button("Back to the organization map"):
    go(MAP)


def one_page() -> bytes:
    pack = build_pack(org, only=key)
    return case_pdf(pack, pack.cases[0])


right.download_button(
    "Download this result (PDF, one page)",
    one_page,  # drawn when clicked, not on every rerun
    file_name=f"{ws.file_stem}-{slugify(use_case.name) or 'use-case'}.pdf",
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
)
