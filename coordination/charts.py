"""Plotly figures for the organization map, sized for 16:9 slides and legible on a projector.

Colours come from ColorBrewer's YlGnBu and Oranges schemes, chosen because they stay distinct for
the common forms of colour blindness and in greyscale; "don't know" is a neutral grey with a "?".
Every figure carries level names or answer labels on its axes and in its hover text.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from coordination.questionnaire import Questionnaire

SLIDE = {"width": 1600, "height": 900}
UNKNOWN_GREY = "#bdbdbd"
ANSWER_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8")  # answers 0–3
LEVEL_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # levels 1–5
SPREAD_COLOURS = ("#fff5eb", "#fdbe85", "#fd8d3c", "#d94701")  # spread 0–3
ANSWER_NAMES = ("0 · missing", "1 · informal", "2 · defined", "3 · embedded")
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 18, "color": "#262730"}

# Row counts past which cell text, then row labels, would overlap on a 900-pixel slide.
ROWS_WITH_TEXT = 40
ROWS_WITH_LABELS = 120


def literal(texts) -> list[str]:
    """User text for plotly, which reads <b>, <a href> and <br> in labels as markup."""
    return [html.escape(str(t), quote=False) for t in texts]


def _wrap(name: str, width: int = 14) -> str:
    """A label over several short lines ("Workflow<br>integration") so columns stay narrow."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def short(labels, width: int = 48, *, distinct: bool = True) -> list[str]:
    """Row labels cut to fit beside a chart and escaped; with `distinct`, still different from
    each other after the cut (plotly merges rows that share a label)."""
    out: list[str] = []
    for label in map(str, labels):
        cut = label if len(label) <= width else label[: width - 1].rstrip() + "…"
        candidate, n = cut, 2
        while distinct and candidate in out:
            candidate, n = f"{cut} ({n})", n + 1
        out.append(candidate)
    return literal(out)


def level_colour(level: int, max_level: int = 5) -> str:
    palette = LEVEL_COLOURS if max_level == 5 else _spaced(max_level)
    return palette[level - 1]


def _spaced(n: int) -> tuple[str, ...]:
    picks = np.linspace(0, len(LEVEL_COLOURS) - 1, n).round().astype(int)
    return tuple(LEVEL_COLOURS[i] for i in picks)


def _layout(fig: go.Figure, title: str, rows: int = 0) -> go.Figure:
    fig.update_layout(
        title={
            "text": html.escape(title, quote=False),
            "x": 0.01,
            "xanchor": "left",
            "font": {"size": 26},
            "yref": "container",
            "y": 0.97,
            "yanchor": "top",
        },
        template="plotly_white",
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 20, "r": 20, "t": 150, "b": 60},
        **SLIDE,  # room for title + top axis
    )
    if rows > ROWS_WITH_LABELS:
        fig.update_yaxes(showticklabels=False, title=f"{rows} use cases — hover for names")
    elif rows > ROWS_WITH_TEXT:
        fig.update_yaxes(tickfont={"size": 11})
    return fig


def screen_height(rows: int) -> int:
    """On screen, a chart of use cases grows with its rows (within reason) instead of
    stretching a few rows over a whole slide; exports keep the 16:9 slide size."""
    return min(max(460, 220 + 36 * rows), 1600)


def download_config(filename: str) -> dict:
    """Plotly's camera button saves the slide-sized PNG, sharp at twice the pixels."""
    return {
        "toImageButtonOptions": {"format": "png", "filename": filename, **SLIDE, "scale": 2},
        "displaylogo": False,
    }


def _discrete(colours: tuple[str, ...]) -> list[list]:
    """A stepped colour scale: value k (0-based) gets colours[k] across its whole band."""
    n = len(colours)
    scale = []
    for k, colour in enumerate(colours):
        scale += [[k / n, colour], [(k + 1) / n, colour]]
    return scale


def _question_heatmap(
    frame: pd.DataFrame, colours, names, hover_values, title, unknown: str = "? · don't know"
) -> go.Figure:
    """Use case × question, with unknown cells as their own grey band below 0."""
    z = frame.to_numpy(dtype=float)
    z = np.where(np.isnan(z), -1, z)
    rows = len(frame)
    text = np.where(z < 0, "?", z.astype(int).astype(str)) if rows <= ROWS_WITH_TEXT else None
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_wrap(c, width=9) for c in frame.columns],
            y=short(frame.index),
            text=text,
            texttemplate="%{text}" if text is not None else None,
            colorscale=_discrete((UNKNOWN_GREY, *colours)),
            zmin=-1.5,
            zmax=len(colours) - 0.5,
            customdata=np.dstack(
                [
                    hover_values,
                    np.repeat(
                        np.array(literal(frame.index), dtype=object)[:, None],
                        frame.shape[1],
                        axis=1,
                    ),
                ]
            ),
            xgap=2,
            ygap=2 if rows <= ROWS_WITH_TEXT else 0,
            hovertemplate="<b>%{customdata[1]}</b><br>%{x}: %{customdata[0]}<extra></extra>",
            colorbar={
                "tickvals": list(range(-1, len(colours))),
                "ticktext": [unknown, *names],
                "orientation": "h",  # below the map: the width goes to the columns
                "x": 0.5,
                "xanchor": "center",
                "y": -0.02,
                "yanchor": "top",
                "len": 0.9,
                "thickness": 16,
            },
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top", automargin=True, tickangle=0, tickfont={"size": 15})
    return _layout(fig, title, rows)


def answers_heatmap(
    frame: pd.DataFrame, questionnaire: Questionnaire, title: str = "Where coordination is missing"
) -> go.Figure:
    """Use case × question heatmap of aggregated answers; hover shows the answer's wording."""
    hover = np.empty(frame.shape, dtype=object)
    for j, question in enumerate(questionnaire.questions):
        column = frame.iloc[:, j].to_numpy()
        hover[:, j] = [
            questionnaire.answer_label(question.id, None if np.isnan(v) else int(v)) for v in column
        ]
    return _question_heatmap(frame, ANSWER_COLOURS, ANSWER_NAMES, hover, title)


def spread_heatmap(
    frame: pd.DataFrame, title: str = "Where respondents disagree (max − min answer)"
) -> go.Figure:
    names = ("0 · agree", "1 · close", "2 · apart", "3 · opposite")
    values = frame.to_numpy(dtype=float)
    hover = np.array(
        [["no answers" if np.isnan(v) else str(int(v)) for v in row] for row in values],
        dtype=object,
    )
    return _question_heatmap(frame, SPREAD_COLOURS, names, hover, title, "? · no answers")


def levels_chart(
    levels: pd.DataFrame,
    questionnaire: Questionnaire,
    title: str = "Level of each use case, by function",
) -> go.Figure:
    """One bar per use case, grouped by function, its length and colour the level reached."""
    ordered = levels.sort_values(["function", "level"], na_position="first", kind="stable")
    level = ordered["level"].fillna(0).astype(int).to_numpy()
    colours = [level_colour(lv, questionnaire.max_level) if lv else UNKNOWN_GREY for lv in level]
    few = len(ordered) <= ROWS_WITH_TEXT  # past that, outlines and labels turn into noise
    fig = go.Figure(
        go.Bar(
            x=np.where(level == 0, 0.15, level),
            y=[short(ordered["function"], 24, distinct=False), short(ordered["use case"])],
            orientation="h",
            marker={"color": colours, "line": {"color": "#555", "width": 0.5 if few else 0}},
            text=literal(ordered["level name"]) if few else None,
            textposition="outside",
            cliponaxis=False,
            customdata=ordered[["level name", "respondents"]].to_numpy(),
            hovertemplate="<b>%{y}</b><br>%{customdata[0]}<br>%{customdata[1]} respondents"
            "<extra></extra>",
        )
    )
    names = [lv.name for lv in questionnaire.levels]
    fig.update_xaxes(
        range=[0, questionnaire.max_level + 1.6],
        tickvals=list(range(1, len(names) + 1)),
        ticktext=[_wrap(n) for n in names],
        side="top",
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(bargap=0.2 if few else 0)
    return _layout(fig, title, len(ordered))


def function_level_heatmap(
    counts: pd.DataFrame, title: str = "Use cases per function and level"
) -> go.Figure:
    z = counts.to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_wrap(c) for c in counts.columns],
            y=short(counts.index, 32),
            text=z.astype(str),
            texttemplate="%{text}",
            colorscale=[[0, "#ffffff"], [1, "#225ea8"]],
            zmin=0,
            xgap=3,
            ygap=3,
            showscale=False,
            hovertemplate="<b>%{y}</b><br>%{x}: %{z} use cases<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top")
    return _layout(fig, title)


def level_distribution(
    counts: pd.Series,
    questionnaire: Questionnaire,
    title: str = "How many use cases reach each level",
) -> go.Figure:
    colours = [
        *(level_colour(k, questionnaire.max_level) for k in range(1, questionnaire.max_level + 1)),
        UNKNOWN_GREY,
    ]
    fig = go.Figure(
        go.Bar(
            x=[_wrap(name) for name in counts.index],
            y=counts.to_numpy(),
            marker={"color": colours, "line": {"color": "#555", "width": 0.5}},
            text=counts.to_numpy(),
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y} use cases<extra></extra>",
        )
    )
    fig.update_yaxes(
        title="use cases", rangemode="tozero", dtick=max(1, int(np.ceil(counts.max() / 8)))
    )  # whole use cases only
    return _layout(fig, title)
