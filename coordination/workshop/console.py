"""What the facilitator's console and the presenter view compute, kept out of the pages.

Who joined, how far each question is, whether everyone has answered, the round's clock, and
which use case comes next.
Names follow the workshop's anonymity mode: a person is "Participant 3" wherever names may not
be shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from coordination.errors import InvalidInput
from coordination.method.questionnaire import Questionnaire
from coordination.models import Response
from coordination.respondents import participant_labels
from coordination.workshop.settings import revealed


@dataclass(frozen=True)
class Clock:
    minutes: int
    seconds: int
    over: bool  # past the round's time slot

    @property
    def text(self) -> str:
        return f"{self.minutes}:{self.seconds:02d}"


def clock(opened_at: datetime | None, slot_minutes: int, now: datetime | None = None) -> Clock:
    if opened_at is None:
        return Clock(0, 0, False)
    now = now or datetime.now(UTC)
    if opened_at.tzinfo is None:  # SQLite gives naive UTC times back
        opened_at = opened_at.replace(tzinfo=UTC)
    elapsed = max(0, int((now - opened_at).total_seconds()))
    return Clock(elapsed // 60, elapsed % 60, elapsed > slot_minutes * 60)


def labels(joined: list[tuple[int, str | None]], *, names: bool) -> dict[int, str]:
    """A label per participant id, in join order: their display name where names may be
    shown, else "Participant n" — the labels every page and file uses (`respondents`)."""
    return participant_labels(joined, names=names)


def answered_all(questionnaire: Questionnaire, response: Response | None) -> bool:
    return response is not None and all(q.id in response.answers for q in questionnaire.questions)


def on_show(rounds) -> str | None:
    """The use case the projector shows: the open vote, else the one revealed last (in the
    workshop's order); None before the first vote."""
    if voting := next((rd for rd in rounds if rd.phase == "voting"), None):
        return voting.use_case
    return next((rd.use_case for rd in reversed(rounds) if revealed(rd.phase)), None)


def everyone_done(
    questionnaire: Questionnaire, joined: list[tuple[int, str | None]], responses: dict
) -> bool:
    """Every person who joined has answered every question (don't know counts)."""
    return bool(joined) and all(
        answered_all(questionnaire, responses.get(pid)) for pid, _ in joined
    )


def finished(questionnaire: Questionnaire, joined, responses: dict) -> int:
    return sum(answered_all(questionnaire, responses.get(pid)) for pid, _ in joined)


def next_use_case(phases: list[tuple[str, str]], current: str) -> str | None:
    """The use case the facilitator moves on to from `current`: the first still waiting after
    it in the workshop's order, else the first waiting before it; None when none waits.
    `phases` is (use case, phase) in order."""
    order = [uc for uc, _ in phases]
    start = order.index(current) + 1 if current in order else 0
    waiting = [uc for uc, phase in phases[start:] + phases[:start] if phase == "waiting"]
    return waiting[0] if waiting else None


def moved_earlier(order: list[str], use_case: str) -> list[str]:
    """`order` with `use_case` one place earlier (the first stays first)."""
    if use_case not in order:
        raise InvalidInput("That use case is not part of this workshop.")
    n = order.index(use_case)
    if n == 0:
        return list(order)
    return [*order[: n - 1], use_case, order[n - 1], *order[n + 1 :]]
