"""Advice: turn a use case's gaps into next steps, and explain why it sits at its level.

Every text comes from the questionnaire, so a custom lens brings its own advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from coordination.questionnaire import Questionnaire


@lru_cache(maxsize=4096)
def _next_steps(q: Questionnaire, level, gate_level, missing, unknown, obstacles, risks):
    if level is None:
        return (q.advice.not_traced,)
    steps: list[str] = []
    if gate_level is not None:
        gate = q.gates[gate_level - 2]
        for c in gate.conditions:
            if c.question not in missing:
                continue
            if c.question in unknown:
                steps.append(q.advice.unknown.format(label=q.question(c.question).label))
            else:
                steps.append(c.step)
    steps += [o.step for o in q.obstacles if o.id in obstacles]
    steps += [g.risk_step for g in q.gates if g.level in risks]
    return tuple(dict.fromkeys(steps))  # the same advice twice reads as a mistake


def next_steps(q: Questionnaire, level, next_gate, unknown, obstacles, risk_levels) -> list[str]:
    """Concrete steps, most urgent first: the next gate's missing conditions, then obstacles,
    then risks. Cached: thousands of use cases share a few dozen combinations of gaps."""
    gate_level = next_gate.level if next_gate else None
    missing = tuple(next_gate.missing) if next_gate else ()
    return list(_next_steps(q, level, gate_level, missing, unknown, obstacles, risk_levels))


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


def explain(q: Questionnaire, answers: dict[str, int | None]) -> list[GateCheck]:
    """Each gate with each of its conditions, held or not, for the "why" on a result page."""
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
                    answer=answers.get(c.question),
                    held=answers.get(c.question) is not None and answers[c.question] >= c.at_least,
                )
                for c in g.conditions
            ),
        )
        for g in q.gates
    ]
