"""Backup & data: download a full backup or the results, restore a backup, snapshots, delete."""

from datetime import date

import streamlit as st

from app_pages.errors import show, shown
from app_pages.exports import exports
from app_pages.orgmap import orgmap
from app_pages.route import MAP, START, current_workspace, go, remember
from app_pages.services import services
from app_pages.snapshot_parts import compare_two, snapshot_list
from coordination.errors import CoordinationError
from coordination.files.fileformat import decode_assessment
from coordination.method.questionnaire import shipped
from coordination.names import MAX_NAME
from coordination.report.other_lens import other_lens
from coordination.text import md_literal

store, questionnaire = services()
ws = current_workspace()

st.title("Backup & data")

if ws is not None:
    st.subheader(f"Workspace: {md_literal(ws.name)}")
    org = orgmap(ws)
    exports(ws, org)
    st.subheader("Backup")
    st.download_button(
        "Download a full backup (JSON)",
        lambda: store.backup(ws.key),  # drawn when clicked
        file_name=f"{ws.file_stem}-{date.today()}.json",
        mime="application/json",
        help="Every use case, answer and note, in the format `python -m coordination` reads. "
        "Names an anonymous workshop hides read 'Participant n'.",
        on_click="ignore",
    )

st.subheader("Restore a backup")
upload = st.file_uploader("Backup file (JSON)", type=["json"], key="backup_file")
target = "new"
if ws is not None:
    target = st.radio(
        "Restore into",
        ["new", "replace"],
        horizontal=True,
        format_func={
            "new": "a new workspace",
            "replace": "this workspace, replacing its content",
        }.get,
    )
confirmed = target == "new" or st.checkbox(
    "Yes, replace every use case and answer in this workspace with the file's.",
    key="confirm_replace",
)
if st.button("Restore", type="primary", disabled=upload is None or not confirmed):
    try:
        assessment = decode_assessment(upload.getvalue(), questionnaire, others=shipped())
        restored = store.restore(assessment, replace=ws.key if target == "replace" else None)
    except CoordinationError as e:
        show(f"{upload.name}: nothing was restored. {e}")
    else:
        st.success(
            f"Restored {len(assessment.use_cases)} use cases into {md_literal(restored.name)}."
        )
        if lens := other_lens(assessment, questionnaire):  # restored, and why they do not show
            st.warning(md_literal(lens.sentence(where="in this backup")), icon=":material/rule:")
        remember(ws=restored.key, uc=None, r=None, step=None)
        st.page_link(
            MAP,
            label="Open its map",
            icon=":material/grid_view:",
            query_params={"ws": restored.key},
        )

if ws is None:
    st.stop()

st.subheader("Dated snapshots")
st.caption(
    "A snapshot freezes the workspace as it is now, under a label, for comparing later: the map "
    "and Result say what changed since it. Closing a workshop takes one by itself."
)
label = st.text_input("Snapshot label", value=f"{date.today():%d %b %Y}", max_chars=MAX_NAME)
if st.button("Take a snapshot"):
    with shown():
        store.take_snapshot(ws.key, label)
        st.success("Snapshot saved.")
snapshot_list(store, ws)
compare_two(store, ws)

st.subheader("Delete this workspace")
what = "the demo organization" if ws.is_demo else "this workspace and all its answers"
sure = st.checkbox(f"Yes, delete {what}. Download a backup first if you may need it.")
if st.button("Delete", disabled=not sure):
    with shown():
        store.delete_workspace(ws.key)
        remember(ws=None, uc=None, r=None, step=None)
        go(START)
