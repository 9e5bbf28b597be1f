"""Import survey answers: a Google Forms or Microsoft Forms export, mapped, previewed, and only
then added to this workspace in one transaction."""

import pandas as pd
import streamlit as st

from app_pages.errors import show, shown
from app_pages.import_mapping import mapped
from app_pages.orgmap import orgmap
from app_pages.route import MAP, require_workspace
from app_pages.services import services
from coordination.errors import CoordinationError
from coordination.files.form_template import form_template
from coordination.files.limits import MAX_UPLOAD_MB, described
from coordination.files.survey import import_rows, reimport_sentence
from coordination.files.tables import table_from_bytes
from coordination.names import name_key
from coordination.text import md_literal
from coordination.wording import counted

store, questionnaire = services()
ws = require_workspace()
existing = {name_key(uc.name) for uc in orgmap(ws).assessment.use_cases}

st.title("Import survey answers")
st.caption(
    "Collected answers with Google Forms or Microsoft Forms? Upload the export: one row per "
    "person. Nothing is added until you confirm."
)
with st.expander("Make a form whose answers import themselves"):
    st.caption(
        "Paste these questions and answers into a new form, word for word. Its export then "
        "maps itself to the questionnaire."
    )
    st.download_button(
        "Download the form template (text)",
        form_template(questionnaire, [uc.name for uc in orgmap(ws).assessment.use_cases]),
        file_name=f"{ws.file_stem}-form-template.txt",
        mime="text/plain",
        on_click="ignore",
    )

uploaded = st.file_uploader(
    "The form's export",
    type=["csv", "xlsx"],
    key="survey_file",
    max_upload_size=MAX_UPLOAD_MB,  # the browser refuses a larger file; the core checks again
    help=described(),
)
if uploaded is None:
    st.stop()
try:
    table = table_from_bytes(uploaded.getvalue(), uploaded.name)
except CoordinationError as e:
    show(e)
    st.stop()  # the sentence is the whole answer: nothing below has a table to show
st.caption(md_literal(f"Read {table.source}: {counted(len(table.rows), 'row')}."))

PREVIEW_ROWS = 50  # use cases shown before importing
PREVIEW_PROBLEMS = 20  # rows left out, each named

mapping, every_row = mapped(table, questionnaire)
skip = st.checkbox("Leave out rows with problems, and list them", key="survey_skip")

try:
    result = import_rows(
        table,
        mapping,
        questionnaire,
        organization=ws.name,
        use_case=every_row,
        skip_invalid=skip,
    )
except CoordinationError as e:
    show(str(e))
    st.stop()

st.subheader("What will be added")
cases = result.assessment.use_cases
# What goes to the browser stays small whatever the file: the first rows, then a count.
preview = pd.DataFrame(result.preview(existing, PREVIEW_ROWS))
st.dataframe(preview, hide_index=True, width="stretch")
if len(cases) > PREVIEW_ROWS:
    st.caption(f"The first {PREVIEW_ROWS} of {counted(len(cases), 'use case')}.")
for problem in result.skipped[:PREVIEW_PROBLEMS]:
    st.warning(md_literal(f"Left out: {str(problem)[:300]}"), icon=":material/block:")
if len(result.skipped) > PREVIEW_PROBLEMS:
    more = len(result.skipped) - PREVIEW_PROBLEMS
    st.warning(f"Left out: {counted(more, 'more row')}.", icon=":material/block:")
if result.replaced_sentence:
    st.info(result.replaced_sentence, icon=":material/published_with_changes:")
st.caption(reimport_sentence(mapping))
done = st.session_state.get("survey_imported") == uploaded.file_id
label = f"Import {counted(result.responses, 'answer')} into {ws.name}"
# Imported once is done: without a row id a second click would add anonymous rows again.
if st.button(md_literal(label), type="primary", disabled=done):
    with shown():
        merged = store.import_survey(ws.key, result.assessment)
        st.session_state["survey_imported"] = uploaded.file_id
        st.session_state["survey_summary"] = merged.sentence
        st.rerun()
if done:
    st.success(st.session_state.get("survey_summary", "Imported."), icon=":material/check:")
    st.page_link(MAP, label="See the organization map", icon=":material/grid_view:")
