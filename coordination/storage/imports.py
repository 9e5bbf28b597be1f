"""Survey answers merged into a workspace in SQL: each use case matched by name (or added),
each named respondent's answers replacing what that respondent gave before, each anonymous row
added as a new "Anonymous n". Run inside one transaction by `Store.import_survey`.

Only named respondents are ever matched: a workshop participant's answers belong to them, and
no form row, whatever name it carries, reaches them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from coordination.method.questionnaire import Questionnaire
from coordination.models import Assessment
from coordination.names import name_key
from coordination.respondents import anonymous_labels
from coordination.storage import answers, use_cases
from coordination.storage import schema as t

u, r = t.use_cases.c, t.responses.c


@dataclass(frozen=True)
class Merged:
    added_use_cases: list[str]  # names
    new_responses: int
    replaced_responses: int  # people who had answered before: their answers are the file's now

    @property
    def sentence(self) -> str:
        from coordination.wording import counted

        return (
            f"Imported: {counted(self.new_responses, 'new person', 'new people')}, "
            f"{counted(self.replaced_responses, 'updated answer set')}, "
            f"{counted(len(self.added_use_cases), 'new use case')}."
        )


def merge(conn: Connection, ws_id: int, assessment: Assessment, q: Questionnaire) -> Merged:
    """`q`: the questionnaire the file was read with. A respondent's earlier answers to its
    questions are replaced; answers to questions it does not ask (given under another
    questionnaire) are left as they are, so switching back shows them again."""
    existing = {
        name_key(name): uc_id
        for uc_id, name in conn.execute(select(u.id, u.name).where(u.workspace_id == ws_id))
    }
    added, new, replaced = [], 0, 0
    for uc in assessment.use_cases:
        uc_id = existing.get(name_key(uc.name))
        if uc_id is None:
            key = use_cases.add(conn, ws_id, uc.name, {})
            uc_id = conn.scalar(select(u.id).where(u.workspace_id == ws_id, u.key == key))
            existing[name_key(uc.name)] = uc_id
            added.append(uc.name)
        named = conn.scalars(
            select(r.respondent).where(r.use_case_id == uc_id, r.respondent.is_not(None))
        ).all()
        taken = set(named)
        for response, label in zip(
            uc.responses, anonymous_labels((x.respondent for x in uc.responses), named), strict=True
        ):
            replaced += label in taken
            new += label not in taken
            taken.add(label)
            rid = answers.response_for_name(conn, uc_id, label)
            a, n = t.answers.c, t.notes.c
            conn.execute(
                delete(t.answers).where(a.response_id == rid, a.question.in_(q.question_ids))
            )
            conn.execute(delete(t.notes).where(n.response_id == rid, n.key.in_(q.note_keys)))
            for question, value in response.answers.items():
                answers.set_answer(conn, rid, question, value)
            for note_key, text in response.notes.items():
                answers.set_note(conn, rid, note_key, text)
    return Merged(added, new, replaced)
