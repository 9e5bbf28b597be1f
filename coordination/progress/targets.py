"""A use case's target level: how far it is from it, in the words the map's table, the Result
page and the exports use, and which gates stand between (from the very booleans its level was
computed from, through `advice.explain`)."""

from __future__ import annotations

from coordination import wording
from coordination.method.advice import explain
from coordination.method.questionnaire import Questionnaire


def distance(level: int | None, target: int | None) -> str:
    """ "2 below target", "at target", "above target"; "" without a target."""
    if target is None:
        return ""
    if level is None:
        return "not traced"
    if level < target:
        return f"{wording.number(target - level)} below target"
    return "at target" if level == target else "above target"


def cell(level: int | None, target: int | None) -> str:
    """The map table's Target column: "4 · 2 below"."""
    if target is None:
        return ""
    return f"{target} · {distance(level, target).removesuffix(' target')}"


def standing_between(q: Questionnaire, result, target: int | None) -> list[tuple[int, list[str]]]:
    """Each gate from the next level up to the target, with what it still needs (its failing
    conditions' phrases); empty when the target is reached or unset."""
    if target is None or result.level is None or result.level >= target:
        return []
    return [
        (gate.level, [c.need for c in gate.conditions if not c.held])
        for gate in explain(q, result)
        if result.level < gate.level <= target
    ]


def gap_sentence(q: Questionnaire, result, target: int | None) -> str | None:
    """For the Result page: "Target level 4 · Cross-functional coordination, two levels up:
    level 3 needs written review criteria; level 4 needs a hand-off between functions." """
    if target is None:
        return None
    name = f"level {target} · {q.level_name(target)}"
    if result.level is None:
        return f"Target {name}: trace the use case to see how far it is."
    if result.level >= target:
        return f"Target {name}: reached" + (" and passed." if result.level > target else ".")
    steps = wording.counted(target - result.level, "level")
    needs = [f"level {lv} needs {', '.join(phrases) or 'the levels beneath it'}"
             for lv, phrases in standing_between(q, result, target)]  # fmt: skip
    return f"Target {name}, {steps} up: " + "; ".join(needs) + "."
