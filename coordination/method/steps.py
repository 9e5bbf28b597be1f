"""A trace as a person walks it: one step per trace question, then one for the open
questions. Which step comes next, what each answer is called and which key chooses it, and
how far the person has got; the pages only draw this.
"""

from __future__ import annotations

from dataclasses import dataclass

from coordination.method.questionnaire import Question, Questionnaire


@dataclass(frozen=True)
class Choice:
    value: int | None  # None is "don't know"
    label: str  # "2 · One approved tool", or the questionnaire's "Don't know"
    key: str | None  # the keyboard shortcut: "0"–"3", the first letter of "don't know"


def last_step(q: Questionnaire) -> int:
    """The open questions' step, after every trace question."""
    return len(q.questions) + 1


def within(q: Questionnaire, step: int) -> int:
    """A step from a URL or a click, kept between the first and the last."""
    return min(max(step, 1), last_step(q))


def after_answer(q: Questionnaire, step: int, *, go_on: bool) -> int:
    """Where a saved answer leads: the next step when the person wants that, else here."""
    return step + 1 if go_on and step < last_step(q) else step


def choices(q: Questionnaire, question: Question, taken: frozenset[str]) -> list[Choice]:
    """The answers 0–3 and "don't know", each with its key. `taken` are keys the page keeps
    for itself: "don't know" then has no key of its own rather than stealing one."""
    dont_know = q.answer_label(question.id, None)
    given = [Choice(v, f"{v} · {text}", str(v)) for v, text in enumerate(question.answers)]
    return [*given, Choice(None, dont_know, _first_letter(dont_know, taken))]


def _first_letter(label: str, taken: frozenset[str]) -> str | None:
    first = next((c.upper() for c in label if c.isalnum()), None)
    return first if first and first.isalpha() and first not in taken else None


def step_names(q: Questionnaire, answers: dict) -> dict[int, str]:
    """Every step by number, an answered one ticked: "✓ 1", "2", …, "Open questions"."""
    names = {n: ("✓ " if x.id in answers else "") + str(n) for n, x in enumerate(q.questions, 1)}
    names[last_step(q)] = "Open questions"
    return names


def progress(q: Questionnaire, answers: dict) -> str:
    answered = sum(x.id in answers for x in q.questions)
    return f"{answered} of {len(q.questions)} questions answered"


def not_saved(q: Questionnaire, unsaved: dict, here: str | None) -> str | None:
    """What a page says of answers it could not write yet, or None when there are none."""
    if here in unsaved:
        return "This answer is kept on this page"
    if unsaved:
        labels = ", ".join(q.question(qid).label for qid in unsaved)
        return f"Your answer to {labels} is kept on this page"
    return None
