"""What the organization map offers: its views (which exist, which comes first), the counts
above its chart, and the chart files it exports (format, size, name, what each holds).

The map page draws these and nothing more; the words of a view's button name its files, so a
file found later in a folder says which chart it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coordination.method.questionnaire import Questionnaire
from coordination.names import slugify
from coordination.report.style import CHART_NAMES, ROWS_PER_SLIDE
from coordination.report.views import TRACED

FIRST_VIEW = "answers"  # where the gaps are: what a first look is for
CHANGES = "changes"  # offered when a baseline is chosen
ALL_CHARTS = "All charts (zip)"


@dataclass(frozen=True)
class ChartFile:
    format: str  # "png", "svg" or "html"
    size: str  # the PNG's pixels; SVG and HTML are drawn at the slide's size
    ending: str  # how the file's name ends


FILES = {  # the export's choices, by their words
    "PNG 1920×1080": ChartFile("png", "1920x1080", "-1920x1080.png"),
    "PNG 1280×720": ChartFile("png", "1280x720", "-1280x720.png"),
    "SVG": ChartFile("svg", "1920x1080", ".svg"),
    "HTML": ChartFile("html", "1920x1080", ".html"),
}
EXPORT_TITLE = "Export charts for slides (PNG, SVG, HTML or all as a zip, 16:9)"
EXPORT_NOTE = (
    "Drawn for a 16:9 slide: 18 pt text, a title, and the organization and today's date "
    f"beneath it. Up to {ROWS_PER_SLIDE} use cases are named on one slide; filter the map to "
    "name the rest."
)


def views(baseline: bool) -> dict[str, str]:
    """The charts to choose from, by key, with their buttons' words: "What changed" only
    when there is a baseline to compare with."""
    return CHART_NAMES | ({CHANGES: "What changed"} if baseline else {})


def view_or_first(view: str | None, offered: dict[str, str]) -> str:
    """A view asked for (by the URL or an earlier click), or the first one when it is not
    offered: a mistyped URL, or "What changed" once its baseline is no longer chosen."""
    return view if view in offered else FIRST_VIEW


def export_choices() -> list[str]:
    return [*FILES, ALL_CHARTS]


def file_name(stem: str, view_words: str, choice: str) -> str:
    """ "acme-gaps-by-question-1920x1080.png" for one chart, "acme-charts.zip" for all."""
    if choice == ALL_CHARTS:
        return f"{stem}-charts.zip"
    return f"{stem}-{slugify(view_words)}{FILES[choice].ending}"


def drawing_words(done: int, total: int, chart: str) -> str:
    """What the zip's progress bar says: the chart being drawn, then the zipping."""
    return f"Drawing {chart} ({done + 1} of {total})…" if done < total else "Zipping…"


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    help: str | None = None


def counts(shown: pd.DataFrame, q: Questionnaire) -> list[Count]:
    """The three numbers above the chart. Only finished traces count as traced, and towards
    the questionnaire's milestone: a provisional level can still change."""
    traced = shown["trace"] == TRACED
    at_milestone = traced & (shown["level"] >= q.milestone)
    return [
        Count("Use cases shown", len(shown)),
        Count("Traced", int(traced.sum())),
        Count(
            f"At {q.level_name(q.milestone)} or above",
            int(at_milestone.sum()),
            "Finished traces only: a level is provisional until every question is answered.",
        ),
    ]


def heading(headline: str, warning: str | None) -> str | None:
    """The map's headline, unless the warning above it (answers given under another
    questionnaire) already says the same sentence."""
    return None if headline == warning else headline
