"""Start: what the method is, the five levels, and the ways in."""

import streamlit as st

from app_pages.errors import shown
from app_pages.route import DATA, INVENTORY, MAP, go
from app_pages.services import services
from coordination.fileformat import read_assessment
from coordination.settings import DEMO_PATH
from coordination.text import md_literal

store, questionnaire = services()

st.title("Coordination Map")
st.markdown(
    "Your AI tools already draft, summarize and score. Whether that output becomes better work "
    "depends on what surrounds it: a defined workflow, an owner, written review criteria, "
    "hand-offs between functions and feedback that comes back. **Trace one AI use case at a "
    "time** through eight plain questions and see where that layer is missing — and what to do "
    "next."
)

st.subheader("The five levels")
for column, level in zip(st.columns(len(questionnaire.levels)), questionnaire.levels, strict=True):
    with column.container(border=True):
        st.markdown(f"**{level.level} · {md_literal(level.name)}**")
        st.caption(md_literal(level.summary))

st.subheader("Where do you want to start?")
own, demo, restore = st.columns(3)

with own.container(border=True):
    st.markdown("**Assess my organization**")
    st.caption("Name your organization, list where AI enters the work, then trace use cases.")
    with st.form("new_workspace", border=False):
        name = st.text_input("Organization name", max_chars=200, placeholder="e.g. Acme GmbH")
        if st.form_submit_button("Create workspace", type="primary"):
            with shown():
                ws = store.create_workspace(name)
                go(INVENTORY, ws=ws.key, uc=None, r=None, step=None)

with demo.container(border=True):
    st.markdown("**Open the demo**")
    st.caption(
        "An invented supplier with 14 AI use cases, already traced by its teams. "
        "You can remove it later from the Backup & data page."
    )
    if st.button("Open the demo organization"):
        with shown():
            existing = store.demo_workspace()
            demo_file = read_assessment(DEMO_PATH, questionnaire)
            ws = existing or store.restore(demo_file, is_demo=True)
            go(MAP, ws=ws.key, uc=None, r=None, step=None)

with restore.container(border=True):
    st.markdown("**Restore a backup**")
    st.caption("Bring back a workspace from a backup file (JSON) made with this app.")
    if st.button("Restore a backup"):
        go(DATA)
