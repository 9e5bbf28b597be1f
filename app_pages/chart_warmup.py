"""An empty chart drawn out of sight on the console and the presenter, so that a room's first
reveal does not wait for the browser to load the chart library."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
import streamlit as st

WARM_UP = "chart-warm-up"  # the hidden chart's container
WARMED = "workshop|chart-warmed"  # this session's page has drawn its first run


def preload_charts() -> None:
    """Draw an empty chart out of sight, so that the browser fetches and starts the chart
    library (a few MB of JavaScript, loaded with a page's first chart) while the room joins,
    not at the reveal: on a freshly opened presenter the first reveal took 3.6–4.2 s after the
    last answer, the next ones 0.4–1.5 s (bench/bench_workshop.py). Called first in a live part,
    and drawn from its second run on: loaded with the page's first run, the library made a new
    tab 1.7× as slow to be ready as a bare page (bench/bench_page_ready.py). Hidden with
    display: none, so screen readers and the layout never meet it."""
    if not st.session_state.get(WARMED):
        st.session_state[WARMED] = True  # the next run draws it
        return
    st.html(f"<style>.st-key-{WARM_UP} {{ display: none; }}</style>")
    with st.container(key=WARM_UP):
        chart = _empty_chart()
        st.plotly_chart(chart, theme=None, key=f"{WARM_UP}-chart", config={"staticPlot": True})


@functools.cache
def _empty_chart() -> go.Figure:
    """Made once: a new figure with its template cleared took 0.6 ms of a console run's 8 ms,
    twice a second. Streamlit only reads it."""
    empty = go.Figure()
    empty.layout.template = None  # not plotly's default theme: 23 bytes a run, not 6.5 KB
    return empty
