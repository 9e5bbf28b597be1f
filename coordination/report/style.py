"""The look shared by every chart and file: colours, fonts, titles, and the two media.

Colours come from ColorBrewer's YlGnBu (answers), Purples (levels) and Oranges (disagreement)
schemes, chosen because they stay distinct for the common forms of colour blindness and in
greyscale; each has its own hue, so a level is never read as an answer beside it. A slide is
1600 × 900 px on a 13.33-inch slide, so 1 px is about 0.6 pt: its text is 30 px (18 pt) and its
title 44 px. On screen the same figures use 14 px text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SLIDE = {"width": 1600, "height": 900}
UNKNOWN_GREY = "#bdbdbd"
EMPTY = "#f7f7f7"  # a cell with nothing to show: not answered, or one answer to compare
INK = "#262730"
ANSWER_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8")  # answers 0–3
# Levels 1–5: Purples, 6 classes without the palest, which "not traced" (near white) would meet.
LEVEL_COLOURS = ("#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f")
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
# Each chart by the words of the map's button that shows it, which also name its files.
CHART_NAMES = {
    "answers": "Gaps by question",
    "levels": "Levels",
    "functions": "Functions × levels",
    "distribution": "Distribution",
    "spread": "Disagreement",
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
# A slide names a use case whole up to 44 characters (the demo's longest is 43): the columns
# beside it give up the width, as the level column and the bars take theirs from what is left.
ON_SLIDE = Medium(text=30, title=44, slide=True, label_chars=44, label_lines=1)
LABEL_GAP = {False: 6, True: 14}  # px between a row's name and its bar, on screen / a slide


def level_colour(level: int, max_level: int = 5) -> str:
    palette = LEVEL_COLOURS if max_level == 5 else _spaced(max_level)
    return palette[level - 1]


def _spaced(n: int) -> tuple[str, ...]:
    picks = np.linspace(0, len(LEVEL_COLOURS) - 1, n).round().astype(int)
    return tuple(LEVEL_COLOURS[i] for i in picks)


def ink_on(colour: str) -> str:
    """Dark text on light fills, white on dark ones: whichever contrasts more (WCAG)."""
    r, g, b = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    ink_lum = 0.0199  # INK, #262730
    on_dark = 1.05 / (lum + 0.05)
    on_light = (lum + 0.05) / (ink_lum + 0.05)
    return "#ffffff" if on_dark > on_light else INK


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
