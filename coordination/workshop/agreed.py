"""A use case the team agreed on in a workshop, beside what the room's own answers gave: the
agreed level and the combined one, and per question the agreed answer, the room's combined
answer and the team's one-line why. Result, the deck, the PDF and the spreadsheet say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec
import pandas as pd

from coordination import wording
from coordination.method.questionnaire import Questionnaire
from coordination.method.scoring import UseCaseResult, results, score
from coordination.models import Assessment, UseCase


@dataclass(frozen=True)
class AgreedRow:
    question: str  # its label
    agreed: str  # the agreed answer in words
    room: str  # the room's combined answer in words
    why: str  # the team's rationale, "" when none was written


@dataclass(frozen=True)
class Agreement:
    agreed_level: int | None
    room_level: int | None  # None: nobody's individual answers are shown (or none given)
    people: int  # individual answers kept for comparison
    rows: list[AgreedRow]
    room_disagreements: list[str] = ()  # question ids the room's own answers disagree on

    def sentence(self, q: Questionnaire) -> str:
        """ "Agreed in a workshop: level 3. The room's own answers (12 people) gave level 2:
        the team settled higher." """
        agreed = _level(q, self.agreed_level)
        text = f"Agreed in a workshop: {agreed}."
        if self.room_level is None or not self.people:
            return text
        room = _level(q, self.room_level)
        people = wording.counted(self.people, "person", "people")
        text += f" The room's own answers ({people}) gave {room}"
        why = ("the reasons are below" if any(r.why for r in self.rows)
               else "no reason was written down")  # fmt: skip
        if (self.agreed_level or 0) > self.room_level:
            return text + f": the team settled higher; {why}."
        if (self.agreed_level or 0) < self.room_level:
            return text + f": the team settled lower; {why}."
        return text + ", the same."


def agreement(q: Questionnaire, use_case: UseCase, agreed: UseCaseResult) -> Agreement | None:
    """For a use case with agreed answers; None otherwise. `agreed` is its scored result."""
    if not use_case.agreed:
        return None
    room = _room(q, use_case)
    rows = [
        AgreedRow(
            question=x.label,
            agreed=q.answer_label(x.id, use_case.agreed.get(x.id)) if x.id in use_case.agreed
            else q.scale.unanswered,
            room=_said(q, room, x.id) if room else "",
            why=use_case.agreed_notes.get(x.id, ""),
        )
        for x in q.questions
    ]  # fmt: skip
    return Agreement(agreed.level, room.level if room else None, len(use_case.responses), rows,
                     room.disagreements if room else [])  # fmt: skip


def _room(q: Questionnaire, use_case: UseCase) -> UseCaseResult | None:
    """The use case scored on its individual answers alone, as if nothing was agreed."""
    if not use_case.responses:
        return None
    alone = msgspec.structs.replace(use_case, agreed={}, agreed_notes={})
    assessment = Assessment(organization="room", use_cases=[alone])
    return results(score(assessment, q), assessment)[0]


def _said(q: Questionnaire, result: UseCaseResult, question: str) -> str:
    if result.answers.get(question) is None and question not in result.unknown:
        return q.scale.unanswered
    return q.answer_label(question, result.answers.get(question))


def _level(q: Questionnaire, level: int | None) -> str:
    return "not traced" if level is None else f"level {level} · {q.level_name(level)}"


def agreed_frame(agreement: Agreement):
    """The agreement as a table: question, agreed, the room's combined answer, why."""
    return pd.DataFrame(
        [[r.question, r.agreed, r.room, r.why] for r in agreement.rows],
        columns=["Question", "Agreed", "The room's combined answer", "Why"],
    )
