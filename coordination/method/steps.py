"""A trace as a person walks it: one step per trace question, then one for the open
questions. Which step comes next, what each answer is called and which key chooses it, what
one step shows (`screen`: the question, the answer given, kept or saved, its note), and how far
the person has got; the pages only draw this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coordination.method.questionnaire import Question, Questionnaire
from coordination.models import Response

UNANSWERED = "unanswered"  # the current answer of a question nobody answered here yet


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


@dataclass(frozen=True)
class Screen:
    """One step as its page draws it."""

    step: int  # kept between the first and the last
    last: int  # the open questions' step
    question: Question | None  # None on the open questions' step
    current: int | None | str  # the answer shown as given ("don't know" is None), or UNANSWERED
    kept: bool  # that answer is kept on this page: not saved yet
    notes: dict[str, str] = field(default_factory=dict)  # as saved, by question id
    unsaved: str | None = None  # what the page says of answers it could not write yet
    names: dict[int, str] = field(default_factory=dict)  # every step's name, answered ticked
    progress: str = ""  # "3 of 8 questions answered"

    def chose(self, choice: Choice) -> bool:
        return choice.value == self.current

    def said(self, choice: Choice) -> str:
        """What an answer's button adds to its label: the chosen one says so in words, as a
        screen reader reads the label and not the colour; "not saved yet" while kept."""
        if not self.chose(choice):
            return ""
        return " — your answer" + (", not saved yet" if self.kept else "")

    @property
    def note(self) -> str:
        """This question's saved note ("" for none)."""
        return self.notes.get(self.question.id, "") if self.question else ""


def screen(q: Questionnaire, saved: Response | None, unsaved: dict, step: int) -> Screen:
    """What one step shows. An answer kept on the page (the database was down) is shown over
    the saved one: it is the last one the person gave, and the one that will be written."""
    step = within(q, step)
    answers = dict(saved.answers) if saved else {}
    question = q.questions[step - 1] if step <= len(q.questions) else None
    here = question.id if question else None
    return Screen(
        step=step,
        last=last_step(q),
        question=question,
        current=unsaved.get(here, answers.get(here, UNANSWERED)) if question else UNANSWERED,
        kept=here in unsaved,
        notes=dict(saved.notes) if saved else {},
        unsaved=not_saved(q, unsaved, here),
        names=step_names(q, answers),
        progress=progress(q, answers),
    )


def note_changed(typed: str | None, saved: str) -> bool:
    """Whether a note box holds something to write. After a reconnection Streamlit may report
    the box as it was (nothing typed): that is no change, and nothing is written or said."""
    return (typed or "").strip() != saved.strip()


def note_refused(why: str) -> str:
    return f"This note was not saved. {why}"
