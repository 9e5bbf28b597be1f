"""The map's "Export charts for slides": a format, a button that draws the file, and its
download. Which formats there are and how files are named is the core's
(`coordination.report.map_screen`); this draws them."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from app_pages.clock import today
from app_pages.errors import shown
from coordination.files import images  # looked up when called: tests replace its drawing
from coordination.report import map_screen as offer
from coordination.report.orgmap import OrgMap
from coordination.storage import Workspace


def export(ws: Workspace, org: OrgMap, ids: list[str], words: str, slide: Callable[[], go.Figure]):
    """`words` are the chosen chart's button's; `slide` draws it for a slide."""
    with st.expander(offer.EXPORT_TITLE):
        st.caption(offer.EXPORT_NOTE)
        choice = st.radio("Format", offer.export_choices(), horizontal=True)
        if st.button("Prepare the file"):
            with shown():
                if file := offer.FILES.get(choice):
                    with st.spinner("Drawing…"):
                        content = images.figure_bytes(slide(), file.format, file.size)
                else:
                    content = _all_charts(ws, org, ids)
                name = offer.file_name(ws.file_stem, words, choice)
                st.session_state["export"] = (name, content)
        if prepared := st.session_state.get("export"):
            st.download_button(
                f"Download {prepared[0]}", prepared[1], file_name=prepared[0], on_click="ignore"
            )


def _all_charts(ws: Workspace, org: OrgMap, ids: list[str]) -> bytes:
    """The zip, with a bar that moves chart by chart while it is drawn (several seconds)."""
    bar = st.progress(0.0, text="Starting the drawing…")

    def told(done: int, total: int, chart: str) -> None:
        bar.progress(done / total, text=offer.drawing_words(done, total, chart))

    try:
        return images.charts_zip(org, ws.file_stem, ids, today(), progress=told)
    finally:
        bar.empty()
