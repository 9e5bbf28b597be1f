"""The questionnaire: the method as data, loaded from TOML and validated with pydantic.

A questionnaire defines the levels, the trace questions (answered 0–3 or "don't know"), the gates
that decide a level, the obstacles, the open questions and the advice texts. Anything a custom
lens may change lives here, so the scoring code never names a question.
"""

from __future__ import annotations

import tomllib
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    field_validator,
    model_validator,
)

from coordination.errors import QuestionnaireError

ANSWER_VALUES = (0, 1, 2, 3)
FORMAT = 1  # the questionnaire format this app reads
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "questionnaire.toml"
# The questionnaires this app ships: the built-in one and the example lenses beside it.
SHIPPED = (DEFAULT_PATH, *sorted((DEFAULT_PATH.parent / "lenses").glob("*.toml")))


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be blank")
    return text


# Strict: TOML has real booleans and numbers, so `level = true` or `at_least = "2"` is a typo
# the author should hear about, not a value to coerce into 1 and 2.
Text = Annotated[str, Strict(), AfterValidator(_not_blank)]
Id = Annotated[str, Strict(), Field(pattern=r"^[a-z][a-z0-9_]*$")]
Number = Annotated[int, Strict()]
AnswerValue = Annotated[int, Strict(), Field(ge=0, le=3)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Level(_Frozen):
    level: Annotated[Number, Field(ge=1)]
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


class OutcomeAnswer(_Frozen):
    id: Id
    label: Text
    only_faster: bool = False  # this answer says the work became faster, not better


class Outcome(_Frozen):
    """What a use case changed in the work, asked beside the level (strategic learning):
    answered per use case, dated by the snapshot that carries it."""

    id: Id
    label: Text
    text: Text
    help: Text = "Answer for the use case as it works today."
    answers: Annotated[tuple[OutcomeAnswer, ...], Field(min_length=2)]

    def answer(self, answer_id: str) -> OutcomeAnswer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


class GateCondition(_Frozen):
    question: Id
    at_least: AnswerValue
    need: Text  # what is missing when it fails, as a phrase: "written review criteria"
    step: Text


class Gate(_Frozen):
    level: Annotated[Number, Field(ge=2)]
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
    """`{questions}` in a text becomes the number of trace questions, `{label}` a question's
    label and `{labels}` a list of them."""

    not_traced: Text
    unknown: Text
    unanswered: Text = "Finish the trace: answer {labels}. Until then the level is provisional."
    one_respondent: Text = (
        "From one person's answers. Ask others who do this work to answer too: where people "
        "disagree is often the finding."
    )
    combined: Text = (
        "Combined from {respondents} people's answers: each question takes the lower middle "
        "answer, so one optimist cannot lift the level."
    )


class Scale(_Frozen):
    """What the answer values are called where there is no room for a question's own wording
    (chart legends, spreadsheets)."""

    names: Annotated[tuple[Text, ...], Field(min_length=4, max_length=4)] = (
        "missing",
        "informal",
        "defined",
        "embedded",
    )
    dont_know: Text = "Don't know"
    unanswered: Text = "Not answered"


class Texts(_Frozen):
    """The app's and the exports' own sentences about the method, so a lens speaks its own
    words everywhere. `{questions}` becomes the number of trace questions ("eight plain
    questions")."""

    pitch: Text = (
        "Your AI tools already draft, summarize and score. Whether that output becomes better "
        "work depends on what surrounds it: a defined workflow, an owner, written review "
        "criteria, hand-offs between functions and feedback that comes back. Trace one AI use "
        "case at a time through {questions} and see where that layer is missing — and what to "
        "do next."
    )
    gaps: Text = "Where coordination is missing"  # the heatmap of answers: screen, deck, PDF
    deck_subtitle: Text = "Where our use of AI is stuck: the coordination map"


class Trace(_Frozen):
    """When a use case counts as traced. Before that its level is provisional."""

    required: tuple[Id, ...] | None = None  # None: every trace question
    milestone: Annotated[Number, Field(ge=2)] = 3


class Questionnaire(_Frozen):
    format: Number = FORMAT
    name: Text
    language: Text = "en"
    objectives: tuple[Text, ...] = ()
    advice: Advice
    scale: Scale = Scale()
    trace: Trace = Trace()
    texts: Texts = Texts()
    levels: Annotated[tuple[Level, ...], Field(min_length=2)]
    questions: Annotated[tuple[Question, ...], Field(min_length=1)]
    gates: Annotated[tuple[Gate, ...], Field(min_length=1)]
    obstacles: tuple[Obstacle, ...] = ()
    open_questions: tuple[OpenQuestion, ...] = ()
    outcomes: tuple[Outcome, ...] = ()

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: int) -> int:
        if value != FORMAT:
            raise ValueError(f"format {value} is not one this app reads (it reads format {FORMAT})")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_unique("questions", [q.id for q in self.questions])
        _check_unique("open_questions", [q.id for q in self.open_questions + self.questions])
        _check_unique("obstacles", [o.id for o in self.obstacles])
        _check_unique("outcomes", [o.id for o in self.outcomes])
        for o in self.outcomes:
            _check_unique(f"outcome '{o.id}' answers", [a.id for a in o.answers])
        if [lv.level for lv in self.levels] != list(range(1, len(self.levels) + 1)):
            raise ValueError("levels must be numbered 1, 2, 3, … in order")
        if [g.level for g in self.gates] != list(range(2, len(self.levels) + 1)):
            raise ValueError(
                f"gates must cover levels 2 to {len(self.levels)}, in order, once each"
            )
        if self.trace.milestone > len(self.levels):
            raise ValueError(f"trace.milestone {self.trace.milestone} is above the top level")
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
        for question in self.trace.required or ():
            yield "trace.required", question

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

    @cached_property
    def gate_questions(self) -> tuple[tuple[str, ...], ...]:
        """Per gate, the question of each condition, in order."""
        return tuple(tuple(c.question for c in g.conditions) for g in self.gates)

    @cached_property
    def required_ids(self) -> tuple[str, ...]:
        """The questions a trace must answer ("don't know" counts) before its level is final."""
        return self.trace.required or self.question_ids

    @property
    def max_level(self) -> int:
        return len(self.levels)

    @property
    def milestone(self) -> int:
        """The level the map counts use cases against: below it, AI output has no defined
        place in the work."""
        return self.trace.milestone

    def outcome(self, outcome_id: str) -> Outcome | None:
        return next((o for o in self.outcomes if o.id == outcome_id), None)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def level_name(self, level: int) -> str:
        return self.levels[level - 1].name

    def answer_label(self, question_id: str, value: int | None) -> str:
        if value is None:
            return self.scale.dont_know
        return self.question(question_id).answers[value]

    def scale_name(self, value: int) -> str:
        """`2 · defined`: an answer value by the scale's name, for legends."""
        return f"{value} · {self.scale.names[value]}"

    def labels(self, question_ids) -> str:
        """Question labels as a list a sentence can carry: "Owner, Hand-off and Feedback loop"."""
        names = [self.question(q).label for q in question_ids]
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + " and " + names[-1]


def _check_unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"{what}: id '{i}' is used twice")
        seen.add(i)


@lru_cache(maxsize=1)
def shipped() -> tuple[Questionnaire, ...]:
    """The questionnaires this app ships, loaded once. A file or backup answered under one of
    them is read under another with those answers kept as they are (`report/other_lens.py`
    says so); a question id none of them asks is a mistake in the file."""
    return tuple(load_questionnaire(path) for path in SHIPPED)


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
