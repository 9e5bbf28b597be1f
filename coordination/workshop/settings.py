"""A workshop's set-up and the phases each use case goes through.

    waiting → voting → revealed → agreed
                 ↑_________|  ↑______|   (vote again; reopen an agreement)

Only a use case in `voting` takes answers; nobody sees anyone else's answers before `revealed`.
`MOVES` is the whole graph: the storage refuses any other step, and the console draws a button
for each move `buttons` offers, so neither keeps a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coordination.errors import InvalidInput

if TYPE_CHECKING:
    from coordination.method.questionnaire import Questionnaire
    from coordination.models import Assessment

Anonymity = Literal["off", "facilitator", "full"]
Phase = Literal["waiting", "voting", "revealed", "agreed"]
PHASES: tuple[Phase, ...] = ("waiting", "voting", "revealed", "agreed")
ANONYMITY_LABELS = {
    "off": "Off: names are shown next to answers",
    "facilitator": "Facilitator only: the facilitator sees names, the room does not",
    "full": "Full: nobody sees who answered what",
}
MIN_THRESHOLD = 3


class WorkshopSetup(BaseModel):
    model_config = ConfigDict(frozen=True)

    use_cases: Annotated[tuple[str, ...], Field(min_length=1)]
    anonymity: Anonymity = "facilitator"
    threshold: Annotated[int, Field(ge=MIN_THRESHOLD, le=100)] = 5
    slot_minutes: Annotated[int, Field(ge=1, le=240)] = 15

    @field_validator("use_cases")
    @classmethod
    def _distinct(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(value))


def checked_setup(**fields) -> WorkshopSetup:
    """The set-up, or InvalidInput naming the field in a sentence."""
    from pydantic import ValidationError

    try:
        return WorkshopSetup(**fields)
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "set-up"
        messages = {
            "use_cases": "Pick at least one use case for the workshop.",
            "threshold": f"The anonymity threshold must be at least {MIN_THRESHOLD}.",
            "slot_minutes": "The time slot must be between 1 and 240 minutes.",
        }
        raise InvalidInput(messages.get(field, f"{field}: {first['msg']}")) from e


def started_use_cases(assessment: Assessment, questionnaire: Questionnaire) -> set[str]:
    """The use cases someone answered, or a team agreed on, under this questionnaire. Answers
    to another's questions (kept after a switch) are no start here: the map calls such a use
    case untraced, so a workshop offers to trace it."""
    asked = set(questionnaire.question_ids)
    return {
        uc.id
        for uc in assessment.use_cases
        if not asked.isdisjoint(uc.agreed)
        or any(not asked.isdisjoint(r.answers) for r in uc.responses)
    }


def suggested_use_cases(inventory: list[str], started: set[str]) -> list[str]:
    """The use cases a new workshop starts with: those nobody has answered or agreed on yet,
    in the inventory's order (what a workshop is for), not simply the first few."""
    return [uc for uc in inventory if uc not in started]


@dataclass(frozen=True)
class Move:
    """One step a use case may take. `button` is the console's button for it; None where no
    button makes it (recording the team's answer is what moves a use case to `agreed`)."""

    to: Phase
    button: str | None = None


MOVES: dict[Phase, tuple[Move, ...]] = {
    "waiting": (Move("voting", "Open the vote"),),
    "voting": (Move("revealed", "Reveal now"),),
    "revealed": (Move("voting", "Vote again"), Move("agreed")),  # re-vote after a discussion
    "agreed": (Move("revealed"),),  # change the agreement
}


def next_phase(phase: Phase, wanted: Phase) -> Phase:
    """Refuse a step backwards or a skip the room cannot follow (revealing before voting)."""
    if wanted not in {m.to for m in MOVES[phase]}:
        raise InvalidInput(f"A use case that is {phase} cannot go to {wanted}.")
    return wanted


def buttons(phase: Phase, *, closed: bool) -> tuple[Move, ...]:
    """The moves the console offers as buttons from `phase`. A closed workshop takes no more
    answers, so it opens no vote; a vote still open when it closed can still be revealed."""
    return tuple(m for m in MOVES[phase] if m.button and not (closed and m.to == "voting"))


def revealed(phase: Phase) -> bool:
    """Whether the room's answers may be shown: after the reveal, agreed or not."""
    return phase in ("revealed", "agreed")


def shows_room(phase: Phase, *, presenter: bool, peek: bool = False) -> bool:
    """Whether a view draws the room's answers (distribution, level, disagreements). Not while
    people vote: a console watched while someone taps, or mirrored to the projector, would give
    the vote away. The facilitator may peek at a vote on purpose; the presenter never does."""
    return revealed(phase) or (phase == "voting" and peek and not presenter)


def takes_agreement(phase: Phase, *, closed: bool) -> bool:
    """Whether the team's answer can be recorded (or changed) now."""
    return revealed(phase) and not closed


def shows_names(anonymity: Anonymity, *, presenter: bool) -> bool:
    """Whether names may stand next to answers on this view."""
    return anonymity == "off" or (anonymity == "facilitator" and not presenter)
