"""Change since a baseline (issue 13): the marks, sentences and table every view shows, and the
map page with a snapshot chosen in "Since"."""

from __future__ import annotations

import datetime as dt

import pytest

from coordination.errors import InvalidInput
from coordination.models import Assessment, Response, Snapshot, UseCase
from coordination.progress.compare import Moment
from coordination.progress.since import Since, history
from coordination.report.changes import changes_chart
from coordination.report.orgmap import OrgMap
from coordination.report.views import map_table
from tests.app_helpers import map_rows, plain, texts

QUESTIONS = ("reach", "tool_standard", "workflow_defined", "ownership", "review_criteria",
             "handoff", "feedback_loop", "decision_impact")  # fmt: skip
LEVEL_2 = dict.fromkeys(QUESTIONS, 0) | {"reach": 2, "tool_standard": 2}
LEVEL_3 = LEVEL_2 | {"workflow_defined": 2, "ownership": 2, "review_criteria": 2}
LEVEL_4 = LEVEL_3 | {"handoff": 2, "feedback_loop": 2, "reach": 3}


def case(uc_id: str, answers: dict | None) -> UseCase:
    responses = [Response(respondent="Dana", answers=answers)] if answers else []
    return UseCase(id=uc_id, name=uc_id.replace("-", " ").capitalize(), responses=responses)


def moment(questionnaire, *cases, label=None) -> Moment:
    snap = Snapshot(label=label, taken="2026-03-31T09:00:00+00:00") if label else None
    a = Assessment(organization="Acme", use_cases=list(cases), snapshot=snap)
    return Moment.of(a, questionnaire)


def since(questionnaire, before, after) -> Since:
    return Since.between(
        moment(questionnaire, *before, label="Q1 workshop"), moment(questionnaire, *after)
    )


def test_marks_say_the_way_and_the_level_it_came_from(questionnaire):
    s = since(
        questionnaire,
        [case("blog", LEVEL_2), case("digest", LEVEL_4), case("notes", LEVEL_3)],
        [
            case("blog", LEVEL_4),
            case("digest", LEVEL_3),
            case("notes", LEVEL_3),
            case("bot", LEVEL_2),
        ],
    )
    assert [s.mark(u) for u in ("blog", "digest", "notes", "bot")] == [
        "▲ from 2",
        "▼ from 4",
        "= 3",
        "new",
    ]
    assert s.was("blog") == "was 2 on 31 Mar (Q1 workshop)"
    assert s.was("notes") is None  # nothing to say when nothing moved
    assert s.headline() == (
        "Since Q1 workshop: one use case moved up and one moved down (Digest, 4 → 3); "
        "one use case new."
    )


def test_a_provisional_move_is_never_told_as_a_firm_one(questionnaire):
    unfinished = {"reach": 3, "tool_standard": 3}  # 2 of 8 answered: provisional level 2
    s = since(questionnaire, [case("blog", None)], [case("blog", unfinished)])
    assert s.mark("blog") == "▲ from not traced (provisional)"
    assert "no level moved" in s.headline()
    assert "One more changes while a trace is unfinished" in s.headline()
    row = s.frame().iloc[0]
    assert (row["Then"], row["Now"], row["Change"]) == ("not traced", "2 (provisional)",
                                                        "up (provisional)")  # fmt: skip


def test_the_table_says_what_made_the_difference_in_the_questionnaires_words(questionnaire):
    s = since(questionnaire, [case("blog", LEVEL_2)], [case("blog", LEVEL_3)])
    row = s.frame().iloc[0]
    assert row["What made the difference"] == (
        "now has written workflow steps, a named owner and written review criteria"
    )
    lost = since(questionnaire, [case("blog", LEVEL_3)], [case("blog", LEVEL_2)])
    assert lost.frame().iloc[0]["What made the difference"].startswith("lost written workflow")


def test_history_follows_a_use_case_across_moments(questionnaire):
    moments = [
        moment(questionnaire, case("blog", None), label="January"),
        moment(questionnaire, case("blog", LEVEL_2), label="February"),
        moment(questionnaire, case("other", LEVEL_2), label="March"),  # blog not in use then
        moment(questionnaire, case("blog", LEVEL_4)),
    ]
    assert [(p.label, p.level) for p in history(moments, "blog")] == [
        ("January", None),
        ("February", 2),
        ("Now", 4),
    ]


def test_the_map_table_and_chart_carry_the_change(questionnaire):
    before = OrgMap(
        Assessment(
            organization="Acme",
            use_cases=[case("blog", LEVEL_2), case("digest", LEVEL_4)],
            snapshot=Snapshot(label="Baseline", taken="2026-11-30T10:00:00+00:00"),
        ),
        questionnaire,
    )
    now = OrgMap(
        Assessment(organization="Acme", use_cases=[case("blog", LEVEL_4), case("digest", LEVEL_4)]),
        questionnaire,
    )
    s = now.since(before)
    assert now.since(before) is s  # worked out once per baseline
    table = map_table(now.levels, s).set_index("Use case")
    assert table["Since Baseline"].tolist() == ["▲ from 2", "= 4"]
    assert list(table.columns)[1] == "Since Baseline"  # beside the level
    fig = changes_chart(s)
    assert fig.layout.meta["title"] == "What changed since Baseline"
    names = {t.name for t in fig.data if t.name}
    assert {"moved up", "moved down", "same level", "then (Baseline)"} <= names



def blog_week(store):
    """A workspace whose "Blog post drafts" was level 2 at the snapshot "Baseline" and is
    level 4 now (one person's answers changed)."""
    ws = store.create_workspace("Acme")
    blog = store.add_use_case(ws.key, "Blog post drafts", function="Marketing")
    for question, value in LEVEL_2.items():
        store.set_answer(ws.key, blog, "Maria K.", question, value)
    store.take_snapshot(ws.key, "Baseline")
    for question, value in LEVEL_4.items():
        store.set_answer(ws.key, blog, "Maria K.", question, value)
    return ws, blog

def test_the_map_offers_since_and_marks_what_moved(owner, store):
    ws, blog = blog_week(store)

    at = owner.open("app_pages/owner/map.py", ws=ws.key)
    assert not at.exception
    assert at.selectbox(key="since_choice").value != "none"  # the latest snapshot by default
    table = map_rows(at).set_index("Use case")
    assert table.loc["Blog post drafts", "Since Baseline"] == "▲ from 2"
    shown = texts(at)
    assert "Since Baseline: one use case moved up." in shown

    at.segmented_control(key="map_view").set_value("changes").run()
    assert not at.exception
    changed = at.dataframe[0].value.iloc[0]
    assert (changed["Then"], changed["Now"]) == ("2", "4")
    assert "handoff" not in changed["What made the difference"]  # words, not question ids
    assert "a defined hand-off" in changed["What made the difference"]

    at.selectbox(key="since_choice").set_value("none").run()
    assert not at.exception
    assert "Since Baseline" not in map_rows(at).columns
    assert at.segmented_control(key="map_view").value == "answers"


def test_the_result_page_says_what_the_level_was_and_its_history(owner, store):
    ws, blog = blog_week(store)

    at = owner.open("app_pages/owner/result.py", ws=ws.key, uc=blog)
    assert not at.exception and not at.error
    shown = plain(texts(at)).replace("**", "")
    day = f"{dt.date.today().day} {dt.date.today():%b}"
    assert f"Was 2 on {day} (Baseline) — now has " in shown
    assert "a defined hand-off" in shown
    assert f"History: Baseline ({day}): 2 → Now: 4" in shown
    at.selectbox(key="since_choice").set_value("none").run()
    assert "Was 2" not in plain(texts(at))


def test_an_outcome_saved_on_result_flags_a_rise_that_only_made_the_work_faster(owner, store):
    ws, blog = blog_week(store)

    at = owner.open("app_pages/owner/result.py", ws=ws.key, uc=blog)
    key = f"outcome_{ws.key}_{blog}_better_or_faster_{store.version(ws.key)}"
    at.selectbox(key=key).set_value("faster").run()
    assert not at.exception and not at.error
    assert store.load(ws.key).use_case(blog).outcomes == {"better_or_faster": "faster"}

    at = owner.open("app_pages/owner/map.py", ws=ws.key)
    assert "Blog post drafts moved up while the work only got faster" in plain(texts(at))
    at.segmented_control(key="map_view").set_value("changes").run()
    assert at.dataframe[0].value.iloc[0]["Flag"] == "moved up, but the work only got faster"
    with pytest.raises(InvalidInput, match="not one of its answers"):
        store.set_outcome(ws.key, blog, "better_or_faster", "much")
    store.set_outcome(ws.key, blog, "better_or_faster", None)
    assert store.load(ws.key).use_case(blog).outcomes == {}


def test_snapshots_are_renamed_deleted_and_compared_on_backup_and_data(owner, store):
    ws = store.create_workspace("Acme")
    blog = store.add_use_case(ws.key, "Blog post drafts", function="Marketing")
    for question, value in LEVEL_2.items():
        store.set_answer(ws.key, blog, "Maria K.", question, value)
    first = store.take_snapshot(ws.key, "Baseline")
    for question, value in LEVEL_4.items():
        store.set_answer(ws.key, blog, "Maria K.", question, value)
    second = store.take_snapshot(ws.key, "March")

    at = owner.open("app_pages/owner/data.py", ws=ws.key)
    assert not at.exception
    compare = plain(texts(at))
    assert "Since Baseline: one use case moved up." in compare  # Baseline → now by default

    at.text_input(key=f"snap_label_{first}").set_value("Q1 workshop")
    at.button(key=f"snap_rename_{first}").click().run()
    assert not at.exception
    assert [s.label for s in store.snapshots(ws.key)] == ["Q1 workshop", "March"]

    at.selectbox(key="compare_to").set_value(str(second)).run()
    assert "Since Q1 workshop: one use case moved up." in plain(texts(at))

    at.button(key=f"snap_delete_{second}").click().run()
    assert not at.exception
    assert [s.label for s in store.snapshots(ws.key)] == ["Q1 workshop"]
