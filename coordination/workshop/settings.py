"""A workshop's set-up and the phases each use case goes through.

    waiting → voting → revealed → agreed

Only a use case in `voting` takes answers; nobody sees anyone else's answers before `revealed`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coordination.errors import InvalidInput

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


def next_phase(phase: Phase, wanted: Phase) -> Phase:
    """Refuse a step backwards or a skip the room cannot follow (revealing before voting)."""
    allowed = {
        "waiting": {"voting"},
        "voting": {"revealed"},
        "revealed": {"agreed", "voting"},  # re-vote after a discussion
        "agreed": {"revealed"},  # change the agreement
    }
    if wanted not in allowed[phase]:
        raise InvalidInput(f"A use case that is {phase} cannot go to {wanted}.")
    return wanted


def shows_names(anonymity: Anonymity, *, presenter: bool) -> bool:
    """Whether names may stand next to answers on this view."""
    return anonymity == "off" or (anonymity == "facilitator" and not presenter)
