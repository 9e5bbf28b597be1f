"""Spreadsheets out: words a person reads, every column, and no cell that a spreadsheet runs."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import openpyxl
import pytest

from coordination.files.spreadsheets import (
    answers_table,
    inventory_table,
    is_formula_like,
    sheets,
    to_csv,
    to_xlsx,
)
from coordination.models import Assessment, Response, UseCase
from coordination.report.orgmap import OrgMap

HOSTILE = [
    "=1+1",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    '  =HYPERLINK("http://x")',
    "=cmd|' /C calc'!A0",
    "-",
    "+",
]


@pytest.fixture
def hostile(questionnaire) -> OrgMap:
    cases = [
        UseCase(
            id=f"uc{i}",
            name=f"Case {i}" if i else HOSTILE[0],
            function=HOSTILE[1],
            tool=HOSTILE[2],
            notes=HOSTILE[3],
            objective=HOSTILE[7],
            involved=[HOSTILE[6]],
            responses=[
                Response(
                    respondent=HOSTILE[4 + i % 2] if i < 2 else f"Person {i}",
                    answers={"reach": 2, "ownership": None},
                    notes={"reach": HOSTILE[8], "learned": HOSTILE[9]},
                )
            ],
        )
        for i in range(3)
    ]
    a = Assessment(organization="Hostile & Co", use_cases=cases)
    return OrgMap(a, questionnaire)


def test_every_formula_like_cell_is_neutralized_in_csv(hostile):
    for frame in sheets(hostile).values():
        text = to_csv(frame).decode("utf-8-sig")
        for line in text.split("\r\n"):
            for cell in line.split(","):
                assert not cell.lstrip('"').startswith(("=", "+", "@")), cell
    answers = to_csv(answers_table(hostile)).decode("utf-8-sig")
    assert "'\t=1+1" in answers and "'-" in answers


def test_trimming_spaces_cannot_make_a_live_formula(hostile):
    assert all(is_formula_like(text) for text in HOSTILE)
    assert not is_formula_like("Sales") and not is_formula_like("2 · defined")


def test_xlsx_keeps_every_hostile_text_as_text_never_as_a_formula(hostile):
    data = to_xlsx(sheets(hostile))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = {c.value for s in book.worksheets for row in s.iter_rows() for c in row}
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row]
    assert {"=1+1", "=cmd|' /C calc'!A0", "@SUM(A1)"} <= values  # shown exactly as typed
    assert all(c.data_type != "f" for c in cells)
    assert book.sheetnames == ["Results", "Answers", "Inventory"]


def test_csv_starts_with_a_byte_order_mark_for_excel(hostile):
    assert to_csv(inventory_table(hostile)).startswith(b"\xef\xbb\xbf")


def test_answers_say_dont_know_apart_from_not_answered(hostile):
    row = answers_table(hostile).iloc[2]
    assert row["answer: Who uses it"] == "2 · A team, in a shared way"
    assert row["answer: Owner"] == "Don't know"
    assert row["answer: Hand-off"] == "Not answered"


def test_yes_and_no_instead_of_true_and_false_and_every_inventory_column(hostile):
    inventory = inventory_table(hostile)
    assert list(inventory.columns) == [
        "id",
        "use case",
        "function",
        "also involved",
        "objective",
        "tool",
        "notes",
        "retired",
        "respondents",
        "trace",
    ]
    assert set(inventory["retired"]) == {"no"}
    results = sheets(hostile)["Results"]
    assert set(results["provisional"]) == {"yes"} and set(results["retired"]) == {"no"}
    for frame in sheets(hostile).values():
        assert not frame.map(lambda v: isinstance(v, bool | np.bool_)).any().any()


def test_an_evidence_note_and_an_open_question_sharing_a_label_keep_both_columns():
    """Issue 15: the open question "criteria" and the evidence note of "review_criteria" are
    both labelled "Review criteria", and the workbook kept one column: the evidence note was
    gone. Every sheet can be filtered from its header."""
    import io

    import openpyxl

    from coordination.files.spreadsheets import answers_table, to_xlsx
    from coordination.method.questionnaire import load_questionnaire
    from coordination.models import Assessment, Response, UseCase
    from coordination.report.orgmap import OrgMap

    q = load_questionnaire()
    assert next(x.label for x in q.open_questions if x.id == "criteria") == "Review criteria"
    notes = {"review_criteria": "the evidence", "criteria": "the open answer"}
    uc = UseCase(id="a", name="A", responses=[Response(respondent="Kim", notes=notes)])
    table = answers_table(OrgMap(Assessment(organization="Acme", use_cases=[uc]), q))
    row = table.iloc[0]
    assert row["evidence: Review criteria"] == "the evidence"
    assert row["open question: Review criteria"] == "the open answer"
    assert len(set(table.columns)) == len(table.columns)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx({"Answers": table})))
    sheet = book["Answers"]
    assert sheet.auto_filter.ref == sheet.dimensions
    assert {"the evidence", "the open answer"} <= {c.value for c in sheet[2]}
