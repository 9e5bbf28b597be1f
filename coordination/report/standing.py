"""Where one use case stands — its trace state, level, functions and risks — decided once.

The Result page, the map (its table and charts, through `views`) and the deck and PDF (through
`files.pack`) read these records and words; none works them out again. Before, each did: the
deck counted a trace in progress at its provisional level, left out the functions a use case
also involves and the functions with nothing traced yet, and only Result showed a risk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coordination.method.scoring import UseCaseResult
from coordination.models import UseCase

TRACED, IN_PROGRESS, NOT_TRACED = "traced", "in progress", "not traced"


def state(level: int | None, complete: bool) -> str:
    """Traced once every required question is answered; in progress once anyone answered
    (its level provisional till then); not traced before."""
    if not level:
        return NOT_TRACED
    return TRACED if complete else IN_PROGRESS


def trace_text(level: int | None, complete: bool, answered: int, required: int) -> str:
    """How far the trace is, as the map and the files say it: "traced", "3 of 8 answered"."""
    said = state(level, complete)
    return f"{answered} of {required} answered" if said == IN_PROGRESS else said


def functions_text(function: str | None, involved) -> str:
    """ "Sales (also Legal, Finance)": the function that owns it first, then the others."""
    others = [f for f in involved if f and f != function]
    if not others:
        return function or "—"
    also = f"also {', '.join(others)}"
    # "Also Legal", never "Also legal": str.capitalize would lower-case the functions' names
    return f"{function} ({also})" if function else "A" + also[1:]


def functions_of(function: str | None, involved) -> tuple[str, ...]:
    """Every function a use case is part of, as the map's Function filter matches them: the
    one that owns it ("—" when none does), then those it also involves. A reader filtering
    "Legal" expects each use case Legal is part of, not only those Legal owns."""
    return tuple(dict.fromkeys([function or "—", *(f for f in involved if f)]))


def function_choices(part_ofs: Iterable[tuple[str, ...]]) -> list[str]:
    """A Function filter's options (the map's, the plan's): every function these use cases
    are part of (`functions_of`), in alphabetical order."""
    return sorted({f for part_of in part_ofs for f in part_of})


@dataclass(frozen=True)
class Standing:
    id: str
    name: str
    state: str  # TRACED, IN_PROGRESS or NOT_TRACED
    trace: str  # "traced", "3 of 8 answered", "not traced"
    level: int | None  # provisional while in progress; None before anyone answered
    level_name: str | None
    function: str | None
    involved: tuple[str, ...]
    risks: tuple[tuple[int, str], ...]  # (the level whose conditions run ahead, its message)

    @property
    def provisional(self) -> bool:
        return self.state == IN_PROGRESS

    @property
    def functions(self) -> str:
        return functions_text(self.function, self.involved)

    @property
    def level_text(self) -> str:
        """ "2 · Tool standardization", or "—" before anyone answered."""
        return f"{self.level} · {self.level_name}" if self.level else "—"

    @property
    def risk_lines(self) -> list[str]:
        """Each risk in a sentence: "Level 4: Several functions already …"."""
        return [f"Level {level}: {message}" for level, message in self.risks]

    @property
    def risk_mark(self) -> str:
        return risk_mark([level for level, _ in self.risks])


def risk_mark(levels: list[int]) -> str:
    """Risks in a table cell: "at level 4", "at levels 4 and 5", or "" for none."""
    said = [str(level) for level in levels]
    if len(said) < 2:
        return f"at level {said[0]}" if said else ""
    return f"at levels {', '.join(said[:-1])} and {said[-1]}"


def standing(use_case: UseCase, result: UseCaseResult) -> Standing:
    return Standing(
        id=use_case.id,
        name=use_case.name,
        state=state(result.level, result.complete),
        trace=trace_text(result.level, result.complete, result.answered, result.required),
        level=result.level,
        level_name=result.level_name,
        function=use_case.function,
        involved=tuple(use_case.involved),
        risks=tuple((r.level, r.message) for r in result.risks),
    )
