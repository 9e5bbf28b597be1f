"""Which column of a form export holds what: the use case, the respondent, the form's row id,
each trace question and each open question, and what the form's own answers mean (a value
mapping). Found from the headers, read from a mapping file, or suggested for the page."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from coordination.errors import ImportProblem
from coordination.files.limits import column_letter
from coordination.method.questionnaire import Questionnaire

USE_CASE_HEADERS = frozenset({"use case", "ai use case", "which use case"})
EMAIL_HEADERS = frozenset({"email", "email address", "e-mail", "e-mail address"})
NAME_HEADERS = frozenset({"name", "full name", "your name", "respondent"})
ROW_ID_HEADERS = frozenset({"id", "timestamp", "response id"})
ANONYMOUS = frozenset({"", "anonymous"})
DONT_KNOW = frozenset({"don't know", "dont know", "do not know", "not sure"})
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def normalized(text: str) -> str:
    """For comparing a header or a cell with the questionnaire's wording: case, spacing,
    typographic apostrophes, a leading "1." or "Q1:" and a trailing "?", ":" or "*" (a
    required-question marker) do not count."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").casefold()
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(q?\d+[.):]\s+)", "", text)
    return text.rstrip("?:* ").strip()


@dataclass(frozen=True)
class Mapping:
    """Column numbers (0-based) and what each holds."""

    use_case: int | None = None
    respondent: tuple[int, ...] = ()  # the first non-empty, non-anonymous one names the person
    questions: dict[int, str] = field(default_factory=dict)  # column → trace question id
    notes: dict[int, str] = field(default_factory=dict)  # column → open question id
    row_id: int | None = None  # the form's id of a row: names a row without a respondent
    # What a form's own answers mean, per question id or "*" for every question:
    # {"*": {"1": 0, "2": 1, "3": 2, "4": 3}, "review_criteria": {"Yes": 3, "Not sure": None}}
    values: dict[str, dict[str, int | None]] = field(default_factory=dict)

    def used(self) -> set[int]:
        single = {i for i in (self.use_case, self.row_id) if i is not None}
        return {*self.questions, *self.notes, *self.respondent} | single

    def describe(self, headers: list[str], q: Questionnaire) -> list[str]:
        """One line per column, for the person to check before anything is imported."""
        labels = {x.id: x.label for x in (*q.questions, *q.open_questions)}
        lines = []
        for i, header in enumerate(headers):
            shown = (
                f"column {column_letter(i + 1)} {header!r}"
                if header
                else f"column {column_letter(i + 1)}"
            )
            if i == self.use_case:
                lines.append(f"{shown} → use case")
            elif i in self.respondent:
                lines.append(f"{shown} → respondent")
            elif i == self.row_id:
                lines.append(f"{shown} → row id (names a row without a respondent)")
            elif i in self.questions:
                lines.append(
                    f"{shown} → question {self.questions[i]} ({labels[self.questions[i]]})"
                )
            elif i in self.notes:
                lines.append(f"{shown} → note: {labels[self.notes[i]]}")
            else:
                lines.append(f"{shown} → left out")
        missing = [x.id for x in q.questions if x.id not in self.questions.values()]
        if missing:
            lines.append("no column for: " + ", ".join(missing))
        return lines


def auto_mapping(headers: list[str], q: Questionnaire) -> Mapping:
    """Columns whose header is a question's text or label, "Use case", and an e-mail or name
    column; the first column that matches a question wins."""
    texts = {}
    for x in (*q.questions, *q.open_questions):
        texts.setdefault(normalized(x.text), x.id)
        texts.setdefault(normalized(x.label), x.id)
    trace = set(q.question_ids)
    use_case, row_id, emails, people, questions, notes = None, None, [], [], {}, {}
    for i, header in enumerate(map(normalized, headers)):
        qid = texts.get(header) or texts.get(_grid_row(header))
        if qid is not None and qid not in {*questions.values(), *notes.values()}:
            (questions if qid in trace else notes)[i] = qid
        elif header in USE_CASE_HEADERS and use_case is None:
            use_case = i
        elif header in ROW_ID_HEADERS and row_id is None:
            row_id = i
        elif header in EMAIL_HEADERS:
            emails.append(i)
        elif header in NAME_HEADERS:
            people.append(i)
    return Mapping(use_case, tuple(emails + people), questions, notes, row_id)


def _grid_row(header: str) -> str:
    """Google's grid questions export one column per row: "How is each in place? [Owner]" is
    the row "Owner"."""
    found = re.search(r"\[([^\]]+)\]\s*$", header)
    return normalized(found.group(1)) if found else ""


def mapping_from_file(raw: dict, headers: list[str], q: Questionnaire) -> Mapping:
    """A mapping file (JSON) names columns by header: {"use_case": "Which tool?",
    "respondent": ["Email"], "row_id": "ID", "questions": {"reach": "Who uses it today"},
    "notes": {…}}. Question ids and headers are checked, so a typo is named instead of silently
    left out. A key left out is found from the headers as without a mapping; given as null
    (or empty), it means none."""
    if not isinstance(raw, dict):
        raise ImportProblem("mapping: must be a JSON object")
    unknown = set(raw) - {"use_case", "respondent", "row_id", "questions", "notes", "values"}
    if unknown:
        raise ImportProblem(f"mapping: unknown key {sorted(unknown)[0]!r}")
    column = _column_finder(headers)
    # What the file leaves out is found as without a mapping: a mapping that names only the
    # questions kept no e-mail or ID column, and a later export was then counted twice.
    found = auto_mapping(headers, q)
    use_case = column(raw["use_case"], "use_case") if raw.get("use_case") else None
    respondent = raw.get("respondent") or []
    respondent = [respondent] if isinstance(respondent, str) else respondent
    open_ids = {x.id for x in q.open_questions}
    return Mapping(
        use_case if "use_case" in raw else found.use_case,
        tuple(column(h, "respondent") for h in respondent)
        if "respondent" in raw
        else found.respondent,
        _by_column(raw.get("questions", {}), set(q.question_ids), column, "questions"),
        _by_column(raw.get("notes", {}), open_ids, column, "notes"),
        (column(raw["row_id"], "row_id") if raw.get("row_id") else None)
        if "row_id" in raw
        else found.row_id,
        value_mapping(raw.get("values", {}), q),
    )


def value_mapping(raw, q: Questionnaire) -> dict[str, dict[str, int | None]]:
    """A mapping file's "values", checked: question ids (or "*"), each a map from the form's
    answer to 0–3 or null ("don't know")."""
    if not isinstance(raw, dict):
        raise ImportProblem("mapping: values must be an object of question id → answers")
    checked = {}
    for qid, answers in raw.items():
        if qid != "*" and qid not in q.question_ids:
            raise ImportProblem(f"mapping: values: {qid!r} is not a question id (or '*')")
        if not isinstance(answers, dict):
            raise ImportProblem(f"mapping: values: {qid}: must map answers to 0–3 or null")
        for said, value in answers.items():
            if value is not None and (type(value) is not int or not 0 <= value <= 3):
                raise ImportProblem(
                    f"mapping: values: {qid}: {said!r} → {value!r}: must be 0–3 or null"
                )
        checked[qid] = {normalized(str(k)): v for k, v in answers.items()}
    return checked


def _column_finder(headers: list[str]):
    index = {}
    for i, h in enumerate(headers):
        index.setdefault(normalized(h), i)

    def column(header, where: str) -> int:
        if not isinstance(header, str) or normalized(header) not in index:
            raise ImportProblem(f"mapping: {where}: no column headed {header!r} in the file")
        return index[normalized(header)]

    return column


def _by_column(section, allowed: set[str], column, where: str) -> dict[int, str]:
    if not isinstance(section, dict):
        raise ImportProblem(f"mapping: {where} must map question ids to column headers")
    out = {}
    for qid, header in section.items():
        if qid not in allowed:
            raise ImportProblem(f"mapping: {where}: unknown question id {qid!r}")
        out[column(header, f"{where}.{qid}")] = qid
    return out


def suggestions(headers: list[str], q: Questionnaire) -> dict[str, int | None]:
    """For each trace question, the column whose header reads most like its text or label
    (None when nothing comes close): the app's mapping step starts from these."""
    found = auto_mapping(headers, q)
    taken = dict((qid, i) for i, qid in found.questions.items())
    free = [i for i in range(len(headers)) if i not in found.used()]
    out = {}
    for x in q.questions:
        if x.id in taken:
            out[x.id] = taken[x.id]
            continue
        scored = [(_likeness(headers[i], (x.text, x.label)), i) for i in free if headers[i].strip()]
        best = max(scored, default=(0.0, None))
        out[x.id] = best[1] if best[0] >= 0.5 else None
    return out


def _likeness(header: str, wordings: Iterable[str]) -> float:
    h = normalized(header)
    return max(difflib.SequenceMatcher(None, h, normalized(w)).ratio() for w in wordings)
