"""Start: what the method is, the ways in, then the levels (the ways in first: they must be in
view without scrolling on a laptop)."""

import streamlit as st

from app_pages.errors import shown
from app_pages.route import DATA, INVENTORY, MAP, go
from app_pages.services import services
from coordination.names import MAX_NAME
from coordination.services import demo_for
from coordination.text import md_literal
from coordination.wording import counted, number

store, questionnaire = services()

st.title("Coordination Map")
questions = counted(len(questionnaire.questions), "plain question")
st.markdown(md_literal(questionnaire.texts.pitch.format(questions=questions)))

st.subheader("Where do you want to start?")
own, demo, restore = st.columns(3)

with own.container(border=True):
    st.markdown("**Assess my organization**")
    st.caption("Name your organization, list where AI enters the work, then trace use cases.")
    with st.form("new_workspace", border=False):
        name = st.text_input("Organization name", max_chars=MAX_NAME, placeholder="e.g. Acme GmbH")
        if st.form_submit_button("Create workspace", type="primary"):
            with shown():
                ws = store.create_workspace(name)
                go(INVENTORY, ws=ws.key, uc=None, r=None, step=None)

with demo.container(border=True):
    st.markdown("**Open the demo**")
    st.caption(
        "An invented supplier whose teams have traced their AI use cases, one still in "
        "progress. You can remove it later from the Backup & data page."
    )
    if st.button("Open the demo organization"):
        with shown():
            ws = store.demo_workspace()
            if ws is None and (demo_file := demo_for(questionnaire)) is not None:
                ws = store.restore(demo_file, is_demo=True)
            if ws is None:
                st.warning(
                    "The demo organization answers the built-in questionnaire, and this app "
                    "runs a custom one it does not fit."
                )
            else:
                go(MAP, ws=ws.key, uc=None, r=None, step=None)

with restore.container(border=True):
    st.markdown("**Restore a backup**")
    st.caption("Bring back a workspace from a backup file (JSON) made with this app.")
    if st.button("Restore a backup"):
        go(DATA)

st.subheader(f"The {number(len(questionnaire.levels))} levels")
for column, level in zip(st.columns(len(questionnaire.levels)), questionnaire.levels, strict=True):
    with column.container(border=True):
        st.markdown(f"**{level.level} · {md_literal(level.name)}**")
        st.caption(md_literal(level.summary))
