"""What the facilitator's console and the presenter view compute, kept out of the pages.

Who joined, how far each question is, whether everyone has answered, and the round's clock.
Names follow the workshop's anonymity mode: a person is "Participant 3" wherever names may not
be shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import msgspec

from coordination.method.questionnaire import Questionnaire
from coordination.models import Assessment, Response


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
    """A label per participant id: their display name where names may be shown."""
    out = {}
    for n, (pid, display) in enumerate(joined, 1):
        out[pid] = display if (names and display) else f"Participant {n}"
    return out


def answered_all(questionnaire: Questionnaire, response: Response | None) -> bool:
    return response is not None and all(q.id in response.answers for q in questionnaire.questions)


def everyone_done(
    questionnaire: Questionnaire, joined: list[tuple[int, str | None]], responses: dict
) -> bool:
    """Every person who joined has answered every question (don't know counts)."""
    return bool(joined) and all(
        answered_all(questionnaire, responses.get(pid)) for pid, _ in joined
    )


def finished(questionnaire: Questionnaire, joined, responses: dict) -> int:
    return sum(answered_all(questionnaire, responses.get(pid)) for pid, _ in joined)


def shown_names(respondents: list[str], hidden: set[str]) -> dict[str, str]:
    """Each respondent's label as shown: "Participant n" for those whose names are hidden."""
    out, n = {}, 0
    for name in respondents:
        if name in hidden:
            n += 1
            out[name] = f"Participant {n}"
        else:
            out[name] = name
    return out


def names_hidden(assessment: Assessment, hidden: Mapping[str, set[str]]) -> Assessment:
    """The assessment with every name an anonymous workshop hides (`hidden`, response labels
    by use case id) read "Participant n", numbered as the pages number them and never the same
    as another label of the use case: a file of it restores."""
    if not hidden:
        return assessment
    cases = []
    for uc in assessment.use_cases:
        gone = hidden.get(uc.id, set())
        if any(r.respondent in gone for r in uc.responses):
            taken = {r.respondent for r in uc.responses if r.respondent not in gone}
            uc = msgspec.structs.replace(uc, responses=_relabelled(uc.responses, gone, taken))
        cases.append(uc)
    return msgspec.structs.replace(assessment, use_cases=cases)


def _relabelled(responses: list[Response], gone: set[str], taken: set) -> list[Response]:
    out, n = [], 0
    for r in responses:
        if r.respondent in gone:
            n += 1
            while f"Participant {n}" in taken:
                n += 1
            r = msgspec.structs.replace(r, respondent=f"Participant {n}")
        out.append(r)
    return out
