"""The questionnaire: the method as data, loaded from TOML and validated with pydantic.

A questionnaire defines the levels, the trace questions (answered 0–3 or "don't know"), the gates
that decide a level, the obstacles, the open questions and the advice texts. Anything a custom
lens may change lives here, so the scoring code never names a question.
"""

from __future__ import annotations

import tomllib
from functools import cached_property
from pathlib import Path
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from coordination.errors import QuestionnaireError

ANSWER_VALUES = (0, 1, 2, 3)
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "questionnaire.toml"

Text = Annotated[str, Field(min_length=1)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
AnswerValue = Annotated[int, Field(ge=0, le=3)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Level(_Frozen):
    level: Annotated[int, Field(ge=1)]
    name: Text
    summary: Text


class Question(_Frozen):
    id: Id
    label: Text
    text: Text
    help: Text
    answers: Annotated[tuple[Text, ...], Field(min_length=4, max_length=4)]


class OpenQuestion(_Frozen):
    id: Id
    label: Text
    text: Text
    help: Text


class GateCondition(_Frozen):
    question: Id
    at_least: AnswerValue
    need: Text  # what is missing when it fails, as a phrase: "written review criteria"
    step: Text


class Gate(_Frozen):
    level: Annotated[int, Field(ge=2)]
    risk: Text
    risk_step: Text
    conditions: Annotated[tuple[GateCondition, ...], Field(min_length=1)]


class Condition(_Frozen):
    """`at_least`: known and ≥ n. `below`: unknown or < n. Exactly one of the two."""

    question: Id
    at_least: AnswerValue | None = None
    below: AnswerValue | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Self:
        if (self.at_least is None) == (self.below is None):
            raise ValueError("give exactly one of 'at_least' or 'below'")
        return self


class Obstacle(_Frozen):
    id: Id
    name: Text
    explanation: Text
    step: Text
    all: Annotated[tuple[Condition, ...], Field(min_length=1)]
    any: tuple[Condition, ...] = ()


class Advice(_Frozen):
    not_traced: Text
    unknown: Text


class Questionnaire(_Frozen):
    format: int = 1
    name: Text
    language: Text = "en"
    objectives: tuple[Text, ...] = ()
    advice: Advice
    levels: Annotated[tuple[Level, ...], Field(min_length=2)]
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
    gates: Annotated[tuple[Gate, ...], Field(min_length=1)]
    obstacles: tuple[Obstacle, ...] = ()
    open_questions: tuple[OpenQuestion, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_unique("questions", [q.id for q in self.questions])
        _check_unique("open_questions", [q.id for q in self.open_questions + self.questions])
        _check_unique("obstacles", [o.id for o in self.obstacles])
        if [lv.level for lv in self.levels] != list(range(1, len(self.levels) + 1)):
            raise ValueError("levels must be numbered 1, 2, 3, … in order")
        if [g.level for g in self.gates] != list(range(2, len(self.levels) + 1)):
            raise ValueError(
                f"gates must cover levels 2 to {len(self.levels)}, in order, once each"
            )
        known = set(self.question_ids)
        for where, question in self._referenced_questions():
            if question not in known:
                raise ValueError(f"{where} names unknown question '{question}'")
        return self

    def _referenced_questions(self):
        for g in self.gates:
            for c in g.conditions:
                yield f"gate for level {g.level}", c.question
        for o in self.obstacles:
            for c in o.all + o.any:
                yield f"obstacle '{o.id}'", c.question

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        # pydantic's own hash walks every text of the method on each call; advice is cached per
        # questionnaire, so that walk would run once per use case scored.
        return hash(tuple(getattr(self, name) for name in type(self).model_fields))

    @cached_property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    @cached_property
    def note_keys(self) -> frozenset[str]:
        """Notes may be kept per trace question (evidence) or per open question (answer)."""
        return frozenset(self.question_ids) | {q.id for q in self.open_questions}

    @property
    def max_level(self) -> int:
        return len(self.levels)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def level_name(self, level: int) -> str:
        return self.levels[level - 1].name

    def answer_label(self, question_id: str, value: int | None) -> str:
        return "Don't know" if value is None else self.question(question_id).answers[value]


def _check_unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"{what}: id '{i}' is used twice")
        seen.add(i)


def load_questionnaire(path: str | Path | None = None) -> Questionnaire:
    """Load and validate a questionnaire; errors name the file, the field and the problem."""
    path = Path(path) if path else DEFAULT_PATH
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuestionnaireError(f"{path}: no such questionnaire file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise QuestionnaireError(f"{path}: cannot be read ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise QuestionnaireError(f"{path}: not valid TOML ({e})") from None
    try:
        return Questionnaire.model_validate(raw)
    except ValidationError as e:
        raise QuestionnaireError(f"{path}: {_first_problem(e)}") from None


def _first_problem(error: ValidationError) -> str:
    first = error.errors()[0]
    location = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return f"{location.lstrip('.')}: {message}" if location else message
