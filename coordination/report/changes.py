"""The "what changed" chart: each use case's level then and now, one row each, a slope laid on
its side (a dumbbell) so every row keeps its name however many share a level.

Direction is told three ways, never by colour alone: the line's colour (blue up, vermillion
down, grey same — Okabe and Ito's colour-blind-safe pair), the marker (an open circle then, a
filled triangle now pointing the way it moved) and the row's words in the hover and labels.
A move to or from a provisional level is drawn dotted and says "provisional".
"""

from __future__ import annotations

import plotly.graph_objects as go

from coordination.progress.compare import CaseChange
from coordination.progress.since import Since
from coordination.report.frame import layout, screen_height
from coordination.report.labels import fit_lines, literal, short, short_levels, two_lines
from coordination.report.style import INK, ON_SCREEN, ROWS_PER_SLIDE, UNKNOWN_GREY, Medium

UP, DOWN, SAME = "#0072B2", "#D55E00", "#8c8c8c"
COLOURS = {"up": UP, "down": DOWN, "same": SAME, "untraced": DOWN}
SYMBOLS = {"up": "triangle-right", "down": "triangle-left", "same": "circle"}
ORDER = ("down", "up", "untraced", "same", "new")  # what a reader wants first
TITLE = "What changed"


def changes_chart(
    since: Since, ids: list[str] | None = None, *, subtitle: str = "", medium: Medium = ON_SCREEN
) -> go.Figure:
    """Then and now for the use cases in both moments (new and retired ones are in the table,
    not on a level axis they have only one end of)."""
    cases = [
        c
        for c in since.comparison.cases
        if c.change not in ("new", "retired") and (ids is None or c.id in ids)
    ]
    cases.sort(key=lambda c: ORDER.index(c.change))
    if medium.slide:
        cases = cases[:ROWS_PER_SLIDE]
    q = since.questionnaire
    names = [c.name for c in cases]
    rows = short(names, 28) if medium.slide else two_lines(names)
    fig = go.Figure()
    for case, row in zip(cases, rows, strict=True):
        _row(fig, case, row, since)
    _keys(fig, since.label, medium)
    if medium.slide:
        levels = [f"{lv.level} · {lv.name}" for lv in q.levels]
        ticks = ["<br>".join(literal(fit_lines(t, 14))) for t in ["not traced", *levels]]
    else:  # one short word a level, so six columns fit a phone
        words = short_levels([lv.name for lv in q.levels], [lv.name for lv in q.levels])
        ticks = ["<br>".join(literal(t.split(" ", 2))) for t in ["not traced", *words]]
    fig.update_xaxes(
        range=[-0.5, q.max_level + 0.5],
        tickvals=list(range(q.max_level + 1)),
        ticktext=ticks,
        side="top",
        gridcolor="#e5e5e5",
        zeroline=False,
        fixedrange=True,
    )
    fig.update_yaxes(autorange="reversed", fixedrange=True, categoryorder="array",
                     categoryarray=rows)  # fmt: skip
    height = screen_height(len(rows))
    return layout(
        fig,
        f"{TITLE} since {since.label}",
        subtitle,
        medium,
        height=height,
        header=110 if medium.slide else 0,
    )


def _row(fig: go.Figure, case: CaseChange, row: str, since: Since) -> None:
    then, now = case.level_before or 0, case.level_after or 0
    colour = COLOURS.get(case.change, SAME)
    dash = "dot" if case.provisional else "solid"
    words = _words(case, since)
    fig.add_scatter(
        x=[then, now],
        y=[row, row],
        mode="lines",
        line={"color": colour, "width": 4, "dash": dash},
        hoverinfo="skip",
        showlegend=False,
    )
    fig.add_scatter(
        x=[then],
        y=[row],
        mode="markers",
        marker={"symbol": "circle-open", "size": 14, "color": INK, "line": {"width": 2}},
        hovertext=[words],
        hoverinfo="text",
        showlegend=False,
    )
    symbol = SYMBOLS.get(_way(then, now), "circle")
    fig.add_scatter(
        x=[now],
        y=[row],
        mode="markers",
        marker={"symbol": symbol, "size": 18, "color": colour if now else UNKNOWN_GREY},
        hovertext=[words],
        hoverinfo="text",
        showlegend=False,
    )


def _way(then: int, now: int) -> str:
    return "up" if now > then else "down" if now < then else "same"


def _words(case: CaseChange, since: Since) -> str:
    text = f"<b>{literal([case.name])[0]}</b> · {since.mark(case.id)}"
    if reason := since.difference(case):
        text += f"<br>{literal([reason])[0]}"
    return text


def _keys(fig: go.Figure, label: str, medium: Medium) -> None:
    """The legend: the markers, and each line's meaning in words."""
    size = medium.text
    for name, marker, line in (
        (f"then ({label})", {"symbol": "circle-open", "color": INK, "size": size}, None),
        ("now", {"symbol": "triangle-right", "color": INK, "size": size}, None),
        ("moved up", None, {"color": UP, "width": 4}),
        ("moved down", None, {"color": DOWN, "width": 4}),
        ("same level", None, {"color": SAME, "width": 4}),
        ("provisional", None, {"color": INK, "width": 3, "dash": "dot"}),
    ):
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers" if marker else "lines",
            marker=marker,
            line=line,
            name=literal([name])[0],
            hoverinfo="skip",
        )
