"""Backup & data's snapshots: each with its file, a new label and a delete; and any two
compared (or one with now), in the words the map uses."""

from __future__ import annotations

import streamlit as st

from app_pages.errors import shown
from app_pages.orgmap import orgmap
from app_pages.since import snapshot_map
from coordination.names import MAX_NAME
from coordination.progress.since import Since
from coordination.text import md_literal

NOW = "now"


def snapshot_list(store, ws) -> None:
    for snap in reversed(store.snapshots(ws.key)):  # the latest first
        name, file, rename, delete = st.columns([3, 2, 1.4, 1.4], vertical_alignment="center")
        name.markdown(f"**{md_literal(snap.label)}** · {snap.taken_at:%d %b %Y, %H:%M}")
        file.download_button(
            "Download (JSON)",
            lambda snap=snap: store.snapshot_file(ws.key, snap.id),
            key=f"snap_{snap.id}",
            file_name=f"{ws.file_stem}-snapshot-{snap.id}.json",
            mime="application/json",
            on_click="ignore",
            icon=":material/download:",
        )
        with rename.popover("Rename", icon=":material/edit:"):
            new = st.text_input("New label", snap.label, max_chars=MAX_NAME,
                                key=f"snap_label_{snap.id}")  # fmt: skip
            if st.button("Save the label", key=f"snap_rename_{snap.id}"):
                with shown():
                    store.rename_snapshot(ws.key, snap.id, new)
                    st.rerun()
        with delete.popover("Delete", icon=":material/delete:"):
            st.caption("The snapshot goes; the workspace and its answers stay as they are.")
            if st.button("Delete this snapshot", key=f"snap_delete_{snap.id}", type="primary"):
                with shown():
                    store.delete_snapshot(ws.key, snap.id)
                    st.rerun()


def compare_two(store, ws) -> None:
    """Any snapshot against any later one, or against now."""
    snaps = store.snapshots(ws.key)
    if not snaps:
        return
    names = {str(s.id): f"{s.label} · {s.taken_at:%d %b %Y}" for s in snaps} | {NOW: "Now"}
    with st.expander("Compare two moments"):
        left, right = st.columns(2)
        before = left.selectbox("From", [str(s.id) for s in snaps], format_func=names.get,
                                key="compare_from")  # fmt: skip
        after = right.selectbox("To", [*reversed([str(s.id) for s in snaps]), NOW],
                                index=len(snaps), format_func=names.get,
                                key="compare_to")  # fmt: skip
        if before == after:
            st.info("Choose two different moments.")
            return
        snap = {str(s.id): s for s in snaps}
        then = snapshot_map(ws, snap[before].id, snap[before].label)
        now = orgmap(ws) if after == NOW else snapshot_map(ws, snap[after].id,
                                                            snap[after].label)  # fmt: skip
        since = Since.between(then.moment(), now.moment())
        st.markdown(md_literal(since.headline()))
        st.dataframe(since.frame(), hide_index=True, width="stretch", key="compare_table")
