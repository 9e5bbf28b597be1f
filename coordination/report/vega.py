"""The question heatmaps on screen, as Vega-Lite: the map's first view without plotly.

A new tab that draws a plotly chart loads and runs several MB of JavaScript before it shows
anything; Streamlit's own Vega-Lite is light. This module only renders a `grid.Grid`: what
the cells say, their colours, order, labels and key, and which answers are withheld, are all
decided there, the same for the plotly figures of slides and files.
"""

from __future__ import annotations

import json

import numpy as np

from coordination.report.grid import Grid
from coordination.report.labels import fit_lines, plain
from coordination.report.style import EMPTY, FONT, HATCH, INK, PROVISIONAL, ink_on

UNTRACED = "not traced"
# A square with diagonal stripes, as the key's swatch for a provisional level (Vega scales a
# symbol's path from the -1…1 square).
STRIPED_SQUARE = "M-1,-1H1V1H-1Z M-1,0L0,-1 M-1,1L1,-1 M0,1L1,0"
PHONE = 560  # px of plot width below which the column headers stand on end
ROW_STEP = 40  # px a row with text in its cells: two lines of a label
HATCHED = {  # diagonal stripes over a provisional level, a fifth of the width as plotly's "/"
    "gradient": "linear",
    "x1": 0,
    "y1": 1,
    "x2": 1,
    "y2": 0,
    "stops": [
        stop
        for k in range(6)
        for stop in (
            {"offset": k / 6, "color": "rgba(0,0,0,0)"},
            {"offset": (k + 0.8) / 6, "color": "rgba(0,0,0,0)"},
            {"offset": (k + 0.8) / 6, "color": INK},
            {"offset": (k + 1) / 6, "color": INK},
        )
    ],
}


def grid_spec(grid: Grid) -> dict:
    """The grid as a Vega-Lite chart as wide as its container: a "Level" column, then one
    column a question; headers upright on a laptop and on end on a phone."""
    n = len(grid.rows)
    heads = _heads(["Level", *(plain(c) for c in grid.columns)])
    line = grid.medium.text + 2
    labels = [plain(r).split("\n") for r in grid.rows]
    paints = _paints(grid)
    step = ROW_STEP if grid.with_text else (14 if grid.named else max(2, 1600 // max(n, 1)))
    layers = [
        {
            "mark": {
                "type": "rect",
                "stroke": "white",
                "strokeWidth": 2 if grid.with_text else 0,
                "aria": False,
            },
            "encoding": {
                "color": {
                    "field": "paint",
                    "type": "nominal",
                    "scale": {"domain": list(paints), "range": list(paints.values())},
                    "legend": _legend(grid),
                },
                "tooltip": [
                    {"field": "who", "title": "Use case"},
                    {"field": "what", "title": "Cell"},
                ],
            },
        },
        {
            "transform": [{"filter": "datum.hatched"}],
            "mark": {
                "type": "rect",
                "fill": HATCHED,
                "opacity": HATCH["fgopacity"],
                "tooltip": None,
                "aria": False,
            },
        },
    ]
    if any(grid.provisional):
        layers.append(_hatch_key(grid))
    if grid.with_text:
        layers.append(
            {
                "mark": {
                    "type": "text",
                    "fontSize": grid.medium.text,
                    "tooltip": None,
                    "aria": False,
                },
                "encoding": {
                    "text": {"field": "text"},
                    "color": {"field": "ink", "type": "nominal", "scale": None},
                },
            }
        )
    y_axis = {
        "title": None if grid.named else grid.unnamed_title,
        "labels": grid.named,
        "labelExpr": "rowLabels[datum.value]",
        "labelFontSize": grid.medium.text if n <= 40 else 11,
        "labelLimit": 0,
        "labelLineHeight": grid.medium.text + 2,
        # A two-line name centred on its row (Vega centres a label's first line).
        "labelBaseline": {
            "condition": {"test": "length(rowLabels[datum.value]) > 1", "value": "line-bottom"},
            "value": "middle",
        },
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "usermeta": {"title": grid.title},
        "width": "container",
        "height": {"step": step},
        # Laid out again at every width: a phone turned sideways stands the headers upright.
        "padding": {"top": 6, "bottom": 4, "left": 0, "right": 0},  # a header on end ends inside
        "autosize": {"type": "fit-x", "contains": "padding", "resize": True},
        "params": [
            {"name": "heads", "value": heads},
            {"name": "rowLabels", "value": labels},
            {"name": "onEnd", "expr": f"width < {PHONE}"},
        ],
        "data": {"values": _cells(grid)},
        "encoding": {
            "x": {
                "field": "col",
                "type": "ordinal",
                "scale": {"domain": list(range(len(heads)))},
                "axis": {
                    "orient": "top",
                    "title": None,
                    # On end: one line, trimmed of the blank lines that align upright heads.
                    "labelExpr": "onEnd ? trim(join(heads[datum.value], ' ')) : heads[datum.value]",
                    "labelAngle": {"expr": "onEnd ? -90 : 0"},
                    "labelAlign": {"expr": "onEnd ? 'left' : 'center'"},
                    "labelBaseline": {"expr": "onEnd ? 'middle' : 'bottom'"},
                    # Vega draws a label's further lines below its first: lift them clear.
                    "labelPadding": {"expr": f"onEnd ? 4 : {4 + (len(heads[0]) - 1) * line}"},
                    "labelFontSize": grid.medium.text,
                    "labelLimit": 0,
                    "labelLineHeight": line,
                },
            },
            "y": {
                "field": "row",
                "type": "ordinal",
                "scale": {"domain": list(range(n))},
                "axis": y_axis,
            },
        },
        "layer": layers,
        "config": {
            # No ARIA labels of field names and numbers ("row: 3; col: 5"), here and on every
            # mark: a screen reader hears the chart's title (the page passes it as `alt`), and
            # the table below it lists every use case with its level.
            "aria": False,
            "font": FONT["family"],
            "view": {"stroke": None},
            "axis": {"labelColor": INK, "titleColor": INK, "domain": False, "ticks": False},
            # The keys one under the other, from the plot's left edge.
            "legend": {
                "labelColor": INK,
                "layout": {"bottom": {"direction": "vertical", "anchor": "start"}},
            },
        },
    }


def _heads(labels: list[str]) -> list[list[str]]:
    """Each header over short lines, all as many lines (blank ones above), so upright heads
    stand on one baseline."""
    lines = [fit_lines(label, 12, 3) for label in labels]
    most = max(len(head) for head in lines)
    return [[""] * (most - len(head)) + head for head in lines]


def _paints(grid: Grid) -> dict[str, str]:
    """Every fill by its name in the key: the cells' states, the levels, "not traced"."""
    paints = {plain(s.name): s.colour for s in grid.states}
    paints.update({f"Level {k}": c for k, c in enumerate(grid.level_colours, 1)})
    return paints | {UNTRACED: EMPTY}


def _hatch_key(grid: Grid) -> dict:
    """The key's entry for the stripes, a legend of its own (a swatch drawn as a striped
    square): a layer with one invisible point that only makes the legend."""
    return {
        "data": {"values": [{"hatch": PROVISIONAL}]},
        "mark": {"type": "point", "opacity": 0, "tooltip": None, "aria": False},
        "encoding": {
            "x": {"value": 0},
            "y": {"value": 0},
            "shape": {
                "field": "hatch",
                "type": "nominal",
                "scale": {"range": [STRIPED_SQUARE]},
                "legend": {
                    "title": None,
                    "orient": "bottom",
                    "symbolFillColor": "white",
                    "symbolStrokeColor": INK,
                    "symbolStrokeWidth": 1,
                    "symbolOpacity": 1,
                    "symbolSize": grid.medium.text**2,
                    "labelFontSize": grid.medium.text,
                    "labelLimit": 0,
                    # Two lines on a phone: "provisional level" / "trace not finished".
                    "labelExpr": f"onEnd ? {json.dumps(PROVISIONAL.split(': '))} : datum.label",
                },
            },
        },
    }


def _level_paint(text: str) -> str:
    """A level cell's fill by name: "Level 3" for the cell that says "3"."""
    return f"Level {text}" if text.isdigit() else UNTRACED


def _legend(grid: Grid) -> dict:
    """The key below the chart, square swatches in as many columns as the width has room for."""
    return {
        # Every colour drawn is in the key: the cells', the levels', and "not traced" if drawn.
        "values": [
            *(plain(s.name) for s in grid.key),
            *(f"Level {k}" for k in range(1, len(grid.level_colours) + 1)),
            *([UNTRACED] if grid.untraced else []),
        ],
        "title": None,
        "orient": "bottom",
        "direction": "horizontal",
        "columns": {"expr": "onEnd ? 1 : 4"},  # a phone's plot is narrower than two
        "symbolType": "square",
        "symbolSize": grid.medium.text**2,
        "symbolStrokeColor": "#8c8c8c",
        "symbolStrokeWidth": 1,
        "symbolOpacity": 1,
        "labelFontSize": grid.medium.text,
        "labelLimit": 0,
    }


def _cells(grid: Grid) -> list[dict]:
    """One record a cell: the level column first, then the questions; no cell for a use case
    nobody has answered (an empty row, as in the plotly figure)."""
    by_code = {s.code: s for s in grid.states}
    cells = []
    for i in range(len(grid.rows)):
        fill = grid.level_fill[i]
        cells.append(
            {
                "row": i,
                "col": 0,
                "paint": _level_paint(grid.level_text[i]),
                "text": grid.level_text[i],
                "ink": ink_on(fill),
                "hatched": grid.provisional[i],
                "who": plain(grid.level_words[i]),
                "what": "Level",
            }
        )
        for j, code in enumerate(grid.codes[i]):
            if np.isnan(code):
                continue
            state = by_code[int(code)]
            who, what = plain(grid.hover[i, j]).split("\n", 1)
            cells.append(
                {
                    "row": i,
                    "col": j + 1,
                    "paint": plain(state.name),
                    "text": grid.text[i, j],
                    "ink": ink_on(state.colour),
                    "hatched": False,
                    "who": who,
                    "what": what,
                }
            )
    return cells


def chart_title(chart) -> str:
    """The title the page shows above a chart: a Vega-Lite spec's or a plotly figure's."""
    return chart["usermeta"]["title"] if isinstance(chart, dict) else chart.layout.meta["title"]
