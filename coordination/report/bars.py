"""Bar charts: each use case's level by function, and how many use cases reach each level.
A provisional level (trace unfinished) is hatched; level names are on the axis and the key."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from coordination.method.questionnaire import Questionnaire
from coordination.report.frame import (
    State,
    hatch_key,
    layout,
    legend_key,
    level_key,
    screen_height,
)
from coordination.report.labels import (
    axis_title,
    fit_lines,
    literal,
    progress,
    row_labels,
    row_words,
    short_levels,
    wrap,
)
from coordination.report.style import (
    HATCH,
    INK,
    LABEL_GAP,
    ON_SCREEN,
    ROWS_PER_SLIDE,
    ROWS_WITH_LABELS,
    ROWS_WITH_TEXT,
    TITLES,
    UNKNOWN_GREY,
    Medium,
    ink_on,
    level_colour,
)


def levels_chart(
    rows: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    title: str = TITLES["levels"],
    subtitle: str = "",
    medium: Medium = ON_SCREEN,
) -> go.Figure:
    """One bar per use case, grouped by function, its length and colour the level reached;
    hatched while provisional. The level's name sits inside its bar where it fits whole (it
    is hidden, never cut, where it does not: the axis names the levels too)."""
    ordered = rows.sort_values(["function", "level"], na_position="first", kind="stable")
    n = len(ordered)
    named = n <= (ROWS_PER_SLIDE if medium.slide else ROWS_WITH_LABELS)
    with_text = n <= (ROWS_PER_SLIDE if medium.slide else ROWS_WITH_TEXT)
    level = ordered["level"].to_numpy(dtype=float, na_value=np.nan)
    fill = [
        UNKNOWN_GREY if np.isnan(lv) else level_colour(int(lv), questionnaire.max_level)
        for lv in level
    ]
    words = [
        "not traced" if np.isnan(lv) else f"{int(lv)} · {name}" if medium.slide else name
        for lv, name in zip(level, ordered["level name"], strict=True)
    ]
    if medium.slide:  # the unfinished trace's progress, which the name no longer carries
        words = [
            f"{w} · {progress(row)}" if row["provisional"] else w
            for w, (_, row) in zip(words, ordered.iterrows(), strict=True)
        ]
    inside = ~np.isnan(level)  # "not traced" goes beside its stub
    # On a slide a name longer than its bar runs on past the bar's end, in dark ink: there is
    # no room to hide it, and a 30 px name is taller than a bar anyway.
    dark = [
        not medium.slide or _fits_on_slide(w, lv, questionnaire.max_level)
        for w, lv in zip(words, level, strict=True)
    ]
    bars = pd.DataFrame(
        {
            "x": np.where(np.isnan(level), 0.12, level),
            "fill": fill,
            "hatch": ["/" if p else "" for p in ordered["provisional"]],
            "text": literal(words),
            "position": ["inside" if i else "outside" for i in inside],
            "ink": [
                ink_on(c) if i and d else INK for c, i, d in zip(fill, inside, dark, strict=True)
            ],
            "hover": row_words(ordered),
            "label": row_labels(ordered, medium) if named else [f"row {i + 1}" for i in range(n)],
        }
    )
    if medium.slide:  # function | use case as two label columns: a slide's width is known
        functions = ["<br>".join(literal(fit_lines(f, 12, 2))) for f in ordered["function"]]
        y = [functions, bars["label"].tolist()]
    else:  # one label column, each function a bold heading row: a phone has room for it
        bars = _with_headings(bars, ordered["function"].tolist())
        y = bars["label"].tolist()
    fig = go.Figure(
        go.Bar(
            x=bars["x"],
            y=y if named else bars["label"],
            orientation="h",
            marker={
                "color": bars["fill"].tolist(),
                "pattern": {**HATCH, "shape": bars["hatch"].tolist()},
                "line": {"color": "#555", "width": 0.5 if with_text else 0},
            },
            text=bars["text"] if with_text else None,
            textposition=bars["position"].tolist(),
            insidetextanchor="start",
            textangle=0,
            textfont={"size": medium.text, "color": bars["ink"].tolist()},
            cliponaxis=False,
            hovertext=bars["hover"],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    names = [lv.name for lv in questionnaire.levels]
    if not medium.slide:  # a key that wraps on a phone names the levels; the axis numbers them
        swatches = [
            State(k, level_colour(k, questionnaire.max_level), "", wrap(f"{k} · {name}", 16))
            for k, name in enumerate(names, 1)
        ]
        if np.isnan(level).any():
            swatches.append(State(0, UNKNOWN_GREY, "", "not traced"))  # plain: no markup
        legend_key(fig, swatches, medium)
    if medium.slide:  # the bars' colours by level number: their text names the level
        level_key(
            fig,
            [level_colour(k, questionnaire.max_level) for k in range(1, len(names) + 1)],
            medium,
            untraced=UNKNOWN_GREY if np.isnan(level).any() else None,
            provisional=bool(ordered["provisional"].any()),
        )
    elif ordered["provisional"].any():
        hatch_key(fig, medium)
    ticks = {
        "ticktext": [f"Level {k}" if medium.slide else str(k) for k in range(1, len(names) + 1)]
    }
    fig.update_xaxes(
        range=[0, questionnaire.max_level + (0.45 if medium.slide else 0.35)],  # room for "5"
        ticklabeloverflow="allow",  # a label past the plot widens the margin, is never hidden
        tickvals=list(range(1, len(names) + 1)),
        side="top",
        automargin=True,
        fixedrange=True,
        **ticks,
    )
    fig.update_yaxes(
        autorange="reversed",
        automargin=True,
        showticklabels=named,
        fixedrange=True,
        ticklabelstandoff=LABEL_GAP[medium.slide],
    )
    if not named:
        words = f"{n} use cases, by function — filter to name them"
        fig.update_yaxes(title=axis_title(words, medium))
    fig.update_layout(bargap=0.2 if with_text else 0)
    if medium.slide:
        fig.update_traces(constraintext="none", selector={"type": "bar"})
    else:  # the screen's width is unknown: a name that does not fit its bar is hidden, not cut
        fig.update_layout(uniformtext={"minsize": medium.text, "mode": "hide"})
    return layout(fig, title, subtitle, medium, height=screen_height(len(bars)), header=50)


def _fits_on_slide(words: str, level: float, max_level: int) -> bool:
    """On a slide (about 950 px for the bars, 13 px a character): does the text fit its bar?"""
    return len(words) * 13 + 24 <= level * 950 / (max_level + 0.05)


def _with_headings(bars: pd.DataFrame, functions: list[str]) -> pd.DataFrame:
    """An empty row before each function's bars, labelled with the function in bold."""
    parts = []
    for function, group in bars.groupby(pd.Series(functions, index=bars.index), sort=False):
        heading = {
            "x": 0.0,
            "fill": "#ffffff",
            "hatch": "",
            "text": "",
            "position": "none",
            "ink": INK,
            "hover": "",
            "label": f"<b>{html.escape(str(function), quote=False)}</b>",
        }
        parts += [pd.DataFrame([heading]), group]
    return pd.concat(parts, ignore_index=True)


def level_distribution(
    counts: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    title: str = TITLES["distribution"],
    subtitle: str = "",
    medium: Medium = ON_SCREEN,
) -> go.Figure:
    """Use cases per level: finished traces solid, provisional levels hatched on top of them,
    untraced use cases in grey. `counts` is views.level_trace_counts: one row per level name and
    "Not traced", columns traced, in progress, not traced."""
    colours = [
        *(level_colour(k, questionnaire.max_level) for k in range(1, questionnaire.max_level + 1)),
        UNKNOWN_GREY,
    ]
    names = [lv.name for lv in questionnaire.levels]
    x = (
        [wrap(n) for n in counts.index]
        if medium.slide
        else literal(short_levels(counts.index, names))
    )
    fig = go.Figure()
    for column, pattern in (("traced", ""), ("in progress", "/"), ("not traced", "")):
        values = counts[column].to_numpy()
        fig.add_bar(
            x=x,
            y=values,
            name=column,
            marker={
                "color": colours,
                "pattern": {**HATCH, "shape": pattern},
                "line": {"color": "#555", "width": 0.5},
            },
            text=[str(v) if v else "" for v in values],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            constraintext="none",
            textfont={"size": medium.text, "color": [ink_on(c) for c in colours]},
            hovertext=literal(counts.index),
            hovertemplate=f"%{{hovertext}}: %{{y}} use cases ({column})<extra></extra>",
            showlegend=False,
        )
    if counts["in progress"].any():
        hatch_key(fig, medium)
    total = counts.sum(axis=1).to_numpy()
    fig.update_yaxes(
        title="use cases",
        rangemode="tozero",
        range=[0, max(1, total.max()) * 1.08],
        dtick=max(1, int(np.ceil(total.max() / 6))),  # whole use cases only
        fixedrange=True,
    )
    fig.update_xaxes(fixedrange=True, automargin=True, autotickangles=[0, -30, -90])
    fig.update_layout(barmode="stack", bargap=0.25)
    return layout(fig, title, subtitle, medium, height=460, footer=85, legend_above=True)
