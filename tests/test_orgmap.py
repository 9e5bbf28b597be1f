"""Organization views and figures: the right rows, level names everywhere, user text literal."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coordination.files.fileformat import read_assessment
from coordination.report import style
from coordination.report.orgmap import OrgMap
from coordination.report.views import IN_PROGRESS, NOT_TRACED, filter_levels, function_choices
from coordination.settings import DEMO_PATH
from tests.conftest import assessment, use_case

LEVEL3 = {
    "reach": 2,
    "tool_standard": 2,
    "workflow_defined": 2,
    "ownership": 2,
    "review_criteria": 2,
}


@pytest.fixture(scope="module")
def demo(questionnaire):
    return OrgMap(read_assessment(DEMO_PATH, questionnaire), questionnaire)


def small_map(questionnaire):
    a = assessment(
        use_case(
            "a",
            {"reach": 2, "tool_standard": 2, "review_criteria": 1},
            {"reach": 0},
            function="Sales",
            objective="reduce repetitive work",
            name="Call <b>notes</b>",
        ),
        use_case("b", LEVEL3, function="Marketing"),
        use_case("c", function="Sales"),
    )
    return OrgMap(a, questionnaire)


def test_answers_frame_is_use_case_by_question_label(questionnaire):
    m = small_map(questionnaire)
    assert list(m.answers.columns) == [q.label for q in questionnaire.questions]
    assert m.answers.loc["Call <b>notes</b>", "Who uses it"] == 0  # lower median of 2 and 0
    assert np.isnan(m.answers.loc["C", "Owner"])
    assert m.spread.loc["Call <b>notes</b>", "Who uses it"] == 2


def test_levels_frame_keeps_not_traced_apart_from_level_1(questionnaire):
    levels = small_map(questionnaire).levels
    assert levels["level"].tolist()[:2] == [1, 3]
    assert levels["level"].isna().tolist() == [False, False, True]
    assert levels["level name"].tolist() == [
        "Individual experimentation",
        "Workflow integration",
        NOT_TRACED,
    ]


def test_function_by_level_counts_every_use_case_once(questionnaire):
    counts = small_map(questionnaire).function_levels()
    assert counts.loc["Sales", "Individual experimentation"] == 0  # "a" is only provisional
    assert counts.loc["Sales", IN_PROGRESS] == 1
    assert counts.loc["Sales", NOT_TRACED] == 1
    assert counts.loc["Marketing", IN_PROGRESS] == 1  # "b" answered 5 of 8: provisional
    assert counts.to_numpy().sum() == 3


def test_the_function_filter_matches_functions_owned_and_also_involved(questionnaire):
    a = assessment(
        use_case("a", function="Sales", involved=["Legal"]),
        use_case("b", function="Legal"),
        use_case("c", involved=["Finance", "Legal"]),
        use_case("d"),
    )
    levels = OrgMap(a, questionnaire).levels
    assert filter_levels(levels, functions=["Legal"])["id"].tolist() == ["a", "b", "c"]
    assert filter_levels(levels, functions=["Sales"])["id"].tolist() == ["a"]
    assert filter_levels(levels, functions=["Finance", "Sales"])["id"].tolist() == ["a", "c"]
    assert filter_levels(levels, functions=["—"])["id"].tolist() == ["c", "d"]  # owned by none
    assert function_choices(levels) == ["Finance", "Legal", "Sales", "—"]


def test_filters_combine_function_level_and_objective(questionnaire):
    levels = small_map(questionnaire).levels
    assert filter_levels(levels, functions=["Sales"])["id"].tolist() == ["a", "c"]
    assert filter_levels(levels, functions=["Sales"], objectives=["reduce repetitive work"])[
        "id"
    ].tolist() == ["a"]
    assert filter_levels(levels, level_names=["Workflow integration"])["id"].tolist() == ["b"]
    assert len(filter_levels(levels)) == 3


def test_the_headline_names_where_use_cases_stop_and_why(demo, questionnaire):
    text = demo.headline()
    traced = demo.active_levels[demo.active_levels["trace"] == "traced"]
    stuck = int((traced["level"] < 3).sum())
    assert text == (
        f"{stuck} of {len(traced)} traced use cases are stuck before Workflow integration; "
        "the most common missing condition is written review criteria. "
        "One more trace is in progress."
    )


def test_duplicate_names_get_their_id_so_rows_stay_distinct(questionnaire):
    a = assessment(use_case("x", {}, name="Same"), use_case("y", {}, name="Same"))
    assert list(OrgMap(a, questionnaire).answers.index) == ["Same (x)", "Same (y)"]


@pytest.mark.parametrize(
    "view, names",
    [
        ("answers", ["0 · missing", "3 · embedded", "? Don't know"]),
        ("spread", ["0 · agree", "3 · opposite", "one answer"]),
        ("levels", ["3 · Workflow integration", "5 · Strategic learning"]),
        ("functions", ["Workflow integration", "Strategic learning"]),
        ("distribution", ["Workflow integration", "Strategic learning"]),
    ],
)
def test_every_slide_is_16_9_with_level_or_answer_names(demo, view, names):
    fig = demo.slide(view)
    assert (fig.layout.width, fig.layout.height) == (1600, 900)
    text = str(fig.to_dict()).replace("<br>", " ")
    assert all(name in text for name in names)


def test_heatmap_cells_are_annotated_and_hover_shows_the_answer_wording(demo, questionnaire):
    trace = demo.figure("answers").data[0]
    assert trace.texttemplate == "%{text}"
    assert "?" in np.asarray(trace.text).ravel()  # a question answered only "don't know"
    hover = " ".join(np.asarray(trace.hovertext).ravel())
    assert questionnaire.questions[0].answers[3] in hover


def test_user_text_is_escaped_for_plotly(questionnaire):
    m = small_map(questionnaire)
    for fig in (m.figure("answers"), m.figure("levels"), m.slide("answers"), m.slide("levels")):
        labels = " ".join(str(label) for label in np.asarray(fig.data[0].y).ravel())
        assert "Call &lt;b&gt;notes&lt;/b&gt;" in labels and "<b>notes" not in labels


def test_figures_stay_readable_with_500_use_cases(questionnaire):
    rng = np.random.default_rng(3)
    cases = [
        use_case(
            f"u{i}", {"reach": int(rng.integers(0, 4)), "tool_standard": 2}, function=f"F{i % 6}"
        )
        for i in range(500)
    ]
    m = OrgMap(assessment(*cases), questionnaire)
    heat = m.figure("answers")
    assert heat.data[0].text is None  # no unreadable cell text
    assert heat.layout.yaxis.showticklabels is False
    assert "500 use cases" in heat.layout.yaxis.title.text
    assert m.figure("functions").data[0].z.sum() == 500


def test_a_subset_of_use_cases_draws_only_those_rows(demo):
    ids = demo.levels["id"].tolist()[:3]
    assert len(demo.figure("answers", ids=ids).data[0].y) == 3


def test_colours_are_the_colour_blind_safe_palettes():
    assert style.LEVEL_COLOURS == ("#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f")
    assert style.level_colour(3) == "#9e9ac8"


def test_long_names_are_cut_on_the_axis_but_rows_stay_distinct(questionnaire):
    long = "A very long use case name that keeps going well past the edge of any slide"
    a = assessment(
        use_case("x", {}, name=long + " one", function="Sales"),
        use_case("y", {}, name=long + " two", function="Sales"),
    )
    m = OrgMap(a, questionnaire)
    labels = m.figure("answers").data[0].y  # on screen: two lines, then the trace's state
    assert len(set(labels)) == 2
    assert all(len(line) <= 24 for label in labels for line in label.split(" · ")[0].split("<br>"))
    slide = m.slide("answers").data[0].y  # on a slide: one line of at most 44 characters
    assert len(set(slide)) == 2 and all(len(label) <= 48 for label in slide)  # "… (2)"
    assert list(m.slide("levels").data[0].y[0]) == ["Sales", "Sales"]


def test_the_results_csv_reads_as_words_and_whole_numbers(demo):
    frame = demo.results_frame()
    row = frame.set_index("id").loc["board-pipeline-commentary"]
    assert row["level"] == 2 and row["next level"] == 3
    assert row["missing"] == "written workflow steps, a named owner, written review criteria"
    assert row["obstacles"] == "Workflow left to the tool, Unclear ownership"
    csv = frame.to_csv(index=False)
    assert ",2.0," not in csv
    assert frame.set_index("id").loc["release-notes", "level"] is pd.NA


def test_the_headline_follows_the_use_cases_on_screen(demo):
    sales = demo.levels[demo.levels["function"] == "Sales"]
    traced = sales[sales["trace"] == "traced"]
    stuck = int((traced["level"] < 3).sum())
    assert demo.headline(sales["id"].tolist()).startswith(
        f"{stuck} of {len(traced)} traced use cases"
    )


def test_heatmap_rows_run_from_the_highest_level_to_the_untraced(questionnaire):
    a = assessment(use_case("low", {}), use_case("none"), use_case("high", LEVEL3))
    labels = OrgMap(a, questionnaire).figure("answers").data[0].y
    assert [label.split(" · ")[0] for label in labels] == ["High", "Low", "None"]
