"""Figures for slides and screens: 18 pt text, a title and subtitle, a level column, and every
state of a trace drawn as itself (a provisional level, a question nobody answered, "don't know",
one answer, a use case nobody has answered)."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import pytest

from coordination.files.fileformat import read_assessment
from coordination.files.images import figure_bytes
from coordination.method.questionnaire import Scale
from coordination.report import style
from coordination.report.frame import screen_config
from coordination.report.orgmap import OrgMap
from coordination.settings import DEMO_PATH
from coordination.workshop.figure import round_figure
from coordination.workshop.reveal import round_view
from tests.conftest import assessment, use_case

VIEWS = ["answers", "spread", "levels", "functions", "distribution"]
DAY = date(2026, 11, 26)
ALL = {  # every required question answered: a finished trace
    "reach": 2,
    "tool_standard": 2,
    "workflow_defined": 2,
    "ownership": 1,
    "review_criteria": 2,
    "handoff": 1,
    "feedback_loop": 0,
    "decision_impact": 0,
}


@pytest.fixture(scope="module")
def demo(questionnaire):
    return OrgMap(read_assessment(DEMO_PATH, questionnaire), questionnaire)


def states_map(questionnaire) -> OrgMap:
    """A finished trace, one in progress (reach "don't know", tool standard 2, the rest never
    asked), one nobody has answered, and one answered alike by two people."""
    return OrgMap(
        assessment(
            use_case("done", ALL, ALL, function="Sales"),
            use_case("half", {"reach": None, "tool_standard": 2}, function="Sales"),
            use_case("none", function="Ops"),
            use_case("alone", ALL, function="Ops"),
            organization="Acme <b>GmbH</b>",
        ),
        questionnaire,
    )


def cells(fig, label_start: str, question: str):
    """(z, text, hover) of one cell of a question heatmap, by row label and question label."""
    heat = fig.data[0]
    i = next(k for k, y in enumerate(heat.y) if y.startswith(label_start))
    j = list(heat.x).index(question)
    return heat.z[i][j], heat.text[i][j], heat.hovertext[i][j]


def font_sizes(node, path=""):
    """Every font size set anywhere in a figure's JSON, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key == "size" and "font" in path.rsplit(".", 1)[-1]:
                yield here, value
            elif key != "hoverlabel":  # hover text is for a screen, not the slide
                yield from font_sizes(value, here)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from font_sizes(item, path)


@pytest.mark.parametrize("view", VIEWS)
def test_every_text_on_a_slide_is_at_least_18_pt_and_the_title_larger(demo, view):
    fig = demo.slide(view, day=DAY).to_plotly_json()
    sizes = list(font_sizes(fig))
    assert sizes and all(size >= 30 for _, size in sizes), sizes  # 30 px ≈ 18 pt on a slide
    assert fig["layout"]["font"]["size"] >= 30
    assert fig["layout"]["title"]["font"]["size"] > 30
    assert (fig["layout"]["width"], fig["layout"]["height"]) == (1600, 900)


@pytest.mark.parametrize("view", VIEWS)
def test_a_slide_has_a_title_and_a_subtitle_with_organization_date_and_traced_count(demo, view):
    title = demo.slide(view, day=DAY).layout.title
    assert title.text == style.TITLES[view]
    traced = int((demo.active_levels["trace"] == "traced").sum())
    assert title.subtitle.text == (
        f"Ashgrove Industrial Supply · 26 November 2026 · {traced} traced use cases, "
        "one in progress"
    )
    assert demo.slide(view, day=DAY).layout.meta["organization"] == "Ashgrove Industrial Supply"


def test_the_organization_in_a_subtitle_stays_literal(questionnaire):
    subtitle = states_map(questionnaire).slide("answers", day=DAY).layout.title.subtitle.text
    assert subtitle.startswith("Acme &lt;b&gt;GmbH&lt;/b&gt; · 26 November 2026 · two traced")


def test_on_screen_the_figure_has_no_title_of_its_own_and_no_fixed_width(demo):
    for view in VIEWS:
        fig = demo.figure(view)
        assert not fig.layout.title.text and fig.layout.width is None
        assert fig.layout.meta["title"] == style.TITLES[view]  # the page shows it, wrapped
    assert screen_config()["displayModeBar"] is False  # nothing covers the chart


def test_the_gaps_slide_has_a_level_column_with_number_and_short_name(demo):
    fig = demo.slide("answers", day=DAY)
    level = next(t for t in fig.data if t.type == "bar" and t.xaxis == "x2")
    assert fig.layout.xaxis2.ticktext == ("Level",)
    rows = demo.active_levels.sort_values("level", ascending=False, na_position="last")
    expected = [
        "not traced" if pd.isna(lv) else f"{lv} · {name.split()[0]}" + (" · 3 of 8" if p else "")
        for lv, name, p in zip(rows["level"], rows["level name"], rows["provisional"], strict=True)
    ]
    assert list(level.text) == expected
    assert "4 · Cross-functional" in level.text and "1 · Individual" in level.text
    colours = dict(zip(level.text, level.marker.color, strict=True))
    assert colours["5 · Strategic"] == style.LEVEL_COLOURS[4]
    assert colours["1 · Individual"] == style.LEVEL_COLOURS[0]


def test_on_screen_level_is_the_first_column_with_the_level_number(demo):
    fig = demo.figure("answers")
    assert fig.data[0].x[0] == "Level"
    level = next(t for t in fig.data if t.type == "bar")
    assert level.text[0] == "5" and level.text[-1] == "–"  # highest first, untraced last


def test_dont_know_and_not_answered_are_different_cells(questionnaire):
    m = states_map(questionnaire)
    for fig in (m.figure("answers"), m.slide("answers", day=DAY)):
        dont_know = cells(fig, "Half", "Who uses it")
        unanswered = cells(fig, "Half", "Owner")
        assert dont_know[:2] == (-1, "?") and "Don't know" in dont_know[2]
        assert unanswered[:2] == (-2, "–") and "Not answered" in unanswered[2]
        scale = fig.data[0].colorscale  # value k of the 6 codes gets band k
        assert scale[0][1] != scale[2][1]  # near-white "–" against grey "?"
        names = [t.name for t in fig.data if t.type == "scatter"]
        assert "– Not answered" in names and "? Don't know" in names


def test_a_use_case_nobody_answered_is_an_empty_row_marked_not_traced(questionnaire):
    m = states_map(questionnaire)
    screen = m.figure("answers").data[0]
    row = next(k for k, y in enumerate(screen.y) if y.startswith("None"))
    assert screen.y[row] == "None · not traced"
    assert np.isnan(np.asarray(screen.z[row], dtype=float)).all()
    assert set(screen.text[row]) == {""}
    slide = m.slide("answers", day=DAY)
    level = next(t for t in slide.data if t.type == "bar" and t.xaxis == "x2")
    assert "not traced" in level.text


def test_a_provisional_level_is_hatched_and_labelled_with_its_progress(questionnaire):
    m = states_map(questionnaire)
    for fig in (m.figure("answers"), m.slide("answers", day=DAY)):
        level = next(t for t in fig.data if t.type == "bar" and t.name is None)
        label = next(y for y in fig.data[0].y if y.startswith("Half"))
        if fig.layout.width:  # a slide: in the level cell, the name left whole
            assert label == "Half" and "1 · Individual · 2 of 8" in level.text
        else:
            assert label.replace("<br>", " · ").endswith("2 of 8")
        shapes = dict(zip(fig.data[0].y, level.marker.pattern.shape, strict=True))
        assert shapes[label] == "/" and shapes[next(iter(fig.data[0].y))] == ""
        assert "provisional: 2 of 8 answered" in " ".join(level.hovertext)
    for view in ("levels", "distribution"):
        for fig in (m.figure(view), m.slide(view, day=DAY)):
            drawn = [t for t in fig.data if t.showlegend is False]  # the data, not the key
            hatches = [s for t in drawn for s in np.atleast_1d(t.marker.pattern.shape)]
            assert hatches.count("/") == 1  # "half" alone, in its bar or its stacked segment
            assert any((t.name or "").startswith("provisional") for t in fig.data)


def test_the_distribution_stacks_provisional_levels_apart_from_finished_ones(demo):
    counts = demo.level_trace_counts(demo.active_levels)
    assert counts.loc["Tool standardization"].tolist() == [4, 1, 0]  # quote follow-ups: 3 of 8
    assert counts.loc["Not traced"].tolist() == [0, 0, 1]
    fig = demo.slide("distribution", day=DAY)
    by_name = {t.name: t for t in fig.data}
    assert by_name["in progress"].marker.pattern.shape == "/"
    assert by_name["traced"].marker.pattern.shape == ""


def test_one_answer_is_drawn_as_one_answer_never_as_agreement(questionnaire):
    m = states_map(questionnaire)
    assert cells(m.slide("spread", day=DAY), "Alone", "Who uses it")[:2] == (-1, "one")
    fig = m.figure("spread")  # on screen a dot: a phone's column is narrower than "one"
    assert cells(fig, "Alone", "Who uses it")[:2] == (-1, "·")
    assert "one answer" in cells(fig, "Alone", "Who uses it")[2]
    assert "· one answer" in [t.name for t in fig.data]
    assert cells(fig, "Done", "Who uses it")[:2] == (0, "0")  # two people, the same answer
    assert cells(fig, "Half", "Who uses it")[:2] == (-2, "?")
    assert cells(fig, "Half", "Owner")[:2] == (-3, "–")
    alone = fig.data[0].text[[y.split(" · ")[0] for y in fig.data[0].y].index("Alone")]
    assert "0" not in alone


def test_zero_cells_of_the_function_heatmap_are_blank(demo):
    for fig in (demo.figure("functions"), demo.slide("functions", day=DAY)):
        heat = fig.data[0]
        z, text = np.asarray(heat.z), np.asarray(heat.text)
        assert (z == 0).any() and (text[z == 0] == "").all()
        assert (text[z > 0] == z[z > 0].astype(str)).all()


def test_more_use_cases_than_a_slide_can_name_become_an_unnamed_overview(questionnaire):
    def slide(n):
        cases = [use_case(f"u{i}", ALL, function="Sales") for i in range(n)]
        return OrgMap(assessment(*cases), questionnaire).slide("answers", day=DAY)

    named = slide(style.ROWS_PER_SLIDE)
    assert named.layout.yaxis.showticklabels is not False and named.data[0].text is not None
    crowded = slide(style.ROWS_PER_SLIDE + 1)
    assert crowded.layout.yaxis.showticklabels is False and crowded.data[0].text is None
    assert f"{style.ROWS_PER_SLIDE + 1} use cases" in crowded.layout.yaxis.title.text
    # In short lines: one line of 30 px text ran past the plot's height, off the slide.
    assert all(len(line) <= 20 for line in crowded.layout.yaxis.title.text.split("<br>"))


def test_a_slide_label_is_one_line_cut_to_fit(questionnaire):
    long = "A very long use case name that keeps going well past the edge of any slide"
    m = OrgMap(assessment(use_case("x", ALL, name=long)), questionnaire)
    (label,) = m.slide("answers", day=DAY).data[0].y
    assert "<br>" not in label and len(label) <= style.ON_SLIDE.label_chars
    assert label.endswith("…")


def test_answer_names_come_from_the_questionnaire(questionnaire):
    lens = questionnaire.model_copy(
        update={"scale": Scale(names=("absent", "ad hoc", "written", "lived"), dont_know="?!")}
    )
    m = states_map(lens)
    names = [t.name for t in m.figure("answers").data if t.type == "scatter"]
    assert names[2:6] == ["0 · absent", "1 · ad hoc", "2 · written", "3 · lived"]
    assert "? ?!" in names
    view = round_view(lens, m.assessment.use_cases[0].responses, threshold=1)
    legend = [t.name for t in round_figure(view, "Round", lens.scale).data]
    assert legend == ["0 · absent", "1 · ad hoc", "2 · written", "3 · lived", "? · ?!"]


def test_the_html_export_has_a_title_and_fills_the_window(demo, questionnaire):
    page = figure_bytes(demo.slide("answers", day=DAY), "html").decode()
    assert "<title>Where coordination is missing — Ashgrove Industrial Supply</title>" in page
    assert "Math.min(innerWidth / 1600, innerHeight / 900)" in page  # scaled to the window
    assert "addEventListener('resize', fit)" in page
    literal = figure_bytes(states_map(questionnaire).slide("levels", day=DAY), "html").decode()
    assert "<title>Level of each use case, by function — Acme &lt;b&gt;GmbH&lt;/b&gt;" in literal
    screen = figure_bytes(demo.figure("answers"), "html").decode()
    assert re.search(r'"responsive":\s*true', screen) and "#chart { width: 100%" in screen


def test_the_map_table_has_capitalised_headers_and_the_level_number(demo):
    from coordination.report.views import map_table

    table = map_table(demo.active_levels).set_index("Use case")
    assert list(table.columns) == ["Level", "Trace", "Function", "Objective", "Respondents"]
    assert table.loc["Quote follow-up emails", "Level"] == "2 · Tool standardization"
    assert table.loc["Quote follow-up emails", "Trace"] == "3 of 8 answered"
    assert table.loc["Ordering portal release notes", ["Level", "Trace"]].tolist() == [
        "—",
        "not traced",
    ]


def test_a_crowded_screen_gives_each_use_case_one_line(questionnaire):
    def labels(n):
        long = "Weekly summaries of the customer calls of the field team"
        cases = [use_case(f"u{i}", ALL, name=f"{long} {i}") for i in range(n)]
        return OrgMap(assessment(*cases), questionnaire).figure("answers").data[0].y

    assert all("<br>" in label for label in labels(style.ROWS_WITH_TEXT))
    assert not any("<br>" in label for label in labels(style.ROWS_WITH_TEXT + 1))


def test_the_workshop_round_says_one_answer_rather_than_one_of_one_agree(questionnaire):
    from coordination.models import Response

    def remarks(responses) -> list[str]:
        figure = round_figure(round_view(questionnaire, responses, threshold=1), "Round")
        return [a.text for a in figure.layout.annotations]

    one = [Response(respondent="Ann", answers={"reach": 2})]
    assert "one answer" in remarks(one) and not any("1 of 1" in t for t in remarks(one))
    assert "2 of 2 agree" in remarks([*one, Response(respondent="Ben", answers={"reach": 2})])


def test_levels_have_their_own_colours_apart_from_answers_and_disagreement():
    others = {*style.ANSWER_COLOURS, *style.SPREAD_COLOURS, style.EMPTY, style.UNKNOWN_GREY}
    for levels in (3, 4, 5):
        palette = [style.level_colour(k, levels) for k in range(1, levels + 1)]
        assert len(set(palette)) == levels
        assert not set(palette) & others, palette  # level 3 was answer 2's teal


def drawn_colours(fig) -> set[str]:
    """Every fill the chart draws: the heatmap's cells (by the band of each value present) and
    its bars (not the key's entries, which draw nothing)."""
    used = set()
    for trace in fig.data:
        if trace.type == "heatmap":
            scale = [colour for _, colour in trace.colorscale]
            low, high = trace.zmin, trace.zmax
            z = np.asarray(trace.z, dtype=float)
            for value in np.unique(z[~np.isnan(z)]):
                band = int((value - low) / (high - low) * len(scale) / 2)
                used.add(scale[2 * min(band, len(scale) // 2 - 1)])
        elif trace.type == "bar" and trace.showlegend is False:
            x = np.asarray(trace.x, dtype=float)
            colours = np.atleast_1d(np.asarray(trace.marker.color, dtype=object))
            if len(colours) == 1:
                colours = np.repeat(colours, len(x))
            used |= {c for c, v in zip(colours, x, strict=True) if v > 0 or trace.orientation}
    return {c.lower() for c in used} - {"#ffffff"}  # a function's heading row on screen


def key_colours(fig) -> set[str]:
    return {
        t.marker.color.lower()
        for t in fig.data
        if t.type == "scatter" and t.showlegend is not False and t.name
    }


@pytest.mark.parametrize("view", ["answers", "spread", "levels"])
def test_every_colour_a_chart_draws_is_in_its_key(demo, view):
    for fig in (demo.figure(view), demo.slide(view, day=DAY)):
        drawn, key = drawn_colours(fig), key_colours(fig)
        assert drawn and drawn <= key, sorted(drawn - key)  # level 4 was drawn, not keyed


def test_the_key_lines_of_a_slide_neither_cover_nor_clip_each_other(demo):
    fig = demo.slide("answers", day=DAY)
    layout = fig.layout.to_plotly_json()
    keys = [layout[name] for name in ("legend", "legend2", "legend3") if name in layout]
    assert len(keys) == 3  # answers, "?" and "–", levels
    tops = sorted(k["y"] * 900 for k in keys)
    text = style.ON_SLIDE.text
    assert all(b - a >= 1.5 * text for a, b in zip(tops, tops[1:], strict=False)), tops
    # An opaque key drew its box over the descenders of the line above ("missin g").
    assert all(k.get("bgcolor") in ("rgba(0,0,0,0)", "rgba(0, 0, 0, 0)") for k in keys)


def support_map(questionnaire) -> OrgMap:
    """The demo's longest kind of names, one of them a trace in progress (3 of 8)."""
    half = dict(list(ALL.items())[:3])
    return OrgMap(
        assessment(
            use_case("a", half, name="Support ticket tagging and routing", function="Support"),
            use_case("b", ALL, name="Plain-language notes on the demand forecast"),
            use_case("c", ALL, name="Pipeline commentary for the board pack"),
            organization="Northwind",
        ),
        questionnaire,
    )


@pytest.mark.parametrize("view", ["answers", "spread", "levels"])
def test_a_slide_names_each_use_case_whole_with_a_gap_before_its_bar(questionnaire, view):
    m = support_map(questionnaire)
    fig = m.slide(view, day=DAY)
    y = fig.data[0].y
    labels = list(y[1]) if view == "levels" else list(y)  # function | use case on "levels"
    assert sorted(labels) == sorted(uc.name for uc in m.assessment.use_cases)
    assert fig.layout.yaxis.ticklabelstandoff >= 10  # the name never touches the bar
    level = next(t for t in fig.data if t.type == "bar" and t.showlegend is False)
    # The progress of the unfinished trace moved from the name to the level it qualifies.
    assert any("3 of 8" in text for text in level.text), level.text
