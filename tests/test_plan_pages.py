"""The plan and the target level on the Result, Plan and map pages, as the owner uses them."""

from __future__ import annotations

import datetime as dt

import pytest

from coordination.method.questionnaire import load_questionnaire
from coordination.progress.plan import edits, plan_rows
from coordination.report.orgmap import OrgMap
from tests.app_helpers import map_rows, plain, texts


@pytest.fixture
def open_page(owner):
    def open_(page: str, **params):
        return owner.open(f"app_pages/owner/{page}.py", **params)

    return open_


def _first_step(store, demo, uc):
    return OrgMap(store.load(demo), load_questionnaire()).results[uc].steps[0]


def test_taking_on_a_step_from_the_result_page_puts_it_in_the_plan(store, open_page, demo):
    step = _first_step(store, demo, "linkedin-posts")
    at = open_page("result", ws=demo, uc="linkedin-posts")
    assert "Nothing in the plan yet." in texts(at)
    at.text_input(key="owner_linkedin-posts").input("Priya")
    at.date_input(key="due_linkedin-posts").set_value(dt.date(2027, 1, 15))
    at.button[[b.label for b in at.button].index("Add to the plan")].click().run()
    assert not at.exception and not at.error
    (item,) = store.load(demo).use_case("linkedin-posts").plan
    assert (item.text, item.owner, item.due) == (step.text, "Priya", "2027-01-15")
    assert list(item.conditions) == list(step.conditions)
    assert "Priya · due 15 Jan 2027 · planned" in plain(texts(at))


def test_the_target_level_is_set_on_result_and_shown_on_the_map(store, open_page, demo):
    at = open_page("result", ws=demo, uc="linkedin-posts")
    at.selectbox(key=f"target_{demo}_linkedin-posts_{store.version(demo)}").select(4).run()
    assert not at.exception and not at.error
    assert store.load(demo).use_case("linkedin-posts").target_level == 4
    assert "Target level 4 · Cross-functional coordination, two levels up" in plain(texts(at))
    table = map_rows(open_page("map", ws=demo))
    row = table[table["Use case"] == "LinkedIn post drafts"].iloc[0]
    assert row["Target"] == "4 · two below"


def test_the_plan_page_lists_overdue_first_and_filters_by_owner(store, open_page, demo):
    store.add_plan_item(demo, "linkedin-posts", "Write the review criteria", owner="Priya",
                        due="2027-03-01")  # fmt: skip
    store.add_plan_item(demo, "call-summaries", "Agree the hand-off", owner="Sales",
                        due="2020-01-01")  # fmt: skip
    at = open_page("plan", ws=demo)
    assert not at.exception and not at.error
    shown = at.dataframe[0].value
    assert list(shown["Step"]) == ["Agree the hand-off", "Write the review criteria"]
    assert list(shown["Flag"]) == ["overdue", ""]
    assert (
        "two items: one overdue." in plain(texts(at)).casefold()
    )
    at.multiselect[0].select("Priya").run()
    shown = at.dataframe[0].value
    assert list(shown["Step"]) == ["Write the review criteria"]


def test_the_plans_function_filter_finds_the_use_cases_a_function_is_part_of(
    store, open_page, demo
):
    """As on the map: Marketing owns LinkedIn posts and is involved in Sales call summaries."""
    store.add_plan_item(demo, "linkedin-posts", "Write the review criteria", owner="Priya")
    store.add_plan_item(demo, "call-summaries", "Agree the hand-off", owner="Sales")
    at = open_page("plan", ws=demo)
    (picker,) = (m for m in at.multiselect if m.label == "Function")
    assert {"Marketing", "Sales", "Customer Service", "Product"} <= set(picker.options)
    picker.set_value(["Marketing"]).run()
    assert set(at.dataframe[0].value["Step"]) == {"Write the review criteria", "Agree the hand-off"}
    next(m for m in at.multiselect if m.label == "Function").set_value(["Sales"]).run()
    assert list(at.dataframe[0].value["Step"]) == ["Agree the hand-off"]


def test_table_edits_become_store_calls_for_the_rows_shown(store, demo):
    store.add_plan_item(demo, "linkedin-posts", "A", due="2027-03-01")
    store.add_plan_item(demo, "linkedin-posts", "B", due="2027-01-01")
    rows = plan_rows(store.load(demo).use_cases, {}, dt.date(2026, 12, 6))
    assert [r.item.text for r in rows] == ["B", "A"]
    calls = edits(
        rows, {0: {"Status": "doing", "Flag": "x"}, 1: {"Owner": "Kim"}, 7: {"Owner": "?"}}
    )
    assert calls == [
        ("linkedin-posts", 1, {"status": "doing"}),
        ("linkedin-posts", 0, {"owner": "Kim"}),
    ]
    for use_case, place, fields in calls:
        store.update_plan_item(demo, use_case, place, **fields)
    plan = store.load(demo).use_case("linkedin-posts").plan
    assert [(i.text, i.status, i.owner) for i in plan] == [
        ("A", "planned", "Kim"),
        ("B", "doing", ""),
    ]
