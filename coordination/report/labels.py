"""What charts write beside and inside their cells: user text escaped for plotly, fitted to the
medium, and a use case's trace said in words."""

from __future__ import annotations

import html
from dataclasses import replace

import pandas as pd

from coordination.method.questionnaire import Scale
from coordination.report.style import ROWS_WITH_TEXT, Medium


def literal(texts) -> list[str]:
    """User text for plotly, which reads <b>, <a href> and <br> in labels as markup."""
    return [html.escape(str(t), quote=False) for t in texts]


def fit_lines(text: str, width: int, most: int = 99) -> list[str]:
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


_NARROW = set("ijlftrI.,;:'!|() -")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float) -> float:
    """About how wide `text` is in px at `size` px, in Arial's proportions (Chromium draws the
    charts' sans-serif with Arial or its metric twin), a little generously: where a name must
    fit, room to spare is white; room short is a name cut."""
    em = 0.0
    for char in html.unescape(text):
        if char in _NARROW:
            em += 0.3
        elif char in _WIDE:
            em += 0.86
        elif char.isupper():
            em += 0.68
        else:
            em += 0.56
    return em * size * 1.04


def axis_title(text: str, medium: Medium) -> str:
    """A title along a slide's vertical axis, in lines of 20 characters: in one line at 30 px it
    ran past the plot's height, over the subtitle and off the slide."""
    return "<br>".join(literal(fit_lines(text, 20))) if medium.slide else text


def escaped(text: str) -> str:
    return html.escape(text, quote=False)


def wrap(name: str, width: int = 14) -> str:
    """A label over several short lines ("Workflow<br>integration") so columns stay narrow."""
    return "<br>".join(literal(fit_lines(name, width)))


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


def two_lines(labels, width: int = 22) -> list[str]:
    """Row labels over at most two short lines, escaped and still distinct: a phone keeps most
    of its width for the chart beside them."""
    raw = [html.unescape(label) for label in short(labels, 2 * width)]
    return ["<br>".join(literal(fit_lines(label, width, most=2))) for label in raw]


def scale_names(scale: Scale) -> tuple[str, ...]:
    """The answer values 0–3 by the method's names: "0 · missing" … "3 · embedded"."""
    return tuple(f"{v} · {name}" for v, name in enumerate(scale.names))


def short_level(name: str) -> str:
    """A level's name in one word for a narrow column: "Workflow", "Cross-functional"."""
    return name.split()[0] if name.split() else name


def short_levels(columns, names: list[str]) -> list[str]:
    """Level names as "2 · Tool", one short line each that a phone can turn on end; other
    names ("Not traced") as they are."""
    return [f"{names.index(c) + 1} · {short_level(c)}" if c in names else str(c) for c in columns]


def progress(row) -> str:
    """How far an unfinished trace is: "3 of 8"."""
    return f"{row['answered']} of {row['required']}"


def _suffix(row, medium: Medium) -> str:
    """How far an unfinished trace is, after the use case's name on screen: " · 3 of 8",
    " · not traced". A slide says it in the level it qualifies, leaving the name whole."""
    if medium.slide:
        return ""
    if row["provisional"]:
        return f" · {progress(row)}"
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
        if medium.slide:  # one line, the name alone
            lines = fit_lines(str(row["use case"]), medium.label_chars, 1)
        else:  # the suffix on a line of its own where there is one to spare
            lines = fit_lines(str(row["use case"]), medium.label_chars, medium.label_lines)
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


def row_words(rows: pd.DataFrame) -> list[str]:
    return [
        f"<b>{name}</b> · {_trace_words(r)}"
        for name, (_, r) in zip(literal(rows["use case"]), rows.iterrows(), strict=True)
    ]


def plain(markup: str) -> str:
    """Plotly markup as the literal text it shows, for a renderer that draws text as given:
    lines for `<br>`, no `<b>`, entities back to characters. User text was escaped on its way
    in, so every tag here is one of ours and a typed "<b>" comes back as typed."""
    return html.unescape(markup.replace("<br>", "\n").replace("<b>", "").replace("</b>", ""))
