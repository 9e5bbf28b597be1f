"""One use case's answers as the room sees them after the reveal.

Per question: how many answered, the distribution, the combined answer (the method's lower
middle, from `scoring`, never a second copy), how many gave the most common answer, and whether
the room disagrees (`agreement.disagrees`, the rule the Result page, deck and PDF use too).
Below the anonymity threshold nothing but "n answered" leaves this module: a small group's
distribution would tell who answered what.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from coordination.method.questionnaire import Questionnaire
from coordination.method.scoring import results, score
from coordination.models import Assessment, Response, UseCase


@dataclass(frozen=True)
class QuestionView:
    id: str
    label: str
    answered: int  # people who chose something, "don't know" included
    counts: dict[int | None, int] | None  # None when withheld; key None = "don't know"
    combined: int | None
    agree: int | None  # how many gave the most common known answer
    disagreement: bool


@dataclass(frozen=True)
class RoundView:
    respondents: int
    threshold: int
    withheld: bool
    level: int | None
    level_name: str | None
    questions: tuple[QuestionView, ...]

    @property
    def disagreements(self) -> list[QuestionView]:
        return [q for q in self.questions if q.disagreement]


def round_view(
    questionnaire: Questionnaire, responses: list[Response], threshold: int
) -> RoundView:
    """The team view of these responses; distributions withheld below `threshold` people."""
    answering = [r for r in responses if r.answers]
    withheld = len(answering) < threshold
    case = UseCase(id="round", name="round", responses=answering)
    result = results(score(_one(case), questionnaire), _one(case))[0]
    disagreements = set(result.disagreements)
    questions = tuple(
        _question(q.id, q.label, answering, result.answers[q.id], q.id in disagreements, withheld)
        for q in questionnaire.questions
    )
    return RoundView(
        respondents=len(answering),
        threshold=threshold,
        withheld=withheld,
        level=None if withheld else result.level,
        level_name=None if withheld else result.level_name,
        questions=questions,
    )


def _question(qid, label, responses, combined, disagreement, withheld) -> QuestionView:
    given = [r.answers[qid] for r in responses if qid in r.answers]
    known = [v for v in given if v is not None]
    if withheld:
        return QuestionView(qid, label, len(given), None, None, None, False)
    counts = Counter(given)
    return QuestionView(
        id=qid,
        label=label,
        answered=len(given),
        counts={v: counts.get(v, 0) for v in (0, 1, 2, 3, None)},
        combined=combined,
        agree=max(Counter(known).values()) if known else None,
        disagreement=disagreement,
    )


def _one(case: UseCase) -> Assessment:
    return Assessment(organization="workshop", use_cases=[case])


def progress(questionnaire: Questionnaire, responses: list[Response]) -> dict[str, int]:
    """How many people answered each question so far: safe to show at any time."""
    return {q.id: sum(q.id in r.answers for r in responses) for q in questionnaire.questions}


def agreement_start(view: RoundView, agreed: dict[str, int | None]) -> dict | None:
    """The team's form's starting answers: what the team agreed before, else the room's
    combined answers. None when the room's answers are withheld (below the threshold) and
    nothing was agreed: there is nothing to start from, and a form full of "don't know" would
    record that with one click, so the team chooses every answer itself."""
    if agreed:
        return {q.id: agreed.get(q.id, q.combined) for q in view.questions}
    if view.withheld:
        return None
    return {q.id: q.combined for q in view.questions}
