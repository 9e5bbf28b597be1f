"""Survey answers in: the rows of a Google Forms or Microsoft Forms export become an assessment.

Which column holds what is the mapping's (survey_mapping.py); here every row is read through
it and checked. Cells are matched to answer labels trimmed and case-insensitively, or through
the mapping's value mapping ("Partly" → 1); a bare number without one is refused, since a 1–4
scale read as 0–3 would shift every answer. "Don't know" is an answer with no value, and an
empty cell no answer at all. A row without a respondent goes by the form's row id (row_ids.py),
so importing a later export of the same form updates that row instead of adding it again; a
person who submitted twice for one use case keeps the later submission.
"""

from __future__ import annotations

from dataclasses import dataclass

from coordination import names
from coordination.errors import ImportProblem, InvalidInput
from coordination.files.row_ids import RowIds
from coordination.files.survey_mapping import ANONYMOUS, DONT_KNOW, NUMBER, Mapping, normalized
from coordination.files.tables import Table
from coordination.method.questionnaire import Questionnaire
from coordination.models import Assessment, Response, UseCase

# ── rows to responses ──────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the spreadsheet numbers it (the header is row 1)
    column: str
    value: str
    problem: str

    def __str__(self) -> str:
        # A cell may hold 10,000 characters, a header too: the sentence quotes their start.
        column, value = _shortened(self.column, 80), _shortened(self.value, 60)
        where = f"row {self.row}, column {column!r}" if column else f"row {self.row}"
        value = f": {value!r}" if value else ""
        return f"{where}{value}: {self.problem}"


@dataclass(frozen=True)
class Imported:
    assessment: Assessment
    rows: int  # rows read, skipped ones included
    skipped: list[RowProblem]
    replaced: int = 0  # later submissions of the same person that replaced an earlier one

    @property
    def replaced_sentence(self) -> str | None:
        if not self.replaced:
            return None
        n = self.replaced
        return (f"{n} later submission{'s' if n != 1 else ''} of the same person for the same "
                f"use case replaced the earlier one{'s' if n != 1 else ''}.")  # fmt: skip

    @property
    def responses(self) -> int:
        return sum(len(uc.responses) for uc in self.assessment.use_cases)

    def preview(self, existing: set[str], most: int) -> dict[str, list]:
        """The first `most` use cases as the page shows them before importing: name, answers,
        and whether the workspace has it already (`existing`: name keys)."""
        cases = self.assessment.use_cases[:most]
        return {
            "Use case": [uc.name for uc in cases],
            "Answers": [len(uc.responses) for uc in cases],
            "In this workspace": [
                "already there" if names.name_key(uc.name) in existing else "new" for uc in cases
            ],
        }


def reimport_sentence(mapping: Mapping) -> str:
    """What importing a later export of the same form will do, with this mapping."""
    if mapping.row_id is not None:
        return (
            "A person, or a form row, imported before gets the form's answers instead: importing "
            "a later export of the same form adds only its new rows."
        )
    return (
        "A person who answered a use case before gets the form's answers instead. Without a "
        "row id, rows without a name are added as new anonymous people: importing the same "
        "export twice would count them twice."
    )


def import_rows(
    table: Table,
    mapping: Mapping,
    q: Questionnaire,
    *,
    organization: str,
    use_case: str | None = None,
    skip_invalid: bool = False,
) -> Imported:
    """Every row validated; the first bad one raises ImportProblem naming its row, column and
    value, unless `skip_invalid`, which leaves bad rows out and lists them."""
    if use_case is None and mapping.use_case is None:
        raise ImportProblem(
            f"{table.source}: no column headed 'Use case'; name the use case for every row "
            "(--use-case NAME) or the column that holds it (a mapping)"
        )
    if not mapping.questions:
        raise ImportProblem(
            f"{table.source}: no column matches a question of the questionnaire; give a mapping"
        )
    reader = _RowReader(table, mapping, q, use_case)
    # (use case, respondent) → the response: a person who submitted twice counts once, as
    # their later submission (the form's own rule); anonymous rows are each their own person.
    cases: dict[str, dict[object, Response]] = {}
    skipped: list[RowProblem] = []
    replaced = 0
    for n, row in enumerate(table.rows, table.first_row):
        if not any(cell.strip() for cell in row):
            continue
        try:
            name, response = reader.read(n, row)
        except _Invalid as e:
            if not skip_invalid:
                raise ImportProblem(f"{table.source}: {e.problem}") from None
            skipped.append(e.problem)
            continue
        kept = cases.setdefault(name, {})
        who = names.name_key(response.respondent) if response.respondent else n
        replaced += who in kept
        kept.pop(who, None)  # the later one goes where a later one belongs: last
        kept[who] = response
    if not cases:
        why = ""
        if skipped:  # every row was left out: say why, or the reasons are lost with them
            first = "; ".join(str(p) for p in skipped[:3])
            more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
            why = f": every row has a problem, e.g. {first}{more}"
        raise ImportProblem(f"{table.source}: no row with answers to import{why}")
    found = {name: list(people.values()) for name, people in cases.items()}
    return Imported(_assessment(organization, found), len(table.rows), skipped, replaced)


class _Invalid(Exception):
    def __init__(self, problem: RowProblem) -> None:
        self.problem = problem


def _problem(row: int, column: str, value: str, problem: str) -> _Invalid:
    return _Invalid(RowProblem(row, column, value, problem))


class _RowReader:
    def __init__(self, table: Table, mapping: Mapping, q: Questionnaire, use_case: str | None):
        self.headers = table.headers
        self.mapping = mapping
        self.use_case = use_case
        dont_know = DONT_KNOW | {normalized(q.scale.dont_know)}
        # Only the questionnaire's labels, or what the mapping says a form's answer means:
        # a bare number is not an answer (a 1–4 scale read as 0–3 shifted every level).
        self.values = {
            qid: {normalized(a): v for v, a in enumerate(q.question(qid).answers)}
            | dict.fromkeys(dont_know)
            | {normalized(k): v for k, v in mapping.values.get("*", {}).items()}
            | {normalized(k): v for k, v in mapping.values.get(qid, {}).items()}
            for qid in q.question_ids
        }
        self.labels = {x.id: x.answers for x in q.questions}
        self.row_ids = RowIds()

    def read(self, n: int, row: list[str]) -> tuple[str, Response]:
        name = self._use_case(n, row)
        answers = {}
        for i, qid in self.mapping.questions.items():
            cell = row[i].strip()
            if not cell:
                continue  # unanswered: nobody asked, or the person skipped it
            values = self.values[qid]
            key = normalized(cell)
            if key not in values:
                raise _problem(n, self.headers[i], cell, self._not_an_answer(qid, cell))
            answers[qid] = values[key]
        notes = {}
        for i, key in self.mapping.notes.items():
            if row[i].strip():
                notes[key] = self._checked(n, i, row[i], names.clean_note)
        return name, Response(respondent=self._respondent(n, row), answers=answers, notes=notes)

    def _not_an_answer(self, qid: str, cell: str) -> str:
        expected = ", ".join(repr(a) for a in self.labels[qid])
        said = f'not an answer to {qid} ({expected} or "Don\'t know")'
        if NUMBER.fullmatch(cell.strip()):
            said += (
                "; a number says nothing by itself (is 1 the lowest of 0–3, or of 1–4?): map the "
                'form\'s values, e.g. "values": {"*": {"1": 0, "2": 1, "3": 2, "4": 3}} in a '
                "mapping file, or the value mapping on the Import page"
            )
        return said

    def _use_case(self, n: int, row: list[str]) -> str:
        if self.mapping.use_case is None:
            return self.use_case
        i = self.mapping.use_case
        if not row[i].strip() and self.use_case:
            return self.use_case
        return self._checked(n, i, row[i], lambda v: names.clean_name(v, "use case"))

    def _respondent(self, n: int, row: list[str]) -> str | None:
        for i in self.mapping.respondent:
            if row[i].strip().casefold() not in ANONYMOUS:
                return self._checked(n, i, row[i], lambda v: names.clean_name(v, "respondent"))
        i = self.mapping.row_id
        if i is not None and row[i].strip():
            label = f"Anonymous ({self.row_ids.label(self.headers[i].strip(), row[i].strip())})"
            return self._checked(n, i, label, lambda v: names.clean_name(v, "row id"))
        return None  # each such row is its own anonymous respondent

    def _checked(self, n: int, i: int, value: str, clean):
        try:
            return clean(value)
        except InvalidInput as e:
            raise _problem(n, self.headers[i], value[:60], str(e)) from None


def _assessment(organization: str, cases: dict[str, list[Response]]) -> Assessment:
    ids: set[str] = set()
    use_cases = []
    for name, responses in cases.items():
        base = names.slugify(name) or "use-case"
        uc_id, k = base, 2
        while uc_id in ids:
            uc_id, k = f"{base}-{k}", k + 1
        ids.add(uc_id)
        use_cases.append(UseCase(id=uc_id, name=name, responses=responses))
    return Assessment(organization=organization, use_cases=use_cases)


def _shortened(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
