"""A use case × question heatmap decided once, whatever draws it (`Grid`): the combined answers
(`answers_grid`) or how far apart people's answers lie (`spread_grid`), each with a level column.

"Don't know" (asked, nobody could say) is a grey cell with "?"; a question nobody has answered
yet is a near-white cell with "–"; a use case nobody has answered is an empty row; a
provisional level (trace unfinished) is hatched. Plotly draws a grid for slides and files
(`heatmaps.question_heatmap`), Vega-Lite for the map on screen (`vega.grid_spec`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coordination.method.questionnaire import Questionnaire
from coordination.report.frame import (
    State,
)
from coordination.report.labels import (
    escaped,
    literal,
    progress,
    row_labels,
    row_words,
    scale_names,
    short_level,
)
from coordination.report.style import (
    ANSWER_COLOURS,
    EMPTY,
    ON_SCREEN,
    ROWS_PER_SLIDE,
    ROWS_WITH_LABELS,
    ROWS_WITH_TEXT,
    SPREAD_COLOURS,
    SPREAD_NAMES,
    TITLES,
    UNKNOWN_GREY,
    Medium,
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


def _level_cell(level: float, row, medium: Medium) -> str:
    """ "4 · Cross-functional" on a slide ("2 · Tool · 3 of 8" while provisional: the name
    beside it stays whole), "4" on screen; an untraced use case's says so."""
    if np.isnan(level):
        return "not traced" if medium.slide else "–"
    if not medium.slide:
        return str(int(level))
    words = f"{int(level)} · {short_level(row['level name'])}"
    return f"{words} · {progress(row)}" if row["provisional"] else words


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
