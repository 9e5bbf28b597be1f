"""Survey answers in: the rows of a Google Forms or Microsoft Forms export become an assessment.

A *mapping* says which column holds the use case, the respondent, each trace question and each
open question; every other column (Start time, Score, Column1, …) is left out. The form's own
row id (Microsoft's `ID`, Google's `Timestamp`) names a row without a respondent, "Anonymous
(ID 12)", so that importing a later export of the same form updates that row instead of adding
it again.
It is found automatically when the headers are the questionnaire's question texts (as forms
made from `form_template` have them), read from a mapping file, or chosen in the app from
suggestions. Cells are matched to answer labels trimmed and case-insensitively; "don't know" is
an answer with no value, and an empty cell is no answer at all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from coordination import names
from coordination.errors import ImportProblem, InvalidInput
from coordination.files.tables import Table
from coordination.method.questionnaire import Questionnaire
from coordination.models import Assessment, Response, UseCase

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
            shown = f"column {_letter(i)} {header!r}" if header else f"column {_letter(i)}"
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


class RowIds:
    """The label a row without a respondent goes by, the same in every export of the form.

    An ID column (Microsoft's) names a row by itself. A timestamp does not: Excel re-saves keep
    minutes only, an XLSX export cuts seconds, and a room submitting together shares a second.
    So a timestamp is read to the minute (whatever way it is written) and rows in the same
    minute are told apart by their order: "submitted 2026-12-01 10:02", then "… 10:02 (2)"."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def label(self, header: str, value: str) -> str:
        minute = to_minute(value) if normalized(header) == "timestamp" else None
        if minute is None:
            return f"{header} {value}"
        base = f"submitted {minute}"
        self.seen[base] = self.seen.get(base, 0) + 1
        k = self.seen[base]
        return base if k == 1 else f"{base} ({k})"


TIMESTAMP = re.compile(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})[ T](?P<H>\d{1,2}):(?P<M>\d{2})"
    r"|(?P<m2>\d{1,2})/(?P<d2>\d{1,2})/(?P<y2>\d{2,4}),? (?P<H2>\d{1,2}):(?P<M2>\d{2})"
    r"(?::\d{2})?(?:\.\d+)? ?(?P<ampm>[AaPp][Mm])?"
)


def to_minute(value: str) -> str | None:
    """ "2026/12/01 10:02:03 AM GMT+1", "12/1/2026 10:02", "2026-12-01 10:02:03" →
    "2026-12-01 10:02"; None when it is not a timestamp this reads. Month first, as Google and
    Microsoft write US-style dates; a form exported in another locale reads its own way in
    every export, so the same row still gets the same label."""
    found = TIMESTAMP.search(value)
    if not found:
        return None
    g = found.groupdict()
    if g["y"]:
        y, m, d, hour, minute = g["y"], g["m"], g["d"], int(g["H"]), g["M"]
        ampm = re.search(r"\b([AaPp][Mm])\b", value[found.end():found.end() + 8])
        ampm = ampm.group(1) if ampm else None
    else:
        y, m, d, hour, minute, ampm = g["y2"], g["m2"], g["d2"], int(g["H2"]), g["M2"], g["ampm"]
        y = f"20{y}" if len(y) == 2 else y
    if ampm:
        hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d} {hour:02d}:{minute}"


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


def _letter(i: int) -> str:
    """A spreadsheet's column letter: 0 → A, 26 → AA."""
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


MOST_VALUES = 40  # distinct unknown answers offered for mapping on the page
WORDS = {"no": 0, "none": 0, "never": 0, "partly": 1, "somewhat": 1, "sometimes": 1,
         "mostly": 2, "often": 2, "yes": 3, "fully": 3, "always": 3}  # fmt: skip


def unknown_values(table: Table, mapping: Mapping, q: Questionnaire) -> list[str]:
    """The form's own answers in the question columns that are not the questionnaire's labels
    (nor "don't know"): what a value mapping has to say the meaning of. At most MOST_VALUES."""
    known = {normalized(a) for x in q.questions for a in x.answers}
    known |= DONT_KNOW | {normalized(q.scale.dont_know)}
    found: dict[str, None] = {}
    for row in table.rows:
        for i in mapping.questions:
            cell = row[i].strip()
            if cell and normalized(cell) not in known:
                found.setdefault(cell)
                if len(found) >= MOST_VALUES:
                    return list(found)
    return list(found)


def suggested_values(values: list[str]) -> dict[str, int | None]:
    """A guess at what a form's answers mean, for the person to check: a 1–4 or 1–5 scale
    spread over 0–3, and plain words (no, partly, mostly, yes; not sure → don't know). Values
    it cannot guess are left out."""
    guess: dict[str, int | None] = {}
    numbers = {v: int(v) for v in values if re.fullmatch(r"\d+", v.strip())}
    top = max(numbers.values(), default=0)
    if numbers and min(numbers.values()) >= 1 and top in (4, 5):
        guess |= {v: round((n - 1) * 3 / (top - 1)) for v, n in numbers.items()}
    for v in values:
        key = normalized(v)
        if key in WORDS:
            guess[v] = WORDS[key]
        elif key in DONT_KNOW or key in {"unsure", "n/a", "no idea"}:
            guess[v] = None
    return guess
