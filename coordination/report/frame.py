"""A figure's frame: fonts, legend, size, and on a slide its title and subtitle laid out by
hand; the legend's swatches; the screen's height and plotly config."""

from __future__ import annotations

import html
from dataclasses import dataclass

import plotly.graph_objects as go

from coordination.report.style import FONT, HATCH, PROVISIONAL, SLIDE, Medium

# A slide's fixed frame in px: the title block above, the legend's line below.
SLIDE_TOP, SLIDE_FOOT, SLIDE_SIDE = 140, 96, 24


def layout(
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


def discrete(colours: tuple[str, ...]) -> list[list]:
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


def legend_key(fig: go.Figure, states: list[State], medium: Medium) -> None:
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


def hatch_key(fig: go.Figure, medium: Medium) -> None:
    """The legend's entry for hatching: a provisional level (on two lines for a phone)."""
    fig.add_bar(
        x=[None],
        y=[None],
        name=PROVISIONAL if medium.slide else PROVISIONAL.replace(": ", ":<br>"),
        marker={"color": "#ffffff", "pattern": HATCH, "line": {"color": "#8c8c8c", "width": 1}},
        hoverinfo="skip",
    )
