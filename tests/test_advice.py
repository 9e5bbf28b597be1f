"""What a result says: provisional traces, "don't know" apart from unanswered, one next useful
improvement followed by the rest in a stated order without repeats, and the "why" from the
very booleans the level was computed from."""

from __future__ import annotations

from hypothesis import given, settings

from coordination.method.advice import explain
from coordination.method.scoring import results, score
from coordination.report.orgmap import OrgMap
from tests.conftest import assessment, use_case
from tests.test_scoring import ALL_THREE, LEVEL2, LEVEL3, QUESTIONS, any_answer_sets, result_for

EVERYTHING_LOW = dict.fromkeys(QUESTIONS, 0)


# ── provisional, "don't know" and unanswered ───────────────────────────────────────────────────


def test_a_half_answered_trace_is_provisional_and_says_how_far_it_got(questionnaire):
    r = result_for(questionnaire, LEVEL2 | {"workflow_defined": 1, "ownership": None})
    assert (r.level, r.complete, r.provisional) == (2, False, True)
    assert (r.answered, r.required) == (4, 8)
    assert r.unknown == ["ownership"]
    assert r.unanswered == ["review_criteria", "handoff", "feedback_loop", "decision_impact"]
    # The first step is to finish the trace, naming what is unanswered…
    assert r.next_steps[0] == questionnaire.advice.unanswered.format(
        labels="Review criteria, Hand-off, Feedback loop and Decision impact"
    )
    # …and nobody is said to have "could not say" what nobody was asked.
    unknown_steps = [s for s in r.next_steps if s.startswith("Nobody who answered")]
    assert unknown_steps == [questionnaire.advice.unknown.format(label="Owner")]


def test_every_required_question_answered_makes_the_level_final(questionnaire):
    r = result_for(questionnaire, dict.fromkeys(QUESTIONS))  # all "don't know"
    assert (r.level, r.complete, r.provisional, r.unanswered) == (1, True, False, [])
    assert r.unknown == list(QUESTIONS)


def test_answers_spread_over_several_people_complete_a_trace_together(questionnaire):
    first, second = dict.fromkeys(QUESTIONS[:4], 2), dict.fromkeys(QUESTIONS[4:], 2)
    assert result_for(questionnaire, first, second).complete
    assert not result_for(questionnaire, first).complete


def test_one_answer_does_not_change_the_maps_headline_it_is_in_progress(questionnaire):
    done = use_case("done", EVERYTHING_LOW | LEVEL3)
    before = OrgMap(assessment(done, use_case("new")), questionnaire).headline()
    after = OrgMap(assessment(done, use_case("new", {"reach": 0})), questionnaire).headline()
    assert before == "0 of 1 traced use cases are stuck before Workflow integration; " + (
        "the most common missing conditions, one use case each, are a defined hand-off, "
        "regular feedback and use by several functions."
    )
    assert after == before + " One more trace is in progress."


def test_with_only_traces_in_progress_the_headline_says_so(questionnaire):
    a = assessment(use_case("a", {"reach": 2}), use_case("b"))
    assert OrgMap(a, questionnaire).headline() == (
        "No use case is fully traced yet. One trace is in progress."
    )


def test_the_results_spreadsheet_tells_dont_know_from_unanswered(questionnaire):
    a = assessment(use_case("uc", {"reach": 2, "ownership": None}))
    row = OrgMap(a, questionnaire).results_frame().iloc[0]
    assert row["answer: Who uses it"] == 2
    assert row["answer: Owner"] == "Don't know"
    assert row["answer: Hand-off"] == "Not answered"
    assert (row["trace"], row["provisional"]) == ("2 of 8 answered", "yes")


def test_the_results_spreadsheet_lists_only_the_conditions_that_fail(questionnaire):
    a = assessment(use_case("uc", EVERYTHING_LOW | LEVEL3 | {"review_criteria": 1}))
    row = OrgMap(a, questionnaire).results_frame().iloc[0]
    assert (row["level"], row["next level"]) == (2, 3)
    assert row["missing"] == "written review criteria"


# ── next steps: one first, then the rest, in order, without repeats ───────────────────────────


def test_the_next_useful_improvement_comes_first_then_obstacles_then_risks(questionnaire):
    # Level 1 (no approved tool); ownership unclear although a team relies on it (an
    # obstacle); decisions already lean on it (gate 5 holds: a risk).
    r = result_for(
        questionnaire,
        EVERYTHING_LOW
        | {"reach": 2, "tool_standard": 1, "ownership": 1, "review_criteria": 2}
        | {"decision_impact": 3},
    )
    assert (r.level, r.obstacles, [k.level for k in r.risks]) == (1, ["unclear_ownership"], [5])
    gate2 = {c.question: c.step for c in questionnaire.gates[0].conditions}
    obstacle = {o.id: o.step for o in questionnaire.obstacles}
    assert r.next_steps == [
        gate2["tool_standard"],
        obstacle["unclear_ownership"],
        questionnaire.gates[-1].risk_step,
    ]


def test_the_blocking_gates_conditions_follow_the_questionnaires_order(questionnaire):
    r = result_for(questionnaire, EVERYTHING_LOW | LEVEL2)
    gate3 = questionnaire.gates[1].conditions
    assert r.next_steps[:3] == [c.step for c in gate3]


def test_name_an_owner_is_said_once_not_by_the_gate_the_obstacle_and_the_risk(questionnaire):
    # Gate 3 misses the owner; "unclear ownership" holds; gate 4 holds above it (a risk).
    answers = ALL_THREE | {"ownership": 1, "decision_impact": 0}
    r = result_for(questionnaire, answers)
    assert (r.level, r.obstacles, [k.level for k in r.risks]) == (2, ["unclear_ownership"], [4])
    assert r.next_steps == [questionnaire.gates[1].conditions[1].step]
    obstacle = next(o for o in questionnaire.obstacles if o.id == "unclear_ownership")
    assert obstacle.step not in r.next_steps
    assert questionnaire.gates[2].risk_step not in r.next_steps


@settings(max_examples=300, deadline=None)
@given(any_answer_sets)
def test_next_steps_never_repeat_and_the_first_fixes_the_blocking_gate(questionnaire, sets):
    r = result_for(questionnaire, *sets)
    assert len(r.next_steps) == len(set(r.next_steps))
    if r.level is None:
        assert len(r.next_steps) == 1
    elif r.unanswered:
        assert r.next_steps[0].startswith("Finish the trace")
    elif r.next_gate is not None:
        gate = questionnaire.gates[r.next_gate.level - 2]
        first = next(c for c in gate.conditions if c.question in r.next_gate.missing)
        unknown = questionnaire.advice.unknown.format(
            label=questionnaire.question(first.question).label
        )
        assert r.next_steps[0] in (first.step, unknown)


# ── why this level ─────────────────────────────────────────────────────────────────────────────


def test_an_answer_exactly_at_the_threshold_holds_in_the_why(questionnaire):
    r = result_for(questionnaire, EVERYTHING_LOW | LEVEL3)  # every condition at exactly 2
    gates = explain(questionnaire, r)
    assert [g.held for g in gates] == [True, True, False, False]
    assert all(c.held for c in gates[1].conditions)


@settings(max_examples=200, deadline=None)
@given(any_answer_sets)
def test_the_why_agrees_with_the_level(questionnaire, sets):
    r = result_for(questionnaire, *sets)
    if r.level is None:
        return
    held = [g.held for g in explain(questionnaire, r)]
    leading = next((k for k, ok in enumerate(held) if not ok), len(held))
    assert r.level == 1 + leading


def test_use_cases_nobody_answered_have_no_level_whatever_surrounds_them(questionnaire):
    a = assessment(use_case("empty"), use_case("full", ALL_THREE), use_case("blank", {}, {}))
    empty, full, blank = results(score(a, questionnaire), a)
    assert (empty.level, full.level, blank.level) == (None, 5, None)
    assert (empty.respondents, blank.respondents) == (0, 2)


# ── the map's headline ─────────────────────────────────────────────────────────────────────────


def test_the_headline_names_the_most_common_missing_condition_not_the_least(questionnaire):
    base = EVERYTHING_LOW | LEVEL3
    a = assessment(
        use_case("a", base | {"review_criteria": 1}),
        use_case("b", base | {"review_criteria": 1}),
        use_case("c", base | {"review_criteria": 1, "ownership": 1}),
    )
    assert OrgMap(a, questionnaire).headline() == (
        "3 of 3 traced use cases are stuck before Workflow integration; "
        "the most common missing condition is written review criteria."
    )


def test_a_tie_names_every_condition_in_it_in_the_questionnaires_order(questionnaire):
    base = EVERYTHING_LOW | LEVEL3
    a = assessment(
        use_case("a", base | {"review_criteria": 1}),
        use_case("b", base | {"ownership": 1}),
    )
    assert (
        OrgMap(a, questionnaire)
        .headline()
        .endswith(
            "the most common missing conditions, one use case each, are a named owner and "
            "written review criteria."
        )
    )


def test_retired_use_cases_leave_the_headline_and_the_charts(questionnaire):
    a = assessment(
        use_case("kept", EVERYTHING_LOW | LEVEL3, name="Kept"),
        use_case("gone", EVERYTHING_LOW, name="Gone", retired=True),
    )
    org = OrgMap(a, questionnaire)
    assert org.headline().startswith("0 of 1 traced use cases")
    for view in ("answers", "levels", "spread"):
        labels = " ".join(map(str, org.figure(view).data[0].y))
        assert "Kept" in labels and "Gone" not in labels, view
    assert org.level_counts(org.active_levels).sum() == 1
