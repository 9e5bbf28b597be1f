"""Two moments compared (issue 13): hand-built pairs for every kind of change, the gate
conditions gained and lost, provisional levels kept honest, and the CLI's exact JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coordination.models import Assessment, Response, Snapshot, UseCase
from coordination.progress.compare import Moment, compare

L2 = {"reach": 2, "tool_standard": 2}  # level 2 gate
L3 = {**L2, "workflow_defined": 2, "ownership": 2, "review_criteria": 2}
ALL = ("reach", "tool_standard", "workflow_defined", "ownership", "review_criteria", "handoff",
       "feedback_loop", "decision_impact")  # fmt: skip


def full(answers: dict) -> dict:
    """Every question answered (others 0), so the level is final, not provisional."""
    return {q: answers.get(q, 0) for q in ALL}


def case(uc_id: str, answers: dict | None, **fields) -> UseCase:
    responses = [Response(respondent="Dana", answers=answers)] if answers is not None else []
    return UseCase(id=uc_id, name=uc_id.title(), responses=responses, **fields)


def moment(questionnaire, *cases, label="Q1", organization="Acme"):
    a = Assessment(
        organization=organization,
        use_cases=list(cases),
        snapshot=Snapshot(label=label, taken="2026-12-06T10:00:00+00:00"),
    )
    return Moment.of(a, questionnaire)


def changes(questionnaire, before, after) -> dict[str, dict]:
    found = compare(moment(questionnaire, *before), moment(questionnaire, *after, label="Now"))
    return {c["id"]: c for c in found.as_json()["use_cases"]}


@pytest.mark.parametrize(
    ("before", "after", "change", "levels"),
    [
        (case("a", full(L2)), case("a", full(L3)), "up", (2, 3)),
        (case("a", full(L3)), case("a", full(L2)), "down", (3, 2)),
        (case("a", full(L2)), case("a", full(L2)), "same", (2, 2)),
        (None, case("a", full(L2)), "new", (None, 2)),
        (case("a", full(L2)), None, "retired", (2, None)),
        (case("a", full(L2)), case("a", full(L2), retired=True), "retired", (2, None)),
        (case("a", None), case("a", full(L2)), "up", (None, 2)),  # untraced → traced
        (case("a", full(L2)), case("a", None), "untraced", (2, None)),
        (case("a", None), case("a", None), "same", (None, None)),
    ],
)
def test_each_kind_of_change_between_two_moments(questionnaire, before, after, change, levels):
    found = changes(questionnaire, [before] if before else [], [after] if after else [])
    assert (found["a"]["change"], found["a"]["level_before"], found["a"]["level_after"]) == (
        change,
        *levels,
    )


def test_a_condition_lost_and_one_gained_are_named(questionnaire):
    before = full({**L3, "handoff": 2})
    after = full({**L3, "handoff": 2, "review_criteria": 1, "feedback_loop": 2})
    found = changes(questionnaire, [case("a", before)], [case("a", after)])["a"]
    assert found["change"] == "down" and (found["level_before"], found["level_after"]) == (3, 2)
    assert found["lost"] == [{"question": "review_criteria", "at_least": 2}]
    assert found["gained"] == [{"question": "feedback_loop", "at_least": 2}]


def test_a_move_to_or_from_a_provisional_level_says_so(questionnaire):
    found = changes(questionnaire, [case("a", L2)], [case("a", full(L3))])["a"]  # 2 of 8 → 8
    assert found["change"] == "up"
    assert (found["provisional_before"], found["provisional_after"]) == (True, False)


def test_the_summary_counts_every_kind(questionnaire):
    before = [case("up", full(L2)), case("down", full(L3)), case("gone", full(L2))]
    after = [case("up", full(L3)), case("down", full(L2)), case("fresh", full(L2))]
    found = compare(moment(questionnaire, *before), moment(questionnaire, *after))
    assert found.as_json()["summary"] == {
        "up": 1, "down": 1, "same": 0, "new": 1, "retired": 1, "untraced": 0,
    }  # fmt: skip
    assert [c.id for c in found.cases] == ["up", "down", "fresh", "gone"]


def cli(*args, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coordination", *args],
        capture_output=True,
        text=True,
        timeout=120,
        **options,
    )


def write(path, assessment: Assessment) -> str:
    from coordination.files.fileformat import encode_assessment

    path.write_bytes(encode_assessment(assessment))
    return str(path)


def test_the_cli_prints_the_comparison_as_json(tmp_path, questionnaire):
    before = write(
        tmp_path / "q1.json",
        Assessment(
            organization="Acme",
            use_cases=[case("a", full(L2))],
            snapshot=Snapshot(label="Q1 workshop", taken="2026-03-01T09:00:00+00:00"),
        ),
    )
    after = write(
        tmp_path / "now.json", Assessment(organization="Acme", use_cases=[case("a", full(L3))])
    )
    done = cli("compare", before, after)
    assert done.returncode == 0 and done.stderr == ""
    out = json.loads(done.stdout)
    assert out["before"] == {"label": "Q1 workshop", "taken": "2026-03-01T09:00:00+00:00"}
    assert out["after"] == {"label": "now", "taken": None}  # no snapshot: the file's name
    assert out["use_cases"][0] == {
        "id": "a", "name": "A", "level_before": 2, "level_after": 3,
        "provisional_before": False, "provisional_after": False, "change": "up",
        "gained": [{"question": q, "at_least": 2} for q in ("workflow_defined", "ownership",
                                                           "review_criteria")],
        "lost": [],
    }  # fmt: skip


def test_two_organizations_compare_but_the_cli_says_so(tmp_path):
    a = write(tmp_path / "a.json", Assessment(organization="Acme", use_cases=[case("x", L2)]))
    b = write(tmp_path / "b.json", Assessment(organization="Globex", use_cases=[case("x", L2)]))
    done = cli("compare", a, b)
    assert done.returncode == 0
    assert "two organizations: 'Acme' and 'Globex'" in done.stderr


def test_a_snapshot_from_a_newer_format_is_refused_naming_the_file_and_the_place(tmp_path):
    newer = tmp_path / "next-year.json"
    newer.write_text(json.dumps({"organization": "Acme", "format": 2, "use_cases": []}))
    ok = write(tmp_path / "ok.json", Assessment(organization="Acme", use_cases=[]))
    done = cli("compare", ok, str(newer))
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert str(newer) in line and "format" in line and "newer version" in line
