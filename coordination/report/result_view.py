"""One use case's result as its page says it: the use case's line, its level heading, who
answered, the steps in their order, what stands in the way, the why of its level and the
answers' tables. Plain text: the Result page puts it in markdown, each piece as a literal.

Where one use case stands (state, level, functions, risks) is `standing`'s, as the map and the
deck read it; this only words it for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coordination.method.advice import explain, why_line
from coordination.method.questionnaire import Questionnaire
from coordination.method.scoring import UseCaseResult
from coordination.models import UseCase
from coordination.names import slugify
from coordination.progress.since import Since
from coordination.report.standing import Standing
from coordination.respondents import anonymous_labels

TOP_LEVEL = "Keep the loop running: nothing is missing for the top level."
TALK_IT_THROUGH = "Talk it through: the disagreement is often the finding."


def names(use_cases: list[UseCase]) -> dict[str, str]:
    """The use case picker's names, by id: a retired one says so."""
    return {uc.id: uc.name + (" (retired)" if uc.retired else "") for uc in use_cases}


def context(use_case: UseCase, standing: Standing) -> str:
    """ "Function: Sales (also Legal) · tool: Copilot · objective: faster replies"."""
    said = [
        f"Function: {standing.functions}" if use_case.function or use_case.involved else "",
        f"tool: {use_case.tool}" if use_case.tool else "",
        f"objective: {use_case.objective}" if use_case.objective else "",
    ]
    return " · ".join(filter(None, said))


def heading(standing: Standing) -> str:
    """ "Level 2 · Tool standardization", and " · provisional" while the trace is unfinished."""
    return f"Level {standing.level_text}" + (" · provisional" if standing.provisional else "")


def since_line(since: Since, use_case_id: str) -> tuple[str, str] | None:
    """Where it was at the baseline ("Was level 1 · …", said first) and what made the
    difference ("" when nothing did); None when it was not there then."""
    if not (was := since.was(use_case_id)):
        return None
    difference = since.difference(since.of(use_case_id))
    return was[:1].upper() + was[1:], difference


def provisional(result: UseCaseResult) -> tuple[str, str]:
    """How far an unfinished trace is, said first, and what that means for its level."""
    return (
        f"Provisional: {result.answered} of {result.required} questions answered.",
        "The level can still change: unanswered questions count as not in place.",
    )


def respondents(q: Questionnaire, use_case: UseCase) -> str:
    """How its answers combine, for a use case the team did not agree on in a workshop."""
    n = len(use_case.responses)
    return q.advice.one_respondent if n == 1 else q.advice.combined.format(respondents=n)


@dataclass(frozen=True)
class Steps:
    first: str  # the next useful improvement, or TOP_LEVEL when nothing is missing
    then: list[str]  # the rest, in the stated order (advice.ORDER), numbered from 2

    @property
    def done(self) -> bool:
        return self.first == TOP_LEVEL


def steps(result: UseCaseResult) -> Steps:
    first, *rest = result.next_steps or [TOP_LEVEL]
    return Steps(first, rest)


def obstacles(q: Questionnaire, result: UseCaseResult) -> list[tuple[str, str]]:
    """The obstacles in the way, as (name, explanation), in the questionnaire's order."""
    return [(o.name, o.explanation) for o in q.obstacles if o.id in result.obstacles]


def disagreement(q: Questionnaire, result: UseCaseResult) -> str | None:
    """The questions respondents disagree on, in a sentence; None when they agree."""
    labels = [q.question(qid).label for qid in result.disagreements]
    return f"Respondents disagree on {', '.join(labels)}." if labels else None


@dataclass(frozen=True)
class Gate:
    """One level's gate on the "why this level": held or not, and each condition said."""

    held: bool
    title: str  # "Level 3 · Workflow integration"
    conditions: list[tuple[bool, str]]  # (in place, the condition as a person says it)


def why(q: Questionnaire, result: UseCaseResult) -> list[Gate]:
    return [
        Gate(
            gate.held,
            f"Level {gate.level} · {gate.name}",
            [(c.held, why_line(q, c, c.question in result.unknown)) for c in gate.conditions],
        )
        for gate in explain(q, result)
    ]


def answers_table(q: Questionnaire, use_case: UseCase, result: UseCaseResult) -> pd.DataFrame:
    """Respondent × question in words, then the combined (or agreed) row. Labels are the read
    side's (`Store.view`): unique within the use case, hidden names hidden."""
    labels = {x.id: x.label for x in q.questions}
    who = anonymous_labels(r.respondent for r in use_case.responses)
    rows = {
        label: {
            labels[x.id]: q.answer_label(x.id, r.answers.get(x.id))
            if x.id in r.answers
            else q.scale.unanswered
            for x in q.questions
        }
        for label, r in zip(who, use_case.responses, strict=True)
    }
    combined = "Agreed by the team" if use_case.agreed else "Combined"
    rows[combined] = {
        labels[qid]: q.answer_label(qid, v)
        if v is not None or qid in result.unknown
        else q.scale.unanswered
        for qid, v in result.answers.items()
    }
    return pd.DataFrame(rows).T


def notes_table(q: Questionnaire, use_case: UseCase) -> pd.DataFrame | None:
    """Every note with who wrote it and what it is about; None when there are none."""
    about = {x.id: x.label for x in (*q.questions, *q.open_questions)}
    who = anonymous_labels(r.respondent for r in use_case.responses)
    notes = [
        {"Respondent": label, "About": about.get(k, k), "Note": text}
        for label, r in zip(who, use_case.responses, strict=True)
        for k, text in r.notes.items()
    ]
    return pd.DataFrame(notes) if notes else None


def pdf_name(stem: str, use_case: UseCase) -> str:
    """The one-page result's file: "acme-call-summaries.pdf"."""
    return f"{stem}-{slugify(use_case.name)}.pdf"
