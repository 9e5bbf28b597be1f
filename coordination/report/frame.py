"""A figure's frame: fonts, legend, size, and on a slide its title and subtitle laid out by
hand; the legend's swatches; the screen's height and plotly config."""

from __future__ import annotations

import html
from dataclasses import dataclass

import plotly.graph_objects as go

from coordination.report.style import FONT, HATCH, PROVISIONAL, SLIDE, Medium

# A slide's fixed frame in px: the title block above, the key's lines below, each KEY_LINE
# apart: 1.6 × the text, so a line's descenders ("missing") stay clear of the line below.
SLIDE_TOP, SLIDE_SIDE, KEY_LINE = 140, 24, 48
# A slide's key lines, top to bottom: answers, "?" and "–", levels (with the hatching's swatch).
KEYS = ("legend2", "legend3", "legend")
CLEAR = "rgba(0,0,0,0)"


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
    names: int | None = None,
    right: int = SLIDE_SIDE,
) -> go.Figure:
    """Fonts, legend, size, and on a slide the title and subtitle (plain text).

    A slide is laid out by hand: its size is known, and plotly's automatic margins let a title
    overlap tick labels above the plot. `header` and `footer` are px kept inside the plot's
    frame for tick labels above and below it. On screen there is no title inside the figure
    (the page shows it, where it wraps on a phone): every margin follows its labels.

    `names` is the px a slide's row names take on the left, when the chart knows it: plotly
    wraps a key placed over the plot at the plot's width (beside long names, narrower than
    "0 · missing … 3 · embedded"), and one placed below and left of the plot at the slide's.
    `right` is the px kept on the right, for the last column's turned header.
    """
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
            "bgcolor": CLEAR,  # a key's box never covers the text of another
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
    used = {getattr(t, "legend", None) or "legend" for t in fig.data
            if t.showlegend is not False and t.name}  # fmt: skip
    lines = [name for name in KEYS if name in used]
    foot = 24 + KEY_LINE * len(lines) if lines else 30
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
        margin={"l": names or SLIDE_SIDE, "r": right, "t": SLIDE_TOP, "b": foot},
    )
    drawn = fig.layout.to_plotly_json()
    plot = SLIDE["width"] - (names or SLIDE_SIDE) - right
    for line, name in enumerate(reversed(lines)):  # the last line at the bottom
        above = 12 + KEY_LINE * line  # px from the slide's foot
        where = (
            {"xref": "paper", "x": -(names - SLIDE_SIDE) / plot,
             "yref": "paper", "y": (above - foot) / inner}  # fmt: skip
            if names
            else {"x": SLIDE_SIDE / SLIDE["width"], "yref": "container",
                  "y": above / SLIDE["height"]}  # fmt: skip
        )
        fig.layout[name] = {
            **drawn["legend"],
            "title": {"text": ""},
            **drawn.get(name, {}),
            **where,
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


def legend_key(
    fig: go.Figure, states: list[State], medium: Medium, legend: str | None = None
) -> None:
    """A legend of square swatches (plotly's colour bar turned its labels on a phone). On a
    slide the states without a value ("?", "–") get a second line of their own: plotly wraps
    a legend at the plot's width, and seven entries would take three lines."""
    for s in states:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=s.name,
            legend=legend or _key_line(s, medium),
            marker={
                "symbol": "square",
                "size": medium.text,
                "color": s.colour,
                "line": {"color": "#8c8c8c", "width": 1},
            },
            hoverinfo="skip",
        )


def _key_line(state: State, medium: Medium) -> str:
    if not medium.slide:
        return "legend"  # one key on screen, wrapped to the screen's width
    return "legend3" if state.code < 0 else "legend2"


def level_key(
    fig: go.Figure,
    colours: list[str],
    medium: Medium,
    *,
    untraced: str | None = None,
    provisional: bool = False,
) -> None:
    """The levels' colours in the key, each level by its number: the cells and bars name them
    in full. On a slide a line of its own, titled "Level", with the hatching when a level is
    provisional; the colour of a use case not traced yet, when one is drawn, goes with the
    other states without a value ("?", "–").

    Each line is kept shorter than the plot is wide (about 900 px beside 44-character names):
    plotly wraps a longer key and then sets every entry on a line of its own."""
    states = [
        State(k, colour, "", str(k) if medium.slide else f"Level {k}")
        for k, colour in enumerate(colours, 1)
    ]
    legend_key(fig, states, medium, "legend")
    if untraced:
        legend_key(fig, [State(-1, untraced, "", "not traced")], medium)
    if medium.slide:
        fig.update_layout(legend={"title": {"text": "Level", "side": "left"}})
    if provisional:
        hatch_key(fig, medium, "legend", short=medium.slide)


def hatch_key(
    fig: go.Figure, medium: Medium, legend: str = "legend", *, short: bool = False
) -> None:
    """The legend's entry for hatching: a provisional level (on two lines for a phone; one
    word after "Level" on a slide, where the cells say how far the trace is)."""
    name = PROVISIONAL if medium.slide else PROVISIONAL.replace(": ", ":<br>")
    fig.add_bar(
        x=[None],
        y=[None],
        legend=legend,
        name="provisional" if short else name,
        marker={"color": "#ffffff", "pattern": HATCH, "line": {"color": "#8c8c8c", "width": 1}},
        hoverinfo="skip",
    )
