"""The questionnaire file: the default is complete, and a broken one says where and why."""

from __future__ import annotations

import pytest

from coordination.errors import QuestionnaireError
from coordination.method.questionnaire import DEFAULT_PATH, load_questionnaire


def test_every_trace_question_has_a_question_help_text_and_four_answer_labels(questionnaire):
    assert len(questionnaire.questions) == 8
    for q in questionnaire.questions:
        assert q.text.endswith("?") and q.help and q.label
        assert len(q.answers) == 4 and all(a.strip() for a in q.answers)


def test_every_gate_condition_and_obstacle_carries_advice(questionnaire):
    for gate in questionnaire.gates:
        assert gate.risk and gate.risk_step
        assert all(c.step for c in gate.conditions)
    assert {o.id for o in questionnaire.obstacles} == {
        "tool_led_workflow",
        "unclear_ownership",
        "output_only_evaluation",
    }
    assert all(o.step and o.explanation for o in questionnaire.obstacles)


def test_the_open_questions_and_objectives_of_the_method_are_there(questionnaire):
    assert len(questionnaire.open_questions) == 7
    assert all(q.help for q in questionnaire.open_questions)
    assert "improve sales enablement" in questionnaire.objectives
    assert "other" not in questionnaire.objectives  # people type their own instead


def test_levels_are_named_one_to_five(questionnaire):
    assert [lv.name for lv in questionnaire.levels] == [
        "Individual experimentation",
        "Tool standardization",
        "Workflow integration",
        "Cross-functional coordination",
        "Strategic learning",
    ]


def _broken(tmp_path, mutate):
    raw = DEFAULT_PATH.read_text(encoding="utf-8")
    path = tmp_path / "lens.toml"
    path.write_text(mutate(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda s: s.replace(
                'question = "ownership"\n  at_least = 2', 'question = "owner"\n  at_least = 2'
            ),
            "unknown question 'owner'",
        ),
        (
            lambda s: s.replace('  "Several functions",\n]', "]"),
            "questions[0].answers: Tuple should have at least 4 items",
        ),
        (
            lambda s: s.replace("at_least = 3", "at_least = 4", 1),
            "gates[2].conditions[2].at_least: Input should be less than or equal to 3",
        ),
        (
            lambda s: s.replace("[[gates]]\nlevel = 3", "[[gates]]\nlevel = 4", 1),
            "gates must cover levels 2 to 5",
        ),
        (lambda s: s.replace('id = "handoff"', 'id = "reach"'), "id 'reach' is used twice"),
        (
            lambda s: s.replace('name = "Coordination Map — method v1"\n', ""),
            "name: Field required",
        ),
        (lambda s: s + "\n[[oops\n", "not valid TOML"),
    ],
)
def test_a_malformed_questionnaire_names_the_file_field_and_problem(tmp_path, mutate, expected):
    path = _broken(tmp_path, mutate)
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert expected in str(caught.value)


def test_a_missing_questionnaire_file_is_named(tmp_path):
    with pytest.raises(QuestionnaireError, match="no such questionnaire file"):
        load_questionnaire(tmp_path / "nope.toml")


EXTRA_QUESTION = """
[[questions]]
id = "budget"
label = "Budget"
text = "Is there a budget for it?"
help = "Money set aside for the tool and the time around it."
answers = ["None", "Ad hoc", "Yearly", "Yearly and reviewed"]
"""


def test_a_custom_lens_can_reword_and_add_questions(tmp_path):
    path = _broken(
        tmp_path,
        lambda s: s.replace(
            "Who relies on this AI use case today?", "Wer nutzt das heute?"
        ).replace("# ── Gates", EXTRA_QUESTION + "\n# ── Gates"),
    )
    q = load_questionnaire(path)
    assert q.questions[0].text == "Wer nutzt das heute?"
    assert q.question_ids[-1] == "budget"
