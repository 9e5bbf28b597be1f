"""Two moments of a workspace compared: which use cases moved up, down, stayed, arrived or
left, and which of the method's gate conditions they gained or lost on the way.

Use cases are matched by id. A level is None while nobody has answered (not traced). Moves
to or from a provisional level carry `provisional_before`/`provisional_after`, so no view
states them as firm; the change itself is the plain comparison of the two levels:

    up        traced (or started) now at a higher level, or untraced before and started now
    down      at a lower level now
    same      the same level, or untraced at both moments
    new       not in the earlier moment (or retired there), in use now
    retired   in use before, retired or gone now
    untraced  had answers before, none now
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from coordination.method.questionnaire import Questionnaire
from coordination.method.scoring import Scores, score
from coordination.models import Assessment

CHANGES = ("up", "down", "same", "new", "retired", "untraced")


@dataclass(frozen=True)
class Moment:
    """One side of a comparison: a label, when it was taken (None: now) and its scores."""

    label: str
    taken: str | None
    assessment: Assessment
    scores: Scores

    @classmethod
    def of(cls, assessment: Assessment, questionnaire: Questionnaire, fallback: str = "Now"):
        """A snapshot is named by its own label; anything else by `fallback`."""
        info = assessment.snapshot
        return cls(
            label=info.label if info else fallback,
            taken=info.taken if info else None,
            assessment=assessment,
            scores=score(assessment, questionnaire),
        )


@dataclass(frozen=True)
class CaseChange:
    id: str
    name: str
    level_before: int | None
    level_after: int | None
    provisional_before: bool
    provisional_after: bool
    change: str
    gained: tuple[tuple[str, int], ...]  # (question, at_least) holding now, not before
    lost: tuple[tuple[str, int], ...]

    @property
    def provisional(self) -> bool:
        """A move to or from a provisional level: shown as such, never as a firm move."""
        return self.provisional_before or self.provisional_after


@dataclass(frozen=True)
class Comparison:
    before: Moment
    after: Moment
    cases: tuple[CaseChange, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(CHANGES, 0)
        for case in self.cases:
            counts[case.change] += 1
        return counts

    @property
    def same_organization(self) -> bool:
        return self.before.assessment.organization == self.after.assessment.organization

    def case(self, use_case_id: str) -> CaseChange | None:
        return self._by_id.get(use_case_id)

    @cached_property
    def _by_id(self) -> dict[str, CaseChange]:
        return {c.id: c for c in self.cases}

    def as_json(self) -> dict:
        """The CLI's `compare` output (README: "File format and CLI")."""
        return {
            "before": {"label": self.before.label, "taken": self.before.taken},
            "after": {"label": self.after.label, "taken": self.after.taken},
            "use_cases": [
                {
                    "id": c.id,
                    "name": c.name,
                    "level_before": c.level_before,
                    "level_after": c.level_after,
                    "provisional_before": c.provisional_before,
                    "provisional_after": c.provisional_after,
                    "change": c.change,
                    "gained": [{"question": q, "at_least": n} for q, n in c.gained],
                    "lost": [{"question": q, "at_least": n} for q, n in c.lost],
                }
                for c in self.cases
            ],
            "summary": self.summary,
        }


def compare(before: Moment, after: Moment) -> Comparison:
    q = after.scores.questionnaire
    conditions = [(c.question, c.at_least) for g in q.gates for c in g.conditions]
    then = _Side(before)
    now = _Side(after)
    gone = [uc for uc in before.assessment.use_cases if uc.id not in now.index]
    cases = [  # in today's order, then those gone since; none retired at both moments
        _change(uc.id, uc.name, then, now, conditions)
        for uc in (*after.assessment.use_cases, *gone)
        if then.state(uc.id) is not None or now.state(uc.id) is not None
    ]
    return Comparison(before, after, tuple(cases))


class _Side:
    """One moment's use cases by id: level, provisional, retired, and gate conditions held."""

    def __init__(self, moment: Moment) -> None:
        s = moment.scores
        self.index = {uc.id: u for u, uc in enumerate(moment.assessment.use_cases)}
        self.retired = [uc.retired for uc in moment.assessment.use_cases]
        self.level = s.level.tolist()
        self.complete = s.complete.tolist()
        self.held = (
            np.concatenate(s.conditions, axis=1).tolist()
            if s.conditions
            else [[] for _ in self.level]
        )

    def state(self, use_case_id: str):
        u = self.index.get(use_case_id)
        if u is None or self.retired[u]:
            return None
        level = self.level[u] or None
        return level, level is not None and not self.complete[u], self.held[u]


def _change(uc_id: str, name: str, then: _Side, now: _Side, conditions) -> CaseChange:
    before, after = then.state(uc_id), now.state(uc_id)
    level_b, prov_b, held_b = before or (None, False, [False] * len(conditions))
    level_a, prov_a, held_a = after or (None, False, [False] * len(conditions))
    if before is None:
        change = "new"
    elif after is None:
        change = "retired"
    elif level_b is not None and level_a is None:
        change = "untraced"
    else:
        change = _direction(level_b or 0, level_a or 0)
    return CaseChange(
        id=uc_id,
        name=name,
        level_before=level_b,
        level_after=level_a,
        provisional_before=prov_b,
        provisional_after=prov_a,
        change=change,
        gained=tuple(c for c, b, a in zip(conditions, held_b, held_a, strict=True) if a and not b),
        lost=tuple(c for c, b, a in zip(conditions, held_b, held_a, strict=True) if b and not a),
    )


def _direction(before: int, after: int) -> str:
    return "up" if after > before else "down" if after < before else "same"
