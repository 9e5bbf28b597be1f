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
    """Worked out on whole columns (numpy), not use case by use case: a map with a baseline
    compares on every redraw, and Python lists of 10,000 rows cost more than the map itself."""
    q = after.scores.questionnaire
    conditions = [(c.question, c.at_least) for g in q.gates for c in g.conditions]
    then, now = _Side(before), _Side(after)
    listed_now = {uc.id for uc in after.assessment.use_cases}
    gone = [uc for uc in before.assessment.use_cases if uc.id not in listed_now]
    order = [*after.assessment.use_cases, *gone]  # today's order, then those gone since
    b, a = then.at([uc.id for uc in order]), now.at([uc.id for uc in order])
    in_b, in_a = b >= 0, a >= 0
    level_b = np.where(in_b, then.level[b], 0)
    level_a = np.where(in_a, now.level[a], 0)
    prov_b = in_b & (level_b > 0) & ~then.complete[b]
    prov_a = in_a & (level_a > 0) & ~now.complete[a]
    held_b = then.held[b] & in_b[:, None]
    held_a = now.held[a] & in_a[:, None]
    gained, lost = _pairs(held_a & ~held_b, conditions), _pairs(held_b & ~held_a, conditions)
    rows = zip(order, in_b.tolist(), in_a.tolist(), level_b.tolist(), level_a.tolist(),
               prov_b.tolist(), prov_a.tolist(), strict=True)  # fmt: skip
    cases = []
    for k, (uc, was, now_in, lb, la, pb, pa) in enumerate(rows):
        if not was and not now_in:
            continue  # retired at both moments
        cases.append(CaseChange(
            id=uc.id, name=uc.name, level_before=lb or None, level_after=la or None,
            provisional_before=pb, provisional_after=pa, change=_kind(was, now_in, lb, la),
            gained=gained.get(k, ()), lost=lost.get(k, ()),
        ))  # fmt: skip
    return Comparison(before, after, tuple(cases))


def _kind(was: bool, now_in: bool, level_b: int, level_a: int) -> str:
    if not was:
        return "new"
    if not now_in:
        return "retired"
    if level_b and not level_a:
        return "untraced"
    return _direction(level_b, level_a)


def _pairs(changed: np.ndarray, conditions) -> dict[int, tuple]:
    """Row → the conditions set in that row, for the few rows with any."""
    found: dict[int, list] = {}
    rows, columns = np.nonzero(changed)
    for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
        found.setdefault(row, []).append(conditions[column])
    return {row: tuple(cs) for row, cs in found.items()}


class _Side:
    """One moment's use cases as columns: level, complete, gate conditions held, and whether
    each is in use (not retired); `at` finds rows by id (-1: not in use then)."""

    def __init__(self, moment: Moment) -> None:
        s = moment.scores
        use_cases = moment.assessment.use_cases
        self.index = {uc.id: u for u, uc in enumerate(use_cases) if not uc.retired}
        self.level = np.append(s.level, 0)  # row -1: nothing
        self.complete = np.append(s.complete, False)
        n = len(use_cases)
        held = np.concatenate(s.conditions, axis=1) if s.conditions else np.zeros((n, 0), bool)
        self.held = np.vstack([held, np.zeros((1, held.shape[1]), bool)])

    def at(self, ids: list[str]) -> np.ndarray:
        return np.array([self.index.get(i, -1) for i in ids], dtype=np.int64)


def _direction(before: int, after: int) -> str:
    return "up" if after > before else "down" if after < before else "same"
