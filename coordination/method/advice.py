"""Advice: turn a use case's gaps into next steps, and explain why it sits at its level.

Every text comes from the questionnaire, so a custom lens brings its own advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import msgspec

from coordination import wording
from coordination.method.questionnaire import Questionnaire
from coordination.models import Condition


@dataclass(frozen=True)
class Gaps:
    """What a use case lacks, as `scoring` found it: the input of `next_steps`."""

    level: int | None
    gate_level: int | None  # the next gate, None at the top level or before any answer
    missing: tuple[str, ...]  # questions whose condition fails at the next gate
    unknown: tuple[str, ...]  # answered, but only "don't know"
    unanswered: tuple[str, ...]  # required, and nobody has answered them yet
    obstacles: tuple[str, ...]
    risks: tuple[tuple[int, tuple[str, ...]], ...]  # gate level, questions failing beneath it


ORDER = (
    "First the next useful improvement; then the rest of what the next level needs, the "
    "obstacles in the way and the risks of running ahead, in that order."
)


class Step(msgspec.Struct, frozen=True):
    """A next step and what it fixes: each condition a question's combined answer must meet.
    The conditions are the step's identity (a plan item keeps them, not the wording, which a
    lens may change); a step with none (the "trace it" advice) can only be marked done."""

    text: str
    conditions: tuple[Condition, ...] = ()


def next_steps(q: Questionnaire, gaps: Gaps) -> list[str]:
    return [s.text for s in steps(q, gaps)]


@lru_cache(maxsize=4096)
def steps(q: Questionnaire, gaps: Gaps) -> tuple[Step, ...]:
    """The steps in a stated order (ORDER): an unfinished trace first, then the next gate's
    missing conditions in the questionnaire's order, then obstacles, then risks. A step is
    left out when earlier steps already cover every question it would fix: the ownership
    condition, the "unclear ownership" obstacle and a risk above it all say "name an owner".

    Cached: thousands of use cases share a few dozen combinations of gaps."""
    if gaps.level is None:
        text = q.advice.not_traced.format(questions=wording.number(len(q.required_ids)))
        return (Step(text, tuple(Condition(question=r, at_least=0) for r in q.required_ids)),)
    found = _Steps()
    if gaps.unanswered:
        text = q.advice.unanswered.format(labels=q.labels(gaps.unanswered))
        found.add(text, {u: 0 for u in gaps.unanswered})  # answered, 0–3
    if gaps.gate_level is not None:
        for c in q.gates[gaps.gate_level - 2].conditions:
            if c.question not in gaps.missing:
                continue
            if c.question in gaps.unknown:
                label = q.question(c.question).label
                found.add(q.advice.unknown.format(label=label), {c.question: c.at_least})
            else:
                found.add(c.step, {c.question: c.at_least})
    for o in q.obstacles:
        if o.id in gaps.obstacles:
            found.add(o.step, _fixes(o), covers=[c.question for c in o.all])
    for level, beneath in gaps.risks:
        found.add(q.gates[level - 2].risk_step, _needed(q, level, beneath))
    return tuple(found.steps)


class _Steps:
    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.covered: set[str] = set()

    def add(self, text: str, needs: dict[str, int], covers=()) -> None:
        """`covers`: the questions the step is about when it raises none (an obstacle's)."""
        about = set(needs) or set(covers)
        if any(s.text == text for s in self.steps) or (about and about <= self.covered):
            return
        conditions = tuple(Condition(question=k, at_least=v) for k, v in needs.items())
        self.steps.append(Step(text, conditions))
        self.covered.update(about)


def _fixes(obstacle) -> dict[str, int]:
    """What an obstacle's advice improves: the answers too low for it (`below` n), raised to n.
    An obstacle made only of answers that are high enough (an owner and wide reach, say) has
    nothing to raise: its step is judged by its status alone."""
    return {c.question: c.below for c in obstacle.all + obstacle.any if c.below is not None}


def _needed(q: Questionnaire, level: int, questions) -> dict[str, int]:
    """What the gates beneath a risk's level ask of these questions (the highest bar)."""
    needs: dict[str, int] = {}
    for gate in q.gates[: level - 2]:
        for c in gate.conditions:
            if c.question in questions:
                needs[c.question] = max(needs.get(c.question, 0), c.at_least)
    return needs


@dataclass(frozen=True)
class ConditionCheck:
    question: str
    label: str
    need: str
    at_least: int
    answer: int | None
    held: bool


@dataclass(frozen=True)
class GateCheck:
    level: int
    name: str
    conditions: tuple[ConditionCheck, ...]

    @property
    def held(self) -> bool:
        return all(c.held for c in self.conditions)


def explain(q: Questionnaire, result) -> list[GateCheck]:
    """Each gate with each of its conditions, held or not, for the "why" on a result page.

    Whether a condition holds comes from the scores (`result.held`), the very booleans the
    level was computed from: a second copy of the rule here could drift from scoring."""
    return [
        GateCheck(
            level=g.level,
            name=q.level_name(g.level),
            conditions=tuple(
                ConditionCheck(
                    question=c.question,
                    label=q.question(c.question).label,
                    need=c.need,
                    at_least=c.at_least,
                    answer=result.answers.get(c.question),
                    held=held,
                )
                for c, held in zip(g.conditions, result.held[k], strict=True)
            ),
        )
        for k, g in enumerate(q.gates)
    ]


def why_line(q: Questionnaire, check: ConditionCheck, unknown: bool) -> str:
    """A condition as a person would say it: "written workflow steps — the answer was “An
    informal habit”; it needs “Written steps” or better", not "Defined workflow is 1, needs 2
    or more"."""
    needed = q.question(check.question).answers[check.at_least]
    if check.answer is not None:
        said = f"the answer was “{q.answer_label(check.question, check.answer)}”"
    elif unknown:
        said = "nobody who answered could say"
    else:
        said = "not answered yet"
    if check.held:
        return f"{check.need} ({check.label}: “{q.answer_label(check.question, check.answer)}”)"
    return f"{check.need} — {said}; it needs “{needed}” or better"
