"""Answers given while the database could not be reached, kept in the order they were given
until it is back.

A page holds the queue in its browser session and draws it; these functions decide what is
kept, which answer replaces which, what is still waiting, and save the queue in order. The
queue lives only as long as the session: a reload starts a new one, so a page says that
reloading during an outage loses what is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coordination.errors import CoordinationError, Unavailable


@dataclass(frozen=True)
class Kept:
    place: str  # whose answers to which use case: the page's own name for that
    question: str
    value: int | None  # None is "don't know"
    label: str  # how a person reads it: "Reach: 2 · One approved tool"


Queue = tuple[Kept, ...]


@dataclass(frozen=True)
class Saved:
    """What one pass over the queue did: saved in order, refused for good, still waiting."""

    saved: Queue = ()
    refused: tuple[tuple[Kept, str], ...] = ()  # with the sentence saying why
    left: Queue = ()


def keep(queue: Queue, answer: Kept) -> Queue:
    """The queue with `answer` last. A later answer to the same question replaces the kept
    one: only the last answer a person gave may reach the database."""
    return (*_without(queue, answer.place, answer.question), answer)


def pending(queue: Queue, place: str) -> dict[str, int | None]:
    """The answers still waiting for one place, by question."""
    return {k.question: k.value for k in queue if k.place == place}


def forget(queue: Queue, place: str, question: str) -> Queue:
    """The queue without what is kept for this question (an answer saved directly)."""
    return _without(queue, place, question)


def save_in_order(queue: Queue, write: Callable[[Kept], None]) -> Saved:
    """Write the kept answers first to last; stop at the first one the database cannot take
    yet, so a later answer never lands before an earlier one. An answer refused for a reason
    that waiting will not change (the workshop closed meanwhile) is dropped with its reason."""
    saved: list[Kept] = []
    refused: list[tuple[Kept, str]] = []
    for n, answer in enumerate(queue):
        try:
            write(answer)
        except Unavailable:
            return Saved(tuple(saved), tuple(refused), queue[n:])
        except CoordinationError as e:
            refused.append((answer, str(e)))
        else:
            saved.append(answer)
    return Saved(tuple(saved), tuple(refused), ())


def refusal_of(answer: Kept, done: Saved) -> str | None:
    """Why this answer was refused for good in a pass, or None: the other refusals belong to
    answers given earlier, said where those were given."""
    return next((why for k, why in done.refused if k == answer), None)


def waiting(queue: Queue) -> str | None:
    """What a page says of the whole queue, or None when nothing is waiting."""
    if not queue:
        return None
    labels = "; ".join(k.label for k in queue)
    which = "Your answer" if len(queue) == 1 else f"Your {len(queue)} answers"
    verb = "is" if len(queue) == 1 else "are"
    return (
        f"Not saved yet: {which} ({labels}) {verb} kept on this page and saved as soon as the "
        "database is back. Keep this page open: reloading it now would lose what is kept."
    )


def saved(answers: Queue) -> str:
    """What a page says once kept answers reached the database."""
    if len(answers) == 1:
        return f"The database is back: your answer ({answers[0].label}) is saved now."
    labels = "; ".join(k.label for k in answers)
    return f"The database is back: your {len(answers)} waiting answers ({labels}) are saved now."


def _without(queue: Queue, place: str, question: str) -> Queue:
    return tuple(k for k in queue if (k.place, k.question) != (place, question))
