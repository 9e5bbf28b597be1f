"""The map's question heatmaps on screen, drawn by Vega-Lite: one grid with the plotly figure
(rows, order, cells, colours, hatching, key), user text as typed, withheld answers absent."""

from __future__ import annotations

import numpy as np
import pytest

from coordination.files.fileformat import read_assessment
from coordination.report.labels import plain
from coordination.report.orgmap import OrgMap
from coordination.report.style import PROVISIONAL
from coordination.report.vega import chart_title
from coordination.settings import DEMO_PATH
from coordination.workshop.withheld import Withheld
from tests.conftest import assessment, use_case

FULL = {"reach": 2, "tool_standard": 2, "workflow_defined": 2, "ownership": 2}


@pytest.fixture(scope="module")
def demo(questionnaire):
    return OrgMap(read_assessment(DEMO_PATH, questionnaire), questionnaire)


def params(spec) -> dict:
    return {p["name"]: p.get("value") for p in spec["params"]}


def paint(spec) -> dict[str, str]:
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


def plotly_colour(heat, code: float) -> str:
    """The colour plotly gives a code on the heatmap's stepped scale."""
    steps = heat.colorscale[::2]  # two stops a step
    return steps[int(round(code - heat.zmin - 0.5))][1]


@pytest.mark.parametrize("view", ["answers", "spread"])
def test_the_screen_draws_the_same_grid_as_the_plotly_figure(demo, view):
    spec, fig = demo.on_screen(view), demo.figure(view)
    heat, level = fig.data[0], fig.data[1]
    assert chart_title(spec) == chart_title(fig)
    rows = ["<br>".join(lines) for lines in params(spec)["rowLabels"]]
    assert rows == [plain(y).replace("\n", "<br>") for y in heat.y]  # same rows, same order
    heads = [" ".join(h).strip() for h in params(spec)["heads"]]
    assert heads == [plain(x) for x in heat.x]
    z, text = np.asarray(heat.z, dtype=float), np.asarray(heat.text, dtype=object)
    colours, drawn = paint(spec), set()
    for cell in spec["data"]["values"]:
        i, j = cell["row"], cell["col"]
        drawn.add((i, j))
        if j == 0:  # the level column: plotly's bar over it
            assert colours[cell["paint"]] == level.marker.color[i]
            assert cell["text"] == level.text[i]
            assert cell["hatched"] == (level.marker.pattern.shape[i] == "/")
        else:
            assert colours[cell["paint"]] == plotly_colour(heat, z[i, j])
            assert cell["text"] == text[i, j]
            assert f"{cell['who']}\n{cell['what']}" == plain(heat.hovertext[i][j])
    assert {i for i, j in drawn if j == 0} == set(range(len(rows)))  # every row's level
    assert {(i, j) for i, j in np.argwhere(~np.isnan(z))} == {(i, j) for i, j in drawn if j}
    assert any(cell["hatched"] for cell in spec["data"]["values"])  # the demo's unfinished trace
    # The same key: the cells' states, the levels, "not traced"; and the stripes' entry.
    key = [plain(t.name) for t in fig.data if t.type == "scatter"]
    assert spec["layer"][0]["encoding"]["color"]["legend"]["values"] == key
    assert "Level 5" in key and "not traced" in key
    stripes = [plain(t.name).replace("\n", " ") for t in fig.data if t.type == "bar" and t.name]
    keyed = [
        v["hatch"] for layer in spec["layer"] if "data" in layer for v in layer["data"]["values"]
    ]
    assert keyed == stripes == [PROVISIONAL]


def test_user_text_reaches_the_screen_as_typed(questionnaire):
    name = "<b>A</b> & **b**"
    m = OrgMap(assessment(use_case("a", FULL, name=name)), questionnaire)
    spec = m.on_screen("answers")
    assert params(spec)["rowLabels"] == [[name, "4 of 8"]]
    who = {cell["who"] for cell in spec["data"]["values"]}
    assert who == {f"{name} · level 2 · Tool standardization, provisional: 4 of 8 answered"}


def test_answers_withheld_below_the_threshold_are_not_on_screen(questionnaire):
    a = assessment(
        use_case("open", FULL, FULL, name="Open"),
        use_case("kept", {"reach": 3}, name="Kept back"),
    )
    withheld = {"kept": Withheld(frozenset({"r0"}), answered=1, threshold=3)}
    spec = OrgMap(a, questionnaire, withheld).on_screen("answers")
    row = params(spec)["rowLabels"].index(["Kept back · not traced"])
    kept = [cell for cell in spec["data"]["values"] if cell["row"] == row]
    assert [(c["col"], c["text"]) for c in kept] == [(0, "–")]  # an empty row, as if unanswered
    shown = OrgMap(a, questionnaire).on_screen("answers")
    assert any(c["text"] == "3" for c in shown["data"]["values"])  # the answer, not withheld


def test_other_views_stay_plotly_figures_and_every_chart_is_built_once(demo):
    assert not isinstance(demo.on_screen("levels"), dict)
    assert demo.on_screen("answers") is demo.on_screen("answers")
    ids = demo.active_ids[:3]
    assert len(params(demo.on_screen("spread", ids))["rowLabels"]) == 3


def test_with_500_use_cases_the_screen_names_no_row_and_writes_in_no_cell(questionnaire):
    cases = [use_case(f"u{i}", {"reach": i % 4, "tool_standard": 2}) for i in range(500)]
    spec = OrgMap(assessment(*cases), questionnaire).on_screen("answers")
    axis = spec["encoding"]["y"]["axis"]
    assert axis["labels"] is False and axis["title"].startswith("500 use cases")
    assert "text" not in [layer["mark"]["type"] for layer in spec["layer"]]
    assert 500 * spec["height"]["step"] <= 1800  # as tall as the plotly figure may grow
