"""Plotly figures for the organization map, drawn for a screen or for a 16:9 slide.

A slide is 1600 × 900 px on a 13.33-inch slide, so 1 px is about 0.6 pt: its text is 30 px
(18 pt), its title 44 px, and at most `ROWS_PER_SLIDE` use cases are named on one slide (more
are drawn as an unnamed overview). On screen the same figures use 14 px text, no fixed width
and no title of their own (the page shows it), so they fit a phone and a laptop.

Colours come from ColorBrewer's YlGnBu and Oranges schemes, chosen because they stay distinct for
the common forms of colour blindness and in greyscale. "Don't know" (asked, nobody could say) is
a grey cell with "?"; a question nobody has answered yet is a near-white cell with "–"; a use
case nobody has answered is an empty row; a provisional level (trace unfinished) is hatched.
Every figure carries level names or answer names on its axes, legend and hover text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from coordination.questionnaire import Questionnaire, Scale

SLIDE = {"width": 1600, "height": 900}
UNKNOWN_GREY = "#bdbdbd"
EMPTY = "#f7f7f7"  # a cell with nothing to show: not answered, or one answer to compare
INK = "#262730"
ANSWER_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8")  # answers 0–3
LEVEL_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # levels 1–5
SPREAD_COLOURS = ("#feedde", "#fdbe85", "#fd8d3c", "#d94701")  # spread 0–3: Oranges, 4 classes
SPREAD_NAMES = ("0 · agree", "1 · close", "2 · apart", "3 · opposite")
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 18, "color": INK}
HATCH = {"shape": "/", "fgcolor": INK, "fgopacity": 0.55, "size": 9, "solidity": 0.2}
PROVISIONAL = "provisional level: trace not finished"  # what hatching means
TITLES = {
    "answers": "Where coordination is missing",
    "spread": "Where respondents disagree",
    "levels": "Level of each use case, by function",
    "functions": "Use cases per function and level",
    "distribution": "How many use cases reach each level",
}

# On screen, past these row counts cell text, then row labels, would overlap; on a slide, more
# than ROWS_PER_SLIDE use cases are drawn as an unnamed overview (filter the map to name them).
ROWS_WITH_TEXT = 40
ROWS_WITH_LABELS = 120
ROWS_PER_SLIDE = 16


@dataclass(frozen=True)
class Medium:
    """Where a figure is shown: sizes in px for its text and how long a row label may be."""

    text: int  # tick labels, cell text, legend
    title: int
    slide: bool
    label_chars: int  # characters per line of a row label
    label_lines: int


ON_SCREEN = Medium(text=14, title=20, slide=False, label_chars=24, label_lines=2)
ON_SLIDE = Medium(text=30, title=44, slide=True, label_chars=27, label_lines=1)


def literal(texts) -> list[str]:
    """User text for plotly, which reads <b>, <a href> and <br> in labels as markup."""
    return [html.escape(str(t), quote=False) for t in texts]


def _lines(text: str, width: int, most: int = 99) -> list[str]:
    """Words in lines of at most `width` characters; past `most` lines the last one is cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most or any(len(line) > width for line in lines[:most]):
        head = lines[: most - 1]
        rest = " ".join(lines[most - 1 :])
        lines = [*head, rest if len(rest) <= width else rest[: width - 1].rstrip() + "…"]
    return lines


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)


def _wrap(name: str, width: int = 14) -> str:
    """A label over several short lines ("Workflow<br>integration") so columns stay narrow."""
    return "<br>".join(literal(_lines(name, width)))


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


def scale_names(scale: Scale) -> tuple[str, ...]:
    """The answer values 0–3 by the method's names: "0 · missing" … "3 · embedded"."""
    return tuple(f"{v} · {name}" for v, name in enumerate(scale.names))


def short_level(name: str) -> str:
    """A level's name in one word for a narrow column: "Workflow", "Cross-functional"."""
    return name.split()[0] if name.split() else name


def _short_levels(columns, names: list[str]) -> list[str]:
    """Level names as "2 · Tool", one short line each that a phone can turn on end; other
    names ("Not traced") as they are."""
    return [f"{names.index(c) + 1} · {short_level(c)}" if c in names else str(c) for c in columns]


def level_colour(level: int, max_level: int = 5) -> str:
    palette = LEVEL_COLOURS if max_level == 5 else _spaced(max_level)
    return palette[level - 1]


def _spaced(n: int) -> tuple[str, ...]:
    picks = np.linspace(0, len(LEVEL_COLOURS) - 1, n).round().astype(int)
    return tuple(LEVEL_COLOURS[i] for i in picks)


def _ink_on(colour: str) -> str:
    """Dark text on light fills, white on the dark blues."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 140 else INK


def _suffix(row, medium: Medium) -> str:
    """How far an unfinished trace is, after the use case's name: " · 3 of 8", " · not traced".
    A slide's level column already says "not traced"."""
    if row["provisional"]:
        return f" · {row['answered']} of {row['required']}"
    if pd.isna(row["level"]) and not medium.slide:
        return " · not traced"
    return ""


def row_labels(rows: pd.DataFrame, medium: Medium) -> list[str]:
    """Use case names fitted to the medium with their trace's state, escaped and distinct.
    On a crowded screen (rows too low for two lines) each takes one longer line."""
    if not medium.slide and len(rows) > ROWS_WITH_TEXT:
        medium = replace(medium, label_chars=36, label_lines=1)
    out: list[str] = []
    for _, row in rows.iterrows():
        suffix = _suffix(row, medium)
        if medium.slide:  # one line: the suffix takes its room from the name
            lines = _lines(str(row["use case"]), medium.label_chars - len(suffix), 1)
            lines[-1] += suffix
        else:  # the suffix on a line of its own where there is one to spare
            lines = _lines(str(row["use case"]), medium.label_chars, medium.label_lines)
            if not suffix or len(lines[-1] + suffix) <= medium.label_chars:
                lines[-1] += suffix
            elif len(lines) < medium.label_lines:
                lines.append(suffix.removeprefix(" · "))
            else:
                lines[-1] += suffix
        label = "<br>".join(literal(lines))
        candidate, n = label, 2
        while candidate in out:
            candidate, n = f"{label} ({n})", n + 1
        out.append(candidate)
    return out


def _trace_words(row) -> str:
    if pd.isna(row["level"]):
        return "not traced"
    level = f"level {row['level']} · {row['level name']}"
    if row["provisional"]:
        return f"{level}, provisional: {row['trace']}"
    return level


# A slide's fixed frame in px: the title block above, the legend's line below.
SLIDE_TOP, SLIDE_FOOT, SLIDE_SIDE = 140, 96, 24


def _layout(
    fig: go.Figure,
    title: str,
    subtitle: str,
    medium: Medium,
    *,
    height: int = 480,
    header: int = 0,
    footer: int = 0,
    legend_above: bool = False,
) -> go.Figure:
    """Fonts, legend, size, and on a slide the title and subtitle (plain text).

    A slide is laid out by hand: its size is known, and plotly's automatic margins let a title
    overlap tick labels above the plot. `header` and `footer` are px kept inside the plot's
    frame for tick labels above and below it. On screen there is no title inside the figure
    (the page shows it, where it wraps on a phone): every margin follows its labels."""
    fig.update_layout(
        template="plotly_white",
        font={**FONT, "size": medium.text},
        hoverlabel={"font": {"size": 14}},
        paper_bgcolor="white",
        plot_bgcolor="white",
        legend={
            "orientation": "h",  # wraps onto more lines on a narrow screen
            "xref": "container",
            "x": 0,
            "xanchor": "left",
            "font": {"size": medium.text},
            "itemclick": False,
            "itemdoubleclick": False,
            "traceorder": "normal",
            "entrywidth": 0,  # each entry as wide as its text, so the key fits on one line
            "entrywidthmode": "pixels",
        },
        meta={"title": title},
    )
    if not medium.slide:
        fig.update_layout(
            height=height,
            autosize=True,
            margin={"l": 4, "r": 12, "t": 8, "b": 8},
            # Below (or above) the plot, as wide as the plot: plotly wraps it there, and a
            # legend placed against the figure's edge pushed the plot to nothing on a phone.
            # Entries of a known width, so plotly reserves room for all the lines they take.
            legend={"xref": "paper", "y": 1.0 if legend_above else 0, "entrywidth": 130}
            | ({"yanchor": "bottom"} if legend_above else {"yanchor": "top"}),
        )
        return fig
    keyed = any(t.showlegend is not False and t.name for t in fig.data)
    foot = SLIDE_FOOT if keyed else 30
    inner = SLIDE["height"] - SLIDE_TOP - foot
    fig.update_layout(
        **SLIDE,
        title={
            "text": html.escape(title, quote=False),
            "subtitle": {
                "text": html.escape(subtitle, quote=False),
                "font": {"size": medium.text, "color": "#4a4f57"},
            },
            "xref": "container",
            "x": SLIDE_SIDE / SLIDE["width"],
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 20},
            "font": {"size": medium.title},
        },
        margin={"l": SLIDE_SIDE, "r": SLIDE_SIDE, "t": SLIDE_TOP, "b": foot},
    )
    two_lines = any(getattr(t, "legend", None) == "legend2" for t in fig.data)
    for name, line in (("legend", 1 if two_lines else 0), ("legend2", 0)):
        fig.layout[name] = {
            **fig.layout.legend.to_plotly_json(),
            "x": SLIDE_SIDE / SLIDE["width"],
            "yref": "container",
            "y": (12 + 42 * line) / SLIDE["height"],
            "yanchor": "bottom",
        }
    fig.update_layout(yaxis_domain=[footer / inner, 1 - header / inner])
    return fig


def screen_height(rows: int) -> int:
    """On screen, a chart of use cases grows with its rows (within reason) instead of
    stretching a few rows over a whole slide; exports keep the 16:9 slide size."""
    return min(max(460, 240 + 44 * rows), 1800)


def screen_config() -> dict:
    """No plotly mode bar on screen: it covered the title on a phone, and its camera saved
    screen-sized text. Slides come from the page's export, drawn for a slide."""
    return {"displayModeBar": False, "responsive": True, "displaylogo": False}


def _discrete(colours: tuple[str, ...]) -> list[list]:
    """A stepped colour scale: value k (0-based) gets colours[k] across its whole band."""
    n = len(colours)
    scale = []
    for k, colour in enumerate(colours):
        scale += [[k / n, colour], [(k + 1) / n, colour]]
    return scale


@dataclass(frozen=True)
class State:
    """One kind of cell in a question heatmap: its code in z, colour, text, and legend name
    (plotly markup: plain text goes through `_escaped`)."""

    code: int
    colour: str
    text: str
    name: str


def _key(fig: go.Figure, states: list[State], medium: Medium) -> None:
    """A legend of square swatches (plotly's colour bar turned its labels on a phone). On a
    slide the states without a value ("?", "–") get a second line of their own: plotly wraps
    a legend at the plot's width, and seven entries would take three lines."""
    for s in states:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=s.name,
            legend="legend2" if medium.slide and s.code < 0 else "legend",
            marker={
                "symbol": "square",
                "size": medium.text,
                "color": s.colour,
                "line": {"color": "#8c8c8c", "width": 1},
            },
            hoverinfo="skip",
        )


def _hatch_key(fig: go.Figure, medium: Medium) -> None:
    """The legend's entry for hatching: a provisional level (on two lines for a phone)."""
    fig.add_bar(
        x=[None],
        y=[None],
        name=PROVISIONAL if medium.slide else PROVISIONAL.replace(": ", ":<br>"),
        marker={"color": "#ffffff", "pattern": HATCH, "line": {"color": "#8c8c8c", "width": 1}},
        hoverinfo="skip",
    )


def question_heatmap(
    codes: np.ndarray,
    states: list[State],
    hover: np.ndarray,
    rows: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    title: str,
    subtitle: str = "",
    medium: Medium = ON_SCREEN,
) -> go.Figure:
    """Use case × question cells (`codes`: a state's code, NaN for an empty row), with a level
    column on the left: the level by number (and first word on a slide), hatched while
    provisional."""
    n = len(rows)
    named = n <= (ROWS_PER_SLIDE if medium.slide else ROWS_WITH_LABELS)
    with_text = n <= (ROWS_PER_SLIDE if medium.slide else ROWS_WITH_TEXT)
    y = row_labels(rows, medium) if named else [f"row {i + 1}" for i in range(n)]
    by_code = {s.code: s for s in states}
    text = np.array(
        [["" if np.isnan(c) else by_code[int(c)].text for c in line] for line in codes],
        dtype=object,
    ).reshape(codes.shape)
    low, high = states[0].code, states[-1].code
    columns = literal([q.label for q in questionnaire.questions])
    if not medium.slide:
        # On screen "Level" is the first column of the same axis, so its header turns with
        # the questions' (upright on a laptop, on end on a phone); its bars lie over it.
        codes = np.column_stack([np.full(n, np.nan), codes])
        text = np.column_stack([np.full(n, ""), text])
        hover = np.column_stack([_row_words(rows), hover])
        columns = ["Level", *columns]
    fig = go.Figure(
        go.Heatmap(
            z=codes,
            x=columns,
            y=y,
            text=text if with_text else None,
            texttemplate="%{text}" if with_text else None,
            textfont={"size": medium.text},
            colorscale=_discrete(tuple(s.colour for s in states)),
            zmin=low - 0.5,
            zmax=high + 0.5,
            showscale=False,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            xgap=2,
            ygap=2 if with_text else 0,
        )
    )
    _level_column(fig, rows, y, questionnaire, medium, with_text)
    present = set(np.unique(codes[~np.isnan(codes)]).astype(int).tolist())
    # The key stays within two lines on a slide (plotly wraps it at the plot's width): a
    # provisional level is told by its hatching, its label's "· 3 of 8" and its hover text.
    _key(fig, [s for s in states if s.code >= 0 or s.code in present], medium)
    # A slide's level column is wider than a question's, for "4 · Cross-functional".
    column = 0.28 if medium.slide else 1 / len(columns)
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
            "automargin": True,
            "showgrid": False,
            "showticklabels": named,
        },
        bargap=0.06 if with_text else 0,
    )
    if not named:
        fig.update_yaxes(title=f"{n} use cases, highest level first — filter to name them")
    elif not medium.slide and n > ROWS_WITH_TEXT:
        fig.update_yaxes(tickfont={"size": 11})
    return _layout(fig, title, subtitle, medium, height=screen_height(n), header=142)


def _level_column(fig, rows, y, questionnaire: Questionnaire, medium: Medium, with_text):
    level = rows["level"].to_numpy(dtype=float, na_value=np.nan)
    fill = [
        EMPTY if np.isnan(lv) else level_colour(int(lv), questionnaire.max_level) for lv in level
    ]
    names = rows["level name"]
    text = [_level_cell(lv, name, medium) for lv, name in zip(level, names, strict=True)]
    fig.add_bar(
        x=np.ones(len(rows)),
        y=y,
        xaxis="x2",
        orientation="h",
        marker={
            "color": fill,
            "pattern": {**HATCH, "shape": ["/" if p else "" for p in rows["provisional"]]},
            "line": {"width": 0},
        },
        text=text if with_text else None,
        textposition="inside",
        insidetextanchor="middle",
        constraintext="none",
        textangle=0,
        textfont={"size": medium.text, "color": [_ink_on(c) for c in fill]},
        hovertext=_row_words(rows),
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )


def _level_cell(level: float, name: str, medium: Medium) -> str:
    """ "4 · Cross-functional" on a slide, "4" on screen; an untraced use case's is empty."""
    if np.isnan(level):
        return "not traced" if medium.slide else "–"
    return f"{int(level)} · {short_level(name)}" if medium.slide else str(int(level))


def _row_words(rows: pd.DataFrame) -> list[str]:
    return [
        f"<b>{name}</b> · {_trace_words(r)}"
        for name, (_, r) in zip(literal(rows["use case"]), rows.iterrows(), strict=True)
    ]


def answers_heatmap(
    answers: np.ndarray,
    answered: np.ndarray,
    rows: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    title: str = TITLES["answers"],
    subtitle: str = "",
    medium: Medium = ON_SCREEN,
) -> go.Figure:
    """Use case × question: the combined answer 0–3; "?" where people answered "don't know",
    "–" where nobody has answered yet; an empty row for a use case nobody has answered."""
    scale = questionnaire.scale
    states = [
        State(-2, EMPTY, "–", _escaped(f"– {scale.unanswered}")),
        State(-1, UNKNOWN_GREY, "?", _escaped(f"? {scale.dont_know}")),
        *(
            State(v, colour, str(v), _escaped(name))
            for v, (colour, name) in enumerate(zip(ANSWER_COLOURS, scale_names(scale), strict=True))
        ),
    ]
    codes = np.where(answered == 0, -2.0, np.where(np.isnan(answers), -1.0, answers))
    codes[~_started(rows)] = np.nan
    who = _row_words(rows)
    hover = np.empty(codes.shape, dtype=object)
    for j, question in enumerate(questionnaire.questions):
        label = html.escape(question.label, quote=False)
        for i, code in enumerate(codes[:, j]):
            if np.isnan(code) or code == -2:
                words = scale.unanswered
            else:
                value = None if code == -1 else int(code)
                words = html.escape(questionnaire.answer_label(question.id, value), quote=False)
            hover[i, j] = f"{who[i]}<br>{label}: {words}"
    return question_heatmap(
        codes, states, hover, rows, questionnaire, title=title, subtitle=subtitle, medium=medium
    )


def spread_heatmap(
    spread: np.ndarray,
    known: np.ndarray,
    answered: np.ndarray,
    rows: pd.DataFrame,
    questionnaire: Questionnaire,
    *,
    title: str = TITLES["spread"],
    subtitle: str = "",
    medium: Medium = ON_SCREEN,
) -> go.Figure:
    """Use case × question: how far apart people's answers lie (highest − lowest). A cell with
    fewer than two answers 0–3 has nothing to compare: it says "one" (a dot on screen), "?" or
    "–", never "0 · agree"."""
    scale = questionnaire.scale
    states = [
        State(-3, EMPTY, "–", _escaped(f"– {scale.unanswered}")),
        State(-2, UNKNOWN_GREY, "?", _escaped(f"? {scale.dont_know}")),
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
    who = _row_words(rows)
    hover = np.empty(codes.shape, dtype=object)
    for j, question in enumerate(questionnaire.questions):
        label = html.escape(question.label, quote=False)
        for i, code in enumerate(codes[:, j]):
            if np.isnan(code) or code == -3:
                words = scale.unanswered
            elif code == -2:
                words = f"only {scale.dont_know.lower()}"
            elif code == -1:
                words = "one answer: nothing to compare"
            else:
                words = f"{SPREAD_NAMES[int(code)]} ({known[i, j]} answers)"
            hover[i, j] = f"{who[i]}<br>{label}: {words}"
    return question_heatmap(
        codes, states, hover, rows, questionnaire, title=title, subtitle=subtitle, medium=medium
    )


def _started(rows: pd.DataFrame) -> np.ndarray:
    return rows["level"].notna().to_numpy()


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
                _ink_on(c) if i and d else INK for c, i, d in zip(fill, inside, dark, strict=True)
            ],
            "hover": _row_words(ordered),
            "label": row_labels(ordered, medium) if named else [f"row {i + 1}" for i in range(n)],
        }
    )
    if medium.slide:  # function | use case as two label columns: a slide's width is known
        functions = ["<br>".join(literal(_lines(f, 12, 2))) for f in ordered["function"]]
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
            State(k, level_colour(k, questionnaire.max_level), "", _wrap(f"{k} · {name}", 16))
            for k, name in enumerate(names, 1)
        ]
        if np.isnan(level).any():
            swatches.append(State(0, UNKNOWN_GREY, "", "not traced"))  # plain: no markup
        _key(fig, swatches, medium)
    if ordered["provisional"].any():
        _hatch_key(fig, medium)
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
    fig.update_yaxes(autorange="reversed", automargin=True, showticklabels=named, fixedrange=True)
    if not named:
        fig.update_yaxes(title=f"{n} use cases, by function — filter to name them")
    fig.update_layout(bargap=0.2 if with_text else 0)
    if medium.slide:
        fig.update_traces(constraintext="none", selector={"type": "bar"})
    else:  # the screen's width is unknown: a name that does not fit its bar is hidden, not cut
        fig.update_layout(uniformtext={"minsize": medium.text, "mode": "hide"})
    return _layout(fig, title, subtitle, medium, height=screen_height(len(bars)), header=50)


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
            x=literal(counts.columns if medium.slide else _short_levels(counts.columns, names)),
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
    return _layout(fig, title, subtitle, medium, height=220 + 52 * len(counts), header=230)


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
        [_wrap(n) for n in counts.index]
        if medium.slide
        else literal(_short_levels(counts.index, names))
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
            textfont={"size": medium.text, "color": [_ink_on(c) for c in colours]},
            hovertext=literal(counts.index),
            hovertemplate=f"%{{hovertext}}: %{{y}} use cases ({column})<extra></extra>",
            showlegend=False,
        )
    if counts["in progress"].any():
        _hatch_key(fig, medium)
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
    return _layout(fig, title, subtitle, medium, height=460, footer=85, legend_above=True)
