"""Result: one use case's level, why it sits there, and what to do next."""

import streamlit as st

from app_pages.errors import shown
from app_pages.orgmap import orgmap
from app_pages.outcomes import outcome_answers
from app_pages.plan_parts import target_choice, use_case_plan
from app_pages.result_parts import agreed_table, next_steps, why_this_level
from app_pages.route import MAP, TRACE, Route, go, remember, require_workspace
from app_pages.services import services
from app_pages.since import moments, since_picker
from coordination.files.pack import build_pack
from coordination.files.pdf_case import case_pdf
from coordination.progress.since import history, history_line
from coordination.report import result_view as said
from coordination.report.other_lens import unasked
from coordination.report.standing import NOT_TRACED
from coordination.text import md_literal
from coordination.workshop.agreed import agreement

store, questionnaire = services()
ws = require_workspace()
org = orgmap(ws)
cases = org.assessment.use_cases

st.title("Result")
if not cases:
    st.info("This workspace has no use cases yet.")
    st.stop()

names = said.names(cases)
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
st.caption(md_literal(said.context(use_case, standing)))
if key in org.withheld:
    st.info(md_literal(org.withheld[key].text), icon=":material/lock:")
unread = unasked(use_case, questionnaire) if org.other_lens else 0  # another lens's answers
if unread and standing.state == NOT_TRACED:
    st.header("Answered under another questionnaire")
if unread:
    st.warning(
        md_literal(org.other_lens.sentence(unread, "to this use case")), icon=":material/rule:"
    )

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
st.header(md_literal(said.heading(standing)))
if since and (then := said.since_line(since, key)):
    was, difference = then
    st.markdown(f"**{md_literal(was)}**" + (f" — {md_literal(difference)}." if difference else "."))
if len(points := history(moments(ws), key)) > 1:
    st.caption("History: " + md_literal(history_line(points)))
if standing.provisional:
    how_far, meaning = said.provisional(result)
    st.warning(f"**{md_literal(how_far)}** {md_literal(meaning)}", icon=":material/pending:")
st.markdown(md_literal(level.summary))
if agreed := agreement(questionnaire, use_case, result):
    st.markdown(md_literal(agreed.sentence(questionnaire)))
    agreed_table(agreed)
else:
    st.caption(md_literal(said.respondents(questionnaire, use_case)))

steps_col, why_col = st.columns([3, 2])
with steps_col:
    st.subheader("Next useful improvement")
    next_steps(said.steps(result))
    with shown():
        use_case_plan(store, ws, org, use_case, result)
    for name, explanation in said.obstacles(questionnaire, result):
        st.warning(
            f"**{md_literal(name)}** — {md_literal(explanation)}", icon=":material/construction:"
        )
    for risk_level, message in standing.risks:
        st.error(f"**Risk at level {risk_level}** — {md_literal(message)}", icon=":material/error:")
    if disagreement := said.disagreement(questionnaire, result):
        st.info(f"{md_literal(disagreement)} {said.TALK_IT_THROUGH}", icon=":material/forum:")

with why_col:
    with shown():
        target_choice(store, ws, questionnaire, use_case, result)
    st.subheader("Why this level")
    why_this_level(said.why(questionnaire, result))

with shown():
    outcome_answers(store, ws, questionnaire, use_case)

st.subheader("Answers")
st.dataframe(said.answers_table(questionnaire, use_case, result), width="stretch")
if (notes := said.notes_table(questionnaire, use_case)) is not None:
    st.subheader("Notes")
    st.dataframe(notes, hide_index=True, width="stretch")

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
    file_name=said.pdf_name(ws.file_stem, use_case),
    mime="application/pdf",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
)
