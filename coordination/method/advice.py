"""Advice: turn a use case's gaps into next steps, and explain why it sits at its level.

Every text comes from the questionnaire, so a custom lens brings its own advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from coordination import wording
from coordination.method.questionnaire import Questionnaire


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


@lru_cache(maxsize=4096)
def next_steps(q: Questionnaire, gaps: Gaps) -> list[str]:
    """The steps in a stated order (ORDER): an unfinished trace first, then the next gate's
    missing conditions in the questionnaire's order, then obstacles, then risks. A step is
    left out when earlier steps already cover every question it would fix: the ownership
    condition, the "unclear ownership" obstacle and a risk above it all say "name an owner".

    Cached: thousands of use cases share a few dozen combinations of gaps."""
    if gaps.level is None:
        return [q.advice.not_traced.format(questions=wording.number(len(q.required_ids)))]
    steps = _Steps()
    if gaps.unanswered:
        steps.add(q.advice.unanswered.format(labels=q.labels(gaps.unanswered)), gaps.unanswered)
    if gaps.gate_level is not None:
        for c in q.gates[gaps.gate_level - 2].conditions:
            if c.question not in gaps.missing:
                continue
            if c.question in gaps.unknown:
                label = q.question(c.question).label
                steps.add(q.advice.unknown.format(label=label), (c.question,))
            else:
                steps.add(c.step, (c.question,))
    for o in q.obstacles:
        if o.id in gaps.obstacles:
            steps.add(o.step, _fixes(o))
    for level, beneath in gaps.risks:
        steps.add(q.gates[level - 2].risk_step, beneath)
    return steps.texts


class _Steps:
    def __init__(self) -> None:
        self.texts: list[str] = []
        self.covered: set[str] = set()

    def add(self, text: str, questions) -> None:
        if text in self.texts or (questions and set(questions) <= self.covered):
            return
        self.texts.append(text)
        self.covered.update(questions)


def _fixes(obstacle) -> tuple[str, ...]:
    """The questions an obstacle's advice improves: those whose answer is too low for it
    (`below`); the others only say where the obstacle shows."""
    low = tuple(c.question for c in obstacle.all + obstacle.any if c.below is not None)
    return low or tuple(c.question for c in obstacle.all)


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
