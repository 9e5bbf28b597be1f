"""Heatmaps drawn by plotly: a use case × question `Grid` (`grid.py`) for slides and files, and
function × level counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from coordination.report.frame import (
    discrete,
    layout,
    legend_key,
    level_key,
    screen_height,
)
from coordination.report.grid import Grid
from coordination.report.labels import (
    axis_title,
    literal,
    short,
    short_levels,
    text_width,
)
from coordination.report.style import (
    EMPTY,
    HATCH,
    LABEL_GAP,
    ON_SCREEN,
    ROWS_WITH_TEXT,
    TITLES,
    Medium,
    ink_on,
)


def question_heatmap(grid: Grid) -> go.Figure:
    """The grid drawn by plotly, for a slide, a file or a screen."""
    medium, n = grid.medium, len(grid.rows)
    codes, text, hover, columns = grid.codes, grid.text, grid.hover, list(grid.columns)
    if not medium.slide:
        # On screen "Level" is the first column of the same axis, so its header turns with
        # the questions' (upright on a laptop, on end on a phone); its bars lie over it.
        codes = np.column_stack([np.full(n, np.nan), codes])
        text = np.column_stack([np.full(n, ""), text])
        hover = np.column_stack([grid.level_words, hover])
        columns = ["Level", *columns]
    y = list(grid.rows)
    fig = go.Figure(
        go.Heatmap(
            z=codes,
            x=columns,
            y=y,
            text=text if grid.with_text else None,
            texttemplate="%{text}" if grid.with_text else None,
            textfont={"size": medium.text},
            colorscale=discrete(tuple(s.colour for s in grid.states)),
            zmin=grid.states[0].code - 0.5,
            zmax=grid.states[-1].code + 0.5,
            showscale=False,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            xgap=2,
            ygap=2 if grid.with_text else 0,
        )
    )
    _level_column(fig, grid, y)
    # On a slide: answers, then "?" and "–", then the levels, each key a line of its own.
    legend_key(fig, list(grid.key), medium)
    level_key(
        fig,
        list(grid.level_colours),
        medium,
        untraced=EMPTY if grid.untraced else None,
        provisional=any(grid.provisional),
    )
    # On a slide the names' margin is set, not found by plotly's automargin, so that the key
    # can be placed under the names and the plot (see `layout`).
    names = max((text_width(label, medium.text) for label in y), default=0) if grid.named else 0
    margin = round(names + LABEL_GAP[True] + 24) if medium.slide else None
    column = (
        _level_share(margin, list(grid.level_text), medium) if medium.slide else 1 / len(columns)
    )
    level_axis = {"domain": [0, column], "range": [0, 1], "anchor": "y", "fixedrange": True}
    if medium.slide:
        fig.update_layout(
            xaxis={"domain": [column + 0.01, 1], "tickangle": -30},
            xaxis2=level_axis | {"side": "top", "tickvals": [0.5], "ticktext": ["Level"]},
        )
    else:
        fig.update_layout(
            xaxis={"domain": [0, 1], "autotickangles": [0, -30, -90]},  # 90 on a phone
            xaxis2=level_axis | {"visible": False},
        )
    fig.update_xaxes(side="top", automargin=True, showgrid=False, zeroline=False)
    fig.update_layout(
        yaxis={
            "anchor": "x2" if medium.slide else "x",
            "autorange": "reversed",
            "dtick": 1,  # every row named: plotly would drop every other one on a slide
            "automargin": not (medium.slide and grid.named),
            "showgrid": False,
            "showticklabels": grid.named,
            "ticklabelstandoff": LABEL_GAP[medium.slide],
        },
        bargap=0.06 if grid.with_text else 0,
    )
    if not grid.named:
        fig.update_yaxes(title=axis_title(grid.unnamed_title, medium))
    elif not medium.slide and n > ROWS_WITH_TEXT:
        fig.update_yaxes(tickfont={"size": 11})
    return layout(
        fig,
        grid.title,
        grid.subtitle,
        medium,
        height=screen_height(n),
        header=142,
        names=margin if grid.named else None,
        right=_right(columns, margin, column, medium) if medium.slide else 24,
    )


def _level_column(fig, grid: Grid, y):
    fig.add_bar(
        x=np.ones(len(y)),
        y=y,
        xaxis="x2",
        orientation="h",
        marker={
            "color": list(grid.level_fill),
            "pattern": {**HATCH, "shape": ["/" if p else "" for p in grid.provisional]},
            "line": {"width": 0},
        },
        text=list(grid.level_text) if grid.with_text else None,
        textposition="inside",
        insidetextanchor="middle",
        constraintext="none",
        textangle=0,
        textfont={"size": grid.medium.text, "color": [ink_on(c) for c in grid.level_fill]},
        hovertext=list(grid.level_words),
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )


def _right(headers: list[str], margin: int, column: float, medium: Medium) -> int:
    """The px a slide keeps on its right for the last question's header, turned 30° up from
    the middle of its column (cos 30° ≈ 0.87 of its length lies to the right)."""
    plot = 1600 - margin - 24
    width = plot * (1 - column - 0.01) / len(headers)  # about: the margin takes its share
    return max(24, round(0.87 * text_width(headers[-1], medium.text) - width / 2 + 12))


def _level_share(margin: int, text: list[str], medium: Medium) -> float:
    """The level column's share of the plot's width on a slide: room for its longest text in
    the plot beside the names' `margin`."""
    plot = 1600 - 24 - margin
    longest = max((text_width(t, medium.text) for t in text), default=0)
    return min(0.45, (longest + 40) / plot)


def function_level_heatmap(
    counts: pd.DataFrame,
    names: list[str],
    *,
    title: str = TITLES["functions"],
    subtitle: str = "",
    medium: Medium = ON_SCREEN,
) -> go.Figure:
    """Function × level counts; an empty cell for none, so the filled ones stand out. `names`
    are the levels' names in order (a column may also be "In progress" or "Not traced")."""
    z = counts.to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=literal(counts.columns if medium.slide else short_levels(counts.columns, names)),
            y=short(counts.index, 20 if medium.slide else 24),
            text=np.where(z == 0, "", z.astype(str)),
            texttemplate="%{text}",
            textfont={"size": medium.text},
            colorscale=[[0, "#ffffff"], [1, "#225ea8"]],
            zmin=0,
            xgap=3,
            ygap=3,
            showscale=False,
            hovertemplate="<b>%{y}</b><br>%{x}: %{z} use cases<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False, fixedrange=True)
    # Upright on screen: turned by plotly on a phone, long headers were cut off at the top.
    angle = {"tickangle": -30 if medium.slide else -90}
    fig.update_xaxes(side="top", automargin=True, showgrid=False, fixedrange=True, **angle)
    return layout(fig, title, subtitle, medium, height=220 + 52 * len(counts), header=230)
