"""The method v1: known answers → levels, gates, risks, obstacles; and its invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordination.method.scoring import NextGate, results, score, summary
from tests.conftest import assessment, use_case

QUESTIONS = (
    "reach",
    "tool_standard",
    "workflow_defined",
    "ownership",
    "review_criteria",
    "handoff",
    "feedback_loop",
    "decision_impact",
)
LEVEL2 = {"reach": 2, "tool_standard": 2}
LEVEL3 = {**LEVEL2, "workflow_defined": 2, "ownership": 2, "review_criteria": 2}
LEVEL4 = {**LEVEL3, "handoff": 2, "feedback_loop": 2, "reach": 3}
LEVEL5 = {**LEVEL4, "decision_impact": 2}
ALL_THREE = dict.fromkeys(QUESTIONS, 3)


def result_for(questionnaire, *answer_sets):
    a = assessment(use_case("uc", *answer_sets))
    return results(score(a, questionnaire), a)[0]


@pytest.mark.parametrize(
    ("answers", "level", "next_gate"),
    [
        ({}, None, None),  # a respondent who answered nothing has not started a trace
        ({"reach": None}, 1, NextGate(2, ["reach", "tool_standard"])),  # "don't know" did
        ({"reach": 1, "tool_standard": 3}, 1, NextGate(2, ["reach"])),
        (LEVEL2, 2, NextGate(3, ["workflow_defined", "ownership", "review_criteria"])),
        ({**LEVEL3, "review_criteria": 1}, 2, NextGate(3, ["review_criteria"])),
        (LEVEL3, 3, NextGate(4, ["handoff", "feedback_loop", "reach"])),
        ({**LEVEL4, "reach": 2}, 3, NextGate(4, ["reach"])),
        (LEVEL4, 4, NextGate(5, ["decision_impact"])),
        (LEVEL5, 5, None),
        (ALL_THREE, 5, None),
        ({**ALL_THREE, "tool_standard": 1}, 1, NextGate(2, ["tool_standard"])),
    ],
)
def test_levels_follow_the_gates_of_method_v1(questionnaire, answers, level, next_gate):
    r = result_for(questionnaire, answers)
    assert (r.level, r.next_gate) == (level, next_gate)
    assert r.level_name == (questionnaire.levels[level - 1].name if level else None)


def test_review_criteria_in_heads_blocks_workflow_integration(questionnaire):
    r = result_for(questionnaire, {**LEVEL3, "review_criteria": 1})
    assert r.level == 2
    assert r.next_gate == NextGate(3, ["review_criteria"])
    assert any("review criteria down" in step for step in r.next_steps)


def test_an_unknown_answer_fails_its_condition_and_is_listed(questionnaire):
    r = result_for(questionnaire, {**LEVEL3, "ownership": None})
    assert r.level == 2
    assert r.next_gate.missing == ["ownership"]
    assert "ownership" in r.unknown
    assert any("“Owner”" in step for step in r.next_steps)


def test_an_absent_answer_key_means_dont_know(questionnaire):
    assert result_for(questionnaire, {"reach": 2}).answers["tool_standard"] is None


@pytest.mark.parametrize(
    ("values", "median", "spread"),
    [
        ([2], 2, 0),
        ([2, 3], 2, 1),  # even count: the lower middle value
        ([1, 3], 1, 2),
        ([0, 3, 3, 3], 3, 3),
        ([0, 0, 3, 3], 0, 3),
        ([None, 3], 3, 0),  # don't know is left out
        ([None, None], None, None),
        ([3, 1, 2], 2, 2),
    ],
)
def test_several_respondents_aggregate_to_the_lower_median(questionnaire, values, median, spread):
    r = result_for(questionnaire, *({"reach": v} for v in values))
    assert (r.answers["reach"], r.spread["reach"]) == (median, spread)


def test_a_use_case_without_responses_is_not_traced_rather_than_level_1(questionnaire):
    a = assessment(use_case("empty"), use_case("one", {}))
    empty, one = results(score(a, questionnaire), a)
    assert (empty.level, empty.level_name, empty.next_gate) == (None, None, None)
    assert empty.risks == [] and empty.obstacles == []
    assert empty.next_steps == [questionnaire.advice.not_traced.format(questions="eight")]
    assert "eight questions" in empty.next_steps[0]
    assert (one.level, one.next_steps) == (None, empty.next_steps)  # someone, but no answer
    assert summary(score(a, questionnaire)) == {
        "levels": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
        "in_progress": 0,
        "not_traced": 2,
    }


def test_practice_ahead_of_its_foundations_is_a_risk(questionnaire):
    # Decisions shaped by output nobody owns or reviews: gate 5 holds while gate 3 fails.
    r = result_for(questionnaire, {**LEVEL2, "decision_impact": 3})
    assert r.level == 2
    assert [risk.level for risk in r.risks] == [5]
    assert r.risks[0].message == questionnaire.gates[-1].risk


def test_risks_list_every_holding_gate_above_the_first_failing_one(questionnaire):
    r = result_for(questionnaire, {**ALL_THREE, "tool_standard": 1, "reach": 2})
    assert r.level == 1
    assert [risk.level for risk in r.risks] == [3, 5]  # gate 4 fails on reach


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"tool_standard": 2}, {"tool_led_workflow"}),
        ({"tool_standard": 2, "workflow_defined": 1}, {"tool_led_workflow"}),
        ({"tool_standard": 2, "workflow_defined": 2, "ownership": 2, "feedback_loop": 2}, set()),
        ({"ownership": 1, "reach": 2}, {"unclear_ownership"}),
        ({"handoff": 1}, {"unclear_ownership"}),
        ({"ownership": 1, "reach": 1, "handoff": 0}, set()),
        ({"ownership": 2, "workflow_defined": 2, "feedback_loop": 1}, {"output_only_evaluation"}),
        ({"ownership": 2, "handoff": 2}, {"output_only_evaluation"}),
        ({"ownership": 2, "handoff": 2, "feedback_loop": 2}, set()),
    ],
)
def test_obstacles_follow_their_conditions(questionnaire, answers, expected):
    assert set(result_for(questionnaire, answers).obstacles) == expected


def test_summary_counts_every_level(questionnaire):
    everything = dict.fromkeys(QUESTIONS, 0)
    a = assessment(
        use_case("a", everything),
        use_case("b", {**everything, **LEVEL3}),
        use_case("c", {**everything, **LEVEL5}),
        use_case("d", {**everything, **LEVEL5}),
        use_case("e", {}),
        use_case("f", LEVEL3),  # only five of eight answered: provisional, counted apart
    )
    assert summary(score(a, questionnaire)) == {
        "levels": {"1": 1, "2": 0, "3": 1, "4": 0, "5": 2},
        "in_progress": 1,
        "not_traced": 1,
    }


# ── Properties ─────────────────────────────────────────────────────────────────────────────────

answer = st.one_of(st.none(), st.integers(0, 3))
answer_set = st.fixed_dictionaries({}, optional=dict.fromkeys(QUESTIONS, answer))
answer_sets = st.lists(answer_set, min_size=1, max_size=6)
# Use cases nobody has answered yet, and people who answered nothing, belong in the mix too.
any_answer_sets = st.lists(answer_set, min_size=0, max_size=6)


def reference_level(answer_sets_, questionnaire) -> int | None:
    """The method as the issue states it, one use case at a time, for comparison."""
    if not any(answer_sets_):
        return None  # nobody answered anything, not even "don't know"
    aggregate = {}
    for q in QUESTIONS:
        values = sorted(s[q] for s in answer_sets_ if s.get(q) is not None)
        aggregate[q] = values[(len(values) - 1) // 2] if values else None
    level = 1
    for gate in questionnaire.gates:
        if not all(
            aggregate[c.question] is not None and aggregate[c.question] >= c.at_least
            for c in gate.conditions
        ):
            break
        level = gate.level
    return level


@settings(max_examples=300, deadline=None)
@given(st.lists(any_answer_sets, min_size=1, max_size=8))
def test_vectorized_levels_match_the_reference_method(questionnaire, cases):
    a = assessment(*(use_case(f"u{i}", *sets) for i, sets in enumerate(cases)))
    assert [r.level for r in results(score(a, questionnaire), a)] == [
        reference_level(sets, questionnaire) for sets in cases
    ]


@settings(max_examples=300, deadline=None)
@given(answer_sets, st.data())
def test_raising_any_answer_never_lowers_the_level(questionnaire, sets, data):
    respondent = data.draw(st.integers(0, len(sets) - 1))
    question = data.draw(st.sampled_from(QUESTIONS))
    before = sets[respondent].get(question)
    if before is None or before == 3:
        before = data.draw(st.integers(0, 2))
    after = data.draw(st.integers(before + 1, 3))
    low = [dict(s) for s in sets]
    high = [dict(s) for s in sets]
    low[respondent][question], high[respondent][question] = before, after
    assert result_for(questionnaire, *high).level >= result_for(questionnaire, *low).level


@settings(max_examples=200, deadline=None)
@given(answer_sets, st.randoms())
def test_respondent_order_never_matters(questionnaire, sets, rnd):
    shuffled = list(sets)
    rnd.shuffle(shuffled)
    assert result_for(questionnaire, *sets) == result_for(questionnaire, *shuffled)


@settings(max_examples=300, deadline=None)
@given(any_answer_sets)
def test_next_gate_and_level_always_agree(questionnaire, sets):
    r = result_for(questionnaire, *sets)
    if r.level is None:
        assert not any(sets) and r.next_gate is None and not r.complete
        return
    if r.level == questionnaire.max_level:
        assert r.next_gate is None
        return
    assert r.next_gate.level == r.level + 1
    gate = questionnaire.gates[r.level - 1]
    failing = [
        c.question
        for c in gate.conditions
        if r.answers[c.question] is None or r.answers[c.question] < c.at_least
    ]
    assert r.next_gate.missing == failing and failing
    assert all(risk.level > r.next_gate.level for risk in r.risks)
