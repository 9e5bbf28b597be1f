"""The reveal chart: each question's answers as one stacked bar, for the projector.

Same colours as the organization map (ColorBrewer YlGnBu for 0–3, grey for "don't know"), the
answer's meaning in the legend, counts inside the bars, and each question's agreement at the
right: "5 of 8 agree" or "disagree: 0 to 3".
"""

from __future__ import annotations

import plotly.graph_objects as go

from coordination.method.questionnaire import Scale
from coordination.report.labels import literal, scale_names
from coordination.report.style import ANSWER_COLOURS, FONT, UNKNOWN_GREY
from coordination.workshop.reveal import RoundView

KEYS = (0, 1, 2, 3, None)


def round_figure(view: RoundView, title: str, scale: Scale | None = None) -> go.Figure:
    """`scale` names the answers in the legend: the questionnaire's (its defaults if None)."""
    scale = scale or Scale()
    names = literal([*scale_names(scale), f"? · {scale.dont_know}"])
    questions = list(reversed(view.questions))  # the first question at the top
    labels = literal([q.label for q in questions])
    figure = go.Figure()
    for key, name, colour in zip(KEYS, names, (*ANSWER_COLOURS, UNKNOWN_GREY), strict=True):
        counts = [q.counts[key] if q.counts else 0 for q in questions]
        figure.add_bar(
            y=labels,
            x=counts,
            name=name,
            orientation="h",
            marker={"color": colour, "line": {"color": "#ffffff", "width": 2}},
            text=[str(c) if c else "" for c in counts],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"size": 22, "color": "#ffffff" if key in (2, 3) else "#1f2630"},
            hovertemplate="%{y}: %{x} chose " + name + "<extra></extra>",
        )
    for q, label in zip(questions, labels, strict=True):
        figure.add_annotation(
            x=1.01,
            xref="paper",
            y=label,
            text=_agreement(q),
            showarrow=False,
            xanchor="left",
            font={"size": 20, "color": "#a63603" if q.disagreement else "#1f2630"},
        )
    figure.update_layout(
        barmode="stack",
        title={"text": literal([title])[0], "font": {"size": 30}, "x": 0.01},
        font={**FONT, "size": 20},
        legend={
            "orientation": "h",
            "y": -0.08,
            "x": 0,
            "font": {"size": 18},
            "traceorder": "normal",
        },
        margin={"l": 10, "r": 260, "t": 80, "b": 80},
        xaxis={"visible": False},
        yaxis={"tickfont": {"size": 22}, "automargin": True},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        height=720,
    )
    return figure


def _agreement(q) -> str:
    if q.agree is None:
        return "no known answer"
    known = sum(v for k, v in q.counts.items() if k is not None)
    if known == 1:
        return "one answer"  # one person cannot agree or disagree with anyone
    if q.disagreement:
        low = min(k for k, v in q.counts.items() if k is not None and v)
        high = max(k for k, v in q.counts.items() if k is not None and v)
        return f"<b>disagree</b> {low}–{high} · {q.agree} of {known} agree"
    return f"{q.agree} of {known} agree"
