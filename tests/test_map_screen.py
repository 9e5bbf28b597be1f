"""What the organization map offers (`report.map_screen`): its views, the counts above its
chart and the names of the chart files it exports."""

from __future__ import annotations

import pandas as pd
import pytest

from coordination.report import map_screen as offer
from coordination.report.style import CHART_NAMES
from coordination.report.views import NOT_TRACED


def test_what_changed_is_offered_only_with_a_baseline():
    assert offer.views(baseline=False) == CHART_NAMES
    assert list(offer.views(baseline=True)) == [*CHART_NAMES, "changes"]
    assert offer.views(baseline=True)["changes"] == "What changed"


@pytest.mark.parametrize(
    ("asked", "baseline", "shown"),
    [
        ("levels", False, "levels"),
        ("spread", True, "spread"),
        ("changes", True, "changes"),
        ("changes", False, "answers"),  # its baseline no longer chosen
        ("heatmap", False, "answers"),  # a mistyped URL
        (None, False, "answers"),  # nothing asked: the gaps first
    ],
)
def test_a_view_asked_for_is_shown_when_offered_else_the_gaps_by_question(asked, baseline, shown):
    assert offer.view_or_first(asked, offer.views(baseline)) == shown


@pytest.mark.parametrize(
    ("choice", "name"),
    [
        ("PNG 1920×1080", "acme-gaps-by-question-1920x1080.png"),
        ("PNG 1280×720", "acme-gaps-by-question-1280x720.png"),
        ("SVG", "acme-gaps-by-question.svg"),
        ("HTML", "acme-gaps-by-question.html"),
        ("All charts (zip)", "acme-charts.zip"),
    ],
)
def test_an_exported_file_is_named_by_the_charts_button(choice, name):
    assert choice in offer.export_choices()
    assert offer.file_name("acme", "Gaps by question", choice) == name


def test_each_image_choice_is_drawn_in_its_format_and_size():
    assert [(f.format, f.size) for f in offer.FILES.values()] == [
        ("png", "1920x1080"),
        ("png", "1280x720"),
        ("svg", "1920x1080"),
        ("html", "1920x1080"),
    ]
    assert offer.export_choices()[-1] == "All charts (zip)"


def test_the_zips_bar_names_the_chart_being_drawn_then_the_zipping():
    assert offer.drawing_words(0, 5, "Levels") == "Drawing Levels (1 of 5)…"
    assert offer.drawing_words(5, 5, "Disagreement") == "Zipping…"


def test_the_counts_take_only_finished_traces_towards_the_milestone(questionnaire):
    shown = pd.DataFrame(
        {
            "trace": ["traced", "traced", "traced", "5 of 8 answered", NOT_TRACED.lower()],
            "level": pd.array([3, 5, 2, 4, None], dtype="Int64"),
        }
    )
    counts = offer.counts(shown, questionnaire)
    assert [(c.label, c.value) for c in counts] == [
        ("Use cases shown", 5),
        ("Traced", 3),
        ("At Workflow integration or above", 2),  # not the provisional 4
    ]
    assert "provisional" in counts[2].help


def test_the_headline_is_not_said_twice_under_a_warning_saying_it():
    assert offer.heading("Three of five are stuck.", None) == "Three of five are stuck."
    assert offer.heading("Nine answers …", "Nine answers …") is None
    assert offer.heading("Three of five are stuck.", "Nine answers …") == "Three of five are stuck."
