"""Did it improve the work, or only make it faster? A use case's outcome answers (the lens's
`[[outcomes]]`) in words, and the one flag they raise: a level that moved up while the owner
says the work only got faster."""

from __future__ import annotations

from coordination.method.questionnaire import Questionnaire
from coordination.models import UseCase


def said(q: Questionnaire, use_case: UseCase) -> list[tuple[str, str]]:
    """(outcome label, answer label) for each outcome answered, in the lens's order."""
    out = []
    for outcome in q.outcomes:
        answer = outcome.answer(use_case.outcomes.get(outcome.id, ""))
        if answer is not None:
            out.append((outcome.label, answer.label))
    return out


def only_faster(q: Questionnaire, use_case: UseCase) -> bool:
    """An answer the lens marks `only_faster` is given."""
    for outcome in q.outcomes:
        answer = outcome.answer(use_case.outcomes.get(outcome.id, ""))
        if answer is not None and answer.only_faster:
            return True
    return False


ONLY_FASTER = "moved up, but the work only got faster"
