"""The map page through AppTest: its table reads as a person would write it, and its numbers
count finished traces against the questionnaire's milestone."""

from __future__ import annotations

import pytest

from coordination.method.questionnaire import DEFAULT_PATH
from tests.app_helpers import map_rows, texts


@pytest.fixture
def open_map(owner, demo):
    def open_(**params):
        return owner.open("app_pages/owner/map.py", ws=demo, **params)

    return open_


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_table_has_capitalised_headers_and_the_level_with_its_number(open_map):
    at = open_map()
    table = map_rows(at)
    # The level first, where a narrow screen shows it
    assert list(table.columns)[:4] == ["Use case", "Level", "Trace", "Risk"]
    assert list(table.columns)[4:] == ["Function", "Objective", "Respondents"]
    table = table.set_index("Use case")
    # Practice ahead of its foundations, as its Result page says (issue 15)
    assert table.loc["Pipeline commentary for the board pack", "Risk"] == "at level 5"
    assert table.loc["Sales call summaries", ["Level", "Trace"]].tolist() == [
        "4 · Cross-functional coordination",
        "traced",
    ]
    assert table.loc["Quote follow-up emails", ["Level", "Trace"]].tolist() == [
        "2 · Tool standardization",
        "3 of 8 answered",
    ]
    assert "Website chatbot pilot" not in table.index  # retired: off the map


def test_the_metrics_count_finished_traces_against_the_milestone(open_map):
    at = open_map()
    assert metric(at, "Use cases shown") == "16"
    assert metric(at, "Traced") == "14"  # not the trace in progress, not the untraced one
    # Finished traces at 3 or above in the demo: objection digest 5, call summaries and data
    # sheets 4, newsletter, ticket replies and delay notices 3.
    assert metric(at, "At Workflow integration or above") == "6"  # the name as the lens writes it
    assert "Where coordination is missing" in texts(at)  # the chart's title, above it


def test_the_milestone_metric_follows_a_custom_lens(open_map, tmp_path, monkeypatch):
    lens = tmp_path / "lens.toml"
    lens.write_text(
        DEFAULT_PATH.read_text(encoding="utf-8").replace("milestone = 3", "milestone = 4"),
        encoding="utf-8",
    )
    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(lens))
    at = open_map()
    assert not at.exception
    assert metric(at, "At Cross-functional coordination or above") == "3"
    assert not any(m.label.startswith("At Workflow integration") for m in at.metric)


def test_export_offers_each_slide_size_svg_html_and_all_charts_as_a_zip(open_map, monkeypatch):
    from tests.conftest import need_browser

    monkeypatch.setenv("BROWSER_PATH", need_browser())
    at = open_map()
    (radio,) = [r for r in at.radio if r.label == "Format"]
    assert radio.options == ["PNG 1920×1080", "PNG 1280×720", "SVG", "HTML", "All charts (zip)"]
    radio.set_value("HTML").run()
    next(b for b in at.button if b.label == "Prepare the file").click().run()
    assert not at.exception
    name, content = at.session_state["export"]
    # Named by the chart's button ("Gaps by question"), not the code's "answers".
    assert name.endswith("-gaps-by-question.html")
    assert b"<title>Where coordination is missing" in content
    (offered,) = at.get("download_button")
    assert offered.proto.ignore_rerun  # see test_exports_page.py
    (radio,) = [r for r in at.radio if r.label == "Format"]
    radio.set_value("All charts (zip)").run()
    next(b for b in at.button if b.label == "Prepare the file").click().run()
    name, content = at.session_state["export"]
    assert name.endswith("-charts.zip") and content.startswith(b"PK")


def test_the_zip_of_all_charts_shows_its_progress_chart_by_chart(open_map, monkeypatch):
    import coordination.files.images as images

    told = []

    def drawn(org, stem, ids=None, day=None, progress=None):
        for step in [(0, 5, "Gaps by question"), (1, 5, "Levels"), (5, 5, "Disagreement")]:
            progress(*step)  # the page's bar, moved as the core draws
            told.append(step)
        return b"PK\x05\x06" + bytes(18)

    monkeypatch.setattr(images, "charts_zip", drawn)
    at = open_map()
    (radio,) = [r for r in at.radio if r.label == "Format"]
    radio.set_value("All charts (zip)").run()
    next(b for b in at.button if b.label == "Prepare the file").click().run()
    assert not at.exception
    assert len(told) == 3  # the page asked to be told, and drew each step without failing
    assert at.session_state["export"][0].endswith("-charts.zip")


def test_with_one_persons_answers_the_disagreement_view_says_there_is_nothing_to_compare(
    store, owner
):
    """Issue 15: with one respondent the disagreement chart was a grid of "one"."""
    ws = store.create_workspace("Solo")
    uc = store.add_use_case(ws.key, "Call notes")
    store.set_answer(ws.key, uc, "Kim", "reach", 2)
    at = owner.open("app_pages/owner/map.py", ws=ws.key, view="spread")
    assert not at.exception
    assert any("no disagreement to see yet" in i.value for i in at.info)
    store.set_answer(ws.key, uc, "Lee", "reach", 0)
    at = owner.open("app_pages/owner/map.py", ws=ws.key, view="spread")
    assert not any("no disagreement to see yet" in i.value for i in at.info)


def test_a_phone_gets_a_line_per_use_case_up_to_a_hundred(owner, store):
    """The lines a narrow screen shows instead of the table (`map_cards`): the first hundred,
    then a sentence saying how to see the rest; each opens its use case's result."""
    ws = store.create_workspace("Manyco")
    store.add_use_cases(ws.key, [{"name": f"Use case {n:03}"} for n in range(105)])
    at = owner.open("app_pages/owner/map.py", ws=ws.key)
    assert not at.exception, at.exception
    links = at.get("page_link")
    assert len(links) == 100
    assert links[0].proto.label == "Use case 000"
    assert links[0].proto.page == "result"
    assert f"ws={ws.key}" in links[0].proto.query_string
    assert "uc=use-case-000" in links[0].proto.query_string
    assert "The first 100 of 105 use cases." in texts(at)
    # A long inventory keeps the grid, which draws only the rows in sight (map_table.py)
    assert not at.table and len(at.dataframe[0].value) == 105


def test_each_name_in_the_table_links_to_its_result_and_is_shown_as_typed(owner, store):
    """The table is text (app_pages/map_table.py): every cell is markdown there, so a name
    that looks like markdown or HTML stays what was typed, and the only link is ours."""
    ws = store.create_workspace("Oddco")
    odd = store.add_use_case(ws.key, "[Eve](http://x) <b>Dan</b> # Ben | *pipe*")
    plain_one = store.add_use_case(ws.key, "FAQ answers")
    at = owner.open("app_pages/owner/map.py", ws=ws.key)
    assert not at.exception, at.exception
    links = dict(name.rsplit("](", 1) for name in at.table[0].value["Use case"])
    assert links["[FAQ answers"] == f"result?ws={ws.key}&view=answers&uc={plain_one})"
    label = next(name for name in links if name != "[FAQ answers")
    assert links[label] == f"result?ws={ws.key}&view=answers&uc={odd})"
    assert "](http" not in label and "\\<b\\>" in label and "\\*pipe\\*" in label
    assert sorted(map_rows(at)["Use case"]) == [
        "FAQ answers",
        "[Eve](http://x) <b>Dan</b> # Ben | *pipe*",
    ]


def test_the_table_says_what_its_target_and_risk_columns_mean(open_map):
    at = open_map()
    assert "Risk" in map_rows(at).columns
    assert "Risk: a higher level's conditions hold while a lower level's fail" in texts(at)
    assert "Target:" not in texts(at)  # no target set in the demo
