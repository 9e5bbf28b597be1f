"""The improvement plan (issue 13): a step accepted keeps the conditions it fixes, so its
verdict comes from the answers — achieved, done but not met, overdue — and it survives a lens
that words the step differently."""

from __future__ import annotations

import datetime as dt

import pytest

from coordination.errors import InvalidInput, NotFound
from coordination.method.scoring import results, score
from coordination.models import Condition, PlanItem, Response, UseCase
from coordination.progress.plan import DONE_NOT_MET, OVERDUE, flag, frame, met, plan_rows

TODAY = dt.date(2026, 12, 6)


def test_a_step_names_the_conditions_it_fixes(questionnaire):
    answers = dict.fromkeys(questionnaire.required_ids, 1)
    uc = UseCase(id="a", name="A", responses=[Response(respondent="Kim", answers=answers)])
    (result,) = _results(questionnaire, uc)
    first = result.steps[0]
    assert first.text == result.next_steps[0]
    assert first.conditions, "the next useful improvement fixes something"
    for c in first.conditions:
        assert c.question in questionnaire.question_ids and c.at_least > result.answers[c.question]


def _results(questionnaire, uc):
    from coordination.models import Assessment

    assessment = Assessment(organization="Acme", use_cases=[uc])
    return results(score(assessment, questionnaire), assessment)


def test_met_needs_every_condition_and_dont_know_meets_none():
    needs = [Condition(question="ownership", at_least=2), Condition(question="reach", at_least=1)]
    assert met(needs, {"ownership": 2, "reach": 3})
    assert not met(needs, {"ownership": 1, "reach": 3})
    assert not met(needs, {"ownership": None, "reach": 3})
    assert not met([], {"ownership": 3})  # a free item is never achieved by answers


@pytest.mark.parametrize(
    ("status", "due", "achieved", "expected"),
    [
        ("done", None, False, DONE_NOT_MET),
        ("done", "2026-12-01", True, None),
        ("planned", "2026-12-05", False, OVERDUE),
        ("doing", "2026-12-05", False, OVERDUE),
        ("planned", "2026-12-06", False, None),  # due today is not late
        ("dropped", "2026-11-01", False, None),
        ("planned", "2026-11-01", True, None),
    ],
)
def test_flags(status, due, achieved, expected):
    item = PlanItem(text="x", conditions=[Condition(question="reach", at_least=2)], due=due,
                    status=status)  # fmt: skip
    assert flag(item, achieved, TODAY) == expected


def test_the_plan_lists_flagged_items_first_then_by_due_date(questionnaire):
    late = PlanItem(text="late", conditions=[Condition(question="reach", at_least=3)],
                    due="2026-11-01")  # fmt: skip
    soon = PlanItem(text="soon", due="2026-12-20")
    undated = PlanItem(text="undated")
    done = PlanItem(text="claimed", conditions=[Condition(question="reach", at_least=3)],
                    status="done")  # fmt: skip
    ucs = [UseCase(id="a", name="A", plan=[undated, soon]),
           UseCase(id="b", name="B", plan=[done, late])]  # fmt: skip
    rows = plan_rows(ucs, {"b": {"reach": 1}}, TODAY)
    assert [r.item.text for r in rows] == ["late", "claimed", "soon", "undated"]
    table = frame(questionnaire, rows)
    assert list(table["Flag"]) == [OVERDUE, DONE_NOT_MET, "", ""]
    assert list(table["Achieved"]) == ["no", "no", "—", "—"]


def test_an_accepted_step_is_achieved_by_the_answers_not_by_its_status(store, questionnaire):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes", function="Sales")
    for question in questionnaire.required_ids:
        store.set_answer(ws.key, uc, "Kim", question, 1)
    view = store.view(ws.key)
    (result,) = _results(questionnaire, view.assessment.use_case(uc))
    step = result.steps[0]
    place = store.add_plan_item(ws.key, uc, step.text, step.conditions, owner="Priya",
                                due="2026-12-20")  # fmt: skip
    assert place == 0
    with pytest.raises(InvalidInput, match="already in the plan"):
        store.add_plan_item(ws.key, uc, "same step, other words", step.conditions)
    item = store.load(ws.key).use_case(uc).plan[0]
    assert (item.owner, item.due, item.status) == ("Priya", "2026-12-20", "planned")
    assert [c.question for c in item.conditions] == [c.question for c in step.conditions]

    store.update_plan_item(ws.key, uc, 0, status="done")
    rows = plan_rows(store.load(ws.key).use_cases, {uc: result.answers}, TODAY)
    assert (rows[0].achieved, rows[0].flag) == (False, DONE_NOT_MET)

    for c in step.conditions:
        store.set_answer(ws.key, uc, "Kim", c.question, c.at_least)
    loaded = store.load(ws.key)
    (now,) = _results(questionnaire, loaded.use_case(uc))
    rows = plan_rows(loaded.use_cases, {uc: now.answers}, TODAY)
    assert (rows[0].achieved, rows[0].flag) == (True, None)


def test_plan_items_are_checked_and_stay_in_their_workspace(store):
    mine, theirs = store.create_workspace("Mine"), store.create_workspace("Theirs")
    uc = store.add_use_case(theirs.key, "Secret plans")
    store.add_plan_item(theirs.key, uc, "Name an owner")
    with pytest.raises(NotFound):
        store.update_plan_item(mine.key, uc, 0, status="done")
    with pytest.raises(NotFound):
        store.delete_plan_item(theirs.key, uc, 5)
    for bad, said in (({"due": "next week"}, "due date"), ({"status": "finished"}, "status"),
                      ({"owner": "x" * 201}, "owner")):  # fmt: skip
        with pytest.raises(InvalidInput, match=said):
            store.update_plan_item(theirs.key, uc, 0, **bad)
    with pytest.raises(InvalidInput, match="condition"):
        store.add_plan_item(theirs.key, uc, "x", [Condition(question="nope", at_least=1)])
    store.delete_plan_item(theirs.key, uc, 0)
    assert store.load(theirs.key).use_case(uc).plan == []


def test_a_participant_cannot_touch_the_plan(store):
    from coordination.access import Participant
    from coordination.errors import Forbidden
    from coordination.storage.caller import Caller

    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    caller = Caller(store, Participant(id=1, workspace=ws.key, use_cases=(uc,), display_name="Kim"))
    with pytest.raises(Forbidden):
        caller.add_plan_item(ws.key, uc, "Name an owner")


def test_the_target_says_how_far_and_which_gates_stand_between(store, questionnaire):
    from coordination.progress.targets import cell, distance, gap_sentence, standing_between

    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    for question in questionnaire.required_ids:
        store.set_answer(ws.key, uc, "Kim", question, 1)
    store.update_use_case(ws.key, uc, target_level=4)
    loaded = store.load(ws.key).use_case(uc)
    (result,) = _results(questionnaire, loaded)
    assert loaded.target_level == 4 and result.level < 4
    between = standing_between(questionnaire, result, 4)
    assert [lv for lv, _ in between] == list(range(result.level + 1, 5))
    assert all(needs for _, needs in between)
    sentence = gap_sentence(questionnaire, result, 4)
    assert sentence.startswith("Target level 4 · Cross-functional coordination")
    assert between[0][1][0] in sentence
    assert distance(2, 4) == "two below target" and cell(2, 4) == "4 · two below"
    assert distance(4, 4) == "at target" and distance(5, 4) == "above target"
    assert gap_sentence(questionnaire, result, result.level).endswith("reached.")
    with pytest.raises(InvalidInput, match="target level"):
        store.update_use_case(ws.key, uc, target_level=9)


def test_a_plan_item_survives_a_lens_that_words_its_step_differently(tmp_path, questionnaire):
    from coordination.method.questionnaire import DEFAULT_PATH, load_questionnaire

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    reworded = text.replace('step = "', 'step = "In other words: ')
    assert reworded != text
    path = tmp_path / "lens.toml"
    path.write_text(reworded, encoding="utf-8")
    lens = load_questionnaire(path)
    answers = dict.fromkeys(questionnaire.required_ids, 1)
    uc = UseCase(id="a", name="A", responses=[Response(respondent="Kim", answers=answers)])
    (before,) = _results(questionnaire, uc)
    (after,) = _results(lens, uc)
    assert before.steps[0].text != after.steps[0].text  # the words changed
    item = PlanItem(text=before.steps[0].text, conditions=list(before.steps[0].conditions))
    assert tuple(item.conditions) == after.steps[0].conditions  # the identity did not
