"""What changed since a baseline, in the words and marks every view uses: the map's level
column, its headline, the "what changed" table, the Result page, the deck and the spreadsheet.

A move to or from a provisional level is never told as a firm move: its mark says
"provisional", and the headline counts it apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from coordination import wording
from coordination.method.questionnaire import Questionnaire
from coordination.progress import outcomes
from coordination.progress.compare import CaseChange, Comparison, Moment, compare

MARKS = {"up": "▲", "down": "▼", "same": "=", "new": "new", "retired": "retired",
         "untraced": "untraced"}  # fmt: skip
CHANGE_WORDS = {"up": "up", "down": "down", "same": "same", "new": "new", "retired": "retired",
                "untraced": "no answers now"}  # fmt: skip


@dataclass(frozen=True)
class Since:
    comparison: Comparison
    questionnaire: Questionnaire

    @classmethod
    def between(cls, before: Moment, after: Moment) -> Since:
        return cls(compare(before, after), after.scores.questionnaire)

    @property
    def label(self) -> str:
        return self.comparison.before.label

    @property
    def date(self) -> str | None:
        taken = self.comparison.before.taken
        return _day(taken) if taken else None

    def of(self, use_case_id: str) -> CaseChange | None:
        return self.comparison.case(use_case_id)

    def mark(self, use_case_id: str) -> str:
        """The level column's mark: "▲ from 2", "▼ from 3", "= 2", "new", "retired";
        "(provisional)" when either level was."""
        case = self.of(use_case_id)
        if case is None:
            return ""
        mark = MARKS[case.change]
        if case.change in ("up", "down"):
            mark += f" from {_level(case.level_before)}"
        elif case.change == "same":
            mark += f" {_level(case.level_after)}"
        return f"{mark} (provisional)" if case.provisional and case.change != "new" else mark

    def was(self, use_case_id: str) -> str | None:
        """ "was 2 on 6 Dec (Workshop 6 Dec)", or None when nothing moved."""
        case = self.of(use_case_id)
        if case is None or case.change in ("same", "new"):
            return None
        when = f" on {self.date}" if self.date else ""
        then = _level(case.level_before) if case.level_before else "not traced"
        provisional = ", provisional" if case.provisional_before else ""
        return f"was {then}{provisional}{when} ({self.label})"

    def only_faster(self, case: CaseChange) -> bool:
        """Moved up (firmly) while the outcome answers now say the work only got faster."""
        if case.change != "up" or case.provisional:
            return False
        return outcomes.only_faster(self.questionnaire, self._now[case.id])

    @cached_property
    def _now(self) -> dict:
        return {uc.id: uc for uc in self.comparison.after.assessment.use_cases}

    def needs(self, conditions) -> list[str]:
        """Gate conditions in the questionnaire's words ("a named owner", …)."""
        words = {(c.question, c.at_least): c.need for g in self.questionnaire.gates
                 for c in g.conditions}  # fmt: skip
        return [words[c] for c in conditions]

    def difference(self, case: CaseChange) -> str:
        """What made the difference, in the questionnaire's words for each condition."""
        parts = []
        if case.gained:
            parts.append("now has " + _listed(self.needs(case.gained)))
        if case.lost:
            parts.append("lost " + _listed(self.needs(case.lost)))
        return "; ".join(parts)

    def headline(self, ids: list[str] | None = None) -> str:
        """ "Since Workshop 6 Dec: three use cases moved up, one moved down (Blog post drafts,
        3 → 2); two are new. One more changed while its trace is unfinished." """
        cases = [c for c in self.comparison.cases if ids is None or c.id in ids]
        firm = [c for c in cases if not c.provisional or c.change in ("new", "retired")]
        up = [c for c in firm if c.change == "up"]
        down = [c for c in firm if c.change == "down"]
        moved = []
        if up:
            moved.append(f"{wording.counted(len(up), 'use case')} moved up")
        if down:
            named = ", ".join(f"{c.name}, {c.level_before} → {c.level_after}" for c in down[:3])
            moved.append(f"{wording.number(len(down))} moved down ({named})")
        text = f"Since {self.label}: " + (" and ".join(moved) if moved else "no level moved")
        for change, said in (("new", "new"), ("retired", "retired")):
            n = sum(c.change == change for c in cases)
            if n:
                text += f"; {wording.counted(n, 'use case')} {said}"
        text += "."
        faster = [c.name for c in up if self.only_faster(c)]
        if faster:
            text += (f" {_listed(faster)} moved up while the work only got faster, says the "
                     "outcome answer: improved, or only faster?")  # fmt: skip
        pending = [c for c in cases if c.provisional and c.change in ("up", "down", "untraced")]
        if pending:
            verb = "changes" if len(pending) == 1 else "change"
            text += (
                f" {wording.number(len(pending)).capitalize()} more {verb} while a trace is "
                "unfinished: provisional, not a firm move."
            )
        return text

    def frame(self, ids: list[str] | None = None) -> pd.DataFrame:
        """The "what changed" table: use case, then, now, change, what made the difference."""
        rows = [
            {
                "Use case": c.name,
                "Then": _cell(c.level_before, c.provisional_before),
                "Now": _cell(c.level_after, c.provisional_after),
                "Change": CHANGE_WORDS[c.change] + (" (provisional)" if c.provisional else ""),
                "What made the difference": self.difference(c),
                "Flag": outcomes.ONLY_FASTER if self.only_faster(c) else "",
            }
            for c in sorted(self.comparison.cases, key=_order)
            if ids is None or c.id in ids
        ]
        return pd.DataFrame(
            rows, columns=["Use case", "Then", "Now", "Change", "What made the difference", "Flag"]
        )


def _order(case: CaseChange) -> int:
    return ("down", "up", "new", "retired", "untraced", "same").index(case.change)


def _cell(level: int | None, provisional: bool) -> str:
    if level is None:
        return "not traced"
    return f"{level} (provisional)" if provisional else str(level)


def _level(level: int | None) -> str:
    return "not traced" if level is None else str(level)


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _day(taken: str) -> str:
    """ "6 Dec" from "2026-12-06T…"; the year too when it is not this one."""
    day = dt.date.fromisoformat(taken[:10])
    return (
        f"{day.day} {day:%b} {day.year}"
        if day.year != dt.date.today().year
        else f"{day.day} {day:%b}"
    )


@dataclass(frozen=True)
class Point:
    """A use case's level at one moment: None when it had no answers then."""

    label: str
    taken: str | None
    level: int | None
    provisional: bool


def history(moments: Sequence[Moment], use_case_id: str) -> list[Point]:
    """The use case's level at each moment it was in use (oldest first, as given)."""
    points = []
    for moment in moments:
        use_cases = moment.assessment.use_cases
        u = next((i for i, uc in enumerate(use_cases) if uc.id == use_case_id), None)
        if u is None or use_cases[u].retired:
            continue
        level = int(moment.scores.level[u]) or None
        provisional = level is not None and not bool(moment.scores.complete[u])
        points.append(Point(moment.label, moment.taken, level, provisional))
    return points


def history_line(points: Sequence[Point]) -> str:
    """ "Q1 workshop (1 Oct): 2 → Workshop 6 Dec (6 Dec): 3 → Now: 4 (provisional)"."""
    said = []
    for p in points:
        when = f" ({_day(p.taken)})" if p.taken else ""
        level = "not traced" if p.level is None else str(p.level)
        said.append(f"{p.label}{when}: {level}" + (" (provisional)" if p.provisional else ""))
    return " → ".join(said)
