"""Heatmaps: use case × question (combined answers, or how far apart people's answers lie),
each with a level column, and function × level counts.

"Don't know" (asked, nobody could say) is a grey cell with "?"; a question nobody has answered
yet is a near-white cell with "–"; a use case nobody has answered is an empty row; a
provisional level (trace unfinished) is hatched.

A question heatmap is decided once as a `Grid` (`answers_grid`, `spread_grid`) and drawn by
plotly here (`question_heatmap`: slides, files) or by Vega-Lite (`vega.grid_spec`: the map on
screen).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from coordination.method.questionnaire import Questionnaire
from coordination.report.frame import (
    State,
    discrete,
    layout,
    legend_key,
    level_key,
    screen_height,
)
from coordination.report.labels import (
    axis_title,
    escaped,
    literal,
    progress,
    row_labels,
    row_words,
    scale_names,
    short,
    short_level,
    short_levels,
    text_width,
)
from coordination.report.style import (
    ANSWER_COLOURS,
    EMPTY,
    HATCH,
    LABEL_GAP,
    ON_SCREEN,
    ROWS_PER_SLIDE,
    ROWS_WITH_LABELS,
    ROWS_WITH_TEXT,
    SPREAD_COLOURS,
    SPREAD_NAMES,
    TITLES,
    UNKNOWN_GREY,
    Medium,
    ink_on,
    level_colour,
)


@dataclass(frozen=True)
class Grid:
    """A use case × question heatmap decided once, whatever draws it: which rows in which order,
    each cell's state, text and hover words, the level column (colour, text, hatched while
    provisional) and the key. Plotly draws it for slides and files (`question_heatmap`), Vega-Lite
    for the map on screen (`coordination.report.vega`): two renderings of one set of rules.

    Text is plotly markup, as the labels module makes it: user text escaped, `<br>` between
    lines, `<b>` around a name; `labels.plain` turns it back into the literal text."""

    codes: np.ndarray  # use case × question: a state's code, NaN for a use case nobody answered
    text: np.ndarray  # what each cell says ("2", "?", "–", …)
    hover: np.ndarray  # each cell's hover words
    states: tuple[State, ...]  # every kind of cell, lowest code first
    key: tuple[State, ...]  # the states the legend lists
    columns: tuple[str, ...]  # the questions' labels
    rows: tuple[str, ...]  # the use cases' labels (or "row n" where too many to name)
    level_fill: tuple[str, ...]
    level_text: tuple[str, ...]
    level_words: tuple[str, ...]  # a row's use case and level in words
    provisional: tuple[bool, ...]
    level_colours: tuple[str, ...]  # levels 1 to the highest, for the key
    untraced: bool  # a use case not traced yet is drawn: its colour goes in the key
    named: bool  # few enough rows to name them
    with_text: bool  # few enough rows to write in the cells
    title: str
    subtitle: str
    medium: Medium

    @property
    def unnamed_title(self) -> str:
        return f"{len(self.rows)} use cases, highest level first — filter to name them"


def question_grid(
    codes: np.ndarray,
    states: list[State],
    hover: np.ndarray,
    rows: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    title: str,
    subtitle: str = "",
    medium: Medium = ON_SCREEN,
) -> Grid:
    """Use case × question cells (`codes`: a state's code, NaN for an empty row), with a level
    column: the level by number (and first word on a slide), hatched while provisional."""
    n = len(rows)
    named = n <= (ROWS_PER_SLIDE if medium.slide else ROWS_WITH_LABELS)
    with_text = n <= (ROWS_PER_SLIDE if medium.slide else ROWS_WITH_TEXT)
    by_code = {s.code: s for s in states}
    text = np.array(
        [["" if np.isnan(c) else by_code[int(c)].text for c in line] for line in codes],
        dtype=object,
    ).reshape(codes.shape)
    present = set(np.unique(codes[~np.isnan(codes)]).astype(int).tolist())
    level = rows["level"].to_numpy(dtype=float, na_value=np.nan)
    fill = [
        EMPTY if np.isnan(lv) else level_colour(int(lv), questionnaire.max_level) for lv in level
    ]
    return Grid(
        codes=codes,
        text=text,
        hover=hover,
        states=tuple(states),
        key=tuple(s for s in states if s.code >= 0 or s.code in present),
        columns=tuple(literal([q.label for q in questionnaire.questions])),
        rows=tuple(row_labels(rows, medium) if named else [f"row {i + 1}" for i in range(n)]),
        level_fill=tuple(fill),
        level_text=tuple(
            _level_cell(lv, row, medium)
            for lv, (_, row) in zip(level, rows.iterrows(), strict=True)
        ),
        level_words=tuple(row_words(rows)),
        provisional=tuple(bool(p) for p in rows["provisional"]),
        level_colours=tuple(
            level_colour(k, questionnaire.max_level) for k in range(1, questionnaire.max_level + 1)
        ),
        untraced=bool(np.isnan(level).any()),
        named=named,
        with_text=with_text,
        title=title,
        subtitle=subtitle,
        medium=medium,
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


def _level_cell(level: float, row, medium: Medium) -> str:
    """ "4 · Cross-functional" on a slide ("2 · Tool · 3 of 8" while provisional: the name
    beside it stays whole), "4" on screen; an untraced use case's says so."""
    if np.isnan(level):
        return "not traced" if medium.slide else "–"
    if not medium.slide:
        return str(int(level))
    words = f"{int(level)} · {short_level(row['level name'])}"
    return f"{words} · {progress(row)}" if row["provisional"] else words


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


def answers_grid(
    answers: np.ndarray,
    answered: np.ndarray,
    rows: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    title: str = TITLES["answers"],
    subtitle: str = "",
    medium: Medium = ON_SCREEN,
) -> Grid:
    """Use case × question: the combined answer 0–3; "?" where people answered "don't know",
    "–" where nobody has answered yet; an empty row for a use case nobody has answered."""
    scale = questionnaire.scale
    states = [
        State(-2, EMPTY, "–", escaped(f"– {scale.unanswered}")),
        State(-1, UNKNOWN_GREY, "?", escaped(f"? {scale.dont_know}")),
        *(
            State(v, colour, str(v), escaped(name))
            for v, (colour, name) in enumerate(zip(ANSWER_COLOURS, scale_names(scale), strict=True))
        ),
    ]
    codes = np.where(answered == 0, -2.0, np.where(np.isnan(answers), -1.0, answers))
    codes[~_started(rows)] = np.nan

    def words(i: int, j: int, code: float) -> str:
        if np.isnan(code) or code == -2:
            return scale.unanswered
        question = questionnaire.questions[j].id
        value = None if code == -1 else int(code)
        return html.escape(questionnaire.answer_label(question, value), quote=False)

    hover = _hover(codes, rows, questionnaire, words)
    return question_grid(
        codes, states, hover, rows, questionnaire, title=title, subtitle=subtitle, medium=medium
    )


def spread_grid(
    spread: np.ndarray,
    known: np.ndarray,
    answered: np.ndarray,
    rows: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    title: str = TITLES["spread"],
    subtitle: str = "",
    medium: Medium = ON_SCREEN,
) -> Grid:
    """Use case × question: how far apart people's answers lie (highest − lowest). A cell with
    fewer than two answers 0–3 has nothing to compare: it says "one" (a dot on screen), "?" or
    "–", never "0 · agree"."""
    scale = questionnaire.scale
    states = [
        State(-3, EMPTY, "–", escaped(f"– {scale.unanswered}")),
        State(-2, UNKNOWN_GREY, "?", escaped(f"? {scale.dont_know}")),
        # "one" on a slide; on screen a dot, since a phone's column is narrower than a word
        State(-1, EMPTY, *(("one", "one answer") if medium.slide else ("·", "· one answer"))),
        *(
            State(v, colour, str(v), name)
            for v, (colour, name) in enumerate(zip(SPREAD_COLOURS, SPREAD_NAMES, strict=True))
        ),
    ]
    codes = np.select(
        [answered == 0, known == 0, known == 1], [-3.0, -2.0, -1.0], default=spread
    ).astype(float)
    codes[~_started(rows)] = np.nan

    def words(i: int, j: int, code: float) -> str:
        if np.isnan(code) or code == -3:
            return scale.unanswered
        if code == -2:
            return f"only {scale.dont_know.lower()}"
        if code == -1:
            return "one answer: nothing to compare"
        return f"{SPREAD_NAMES[int(code)]} ({known[i, j]} answers)"

    hover = _hover(codes, rows, questionnaire, words)
    return question_grid(
        codes, states, hover, rows, questionnaire, title=title, subtitle=subtitle, medium=medium
    )


def _hover(codes: np.ndarray, rows: pd.DataFrame, questionnaire: Questionnaire, words):
    """Each cell's hover text: the use case, the question and `words(i, j, code)` for it."""
    who = row_words(rows)
    labels = [html.escape(q.label, quote=False) for q in questionnaire.questions]
    hover = np.empty(codes.shape, dtype=object)
    for (i, j), code in np.ndenumerate(codes):
        hover[i, j] = f"{who[i]}<br>{labels[j]}: {words(i, j, code)}"
    return hover


def _started(rows: pd.DataFrame) -> np.ndarray:
    return rows["level"].notna().to_numpy()


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
