"""`python -m coordination deck | spreadsheet | import-survey | form-template`: files out and
in from the command line; a mistake is exit 2, one line, and nothing written."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from pptx import Presentation

from coordination.cli import main
from coordination.settings import DEMO_PATH
from tests.survey_files import google_csv, microsoft_xlsx


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def test_deck_writes_a_pptx_or_a_pdf_by_the_extension(tmp_path, capsys):
    code, out, _ = cli(capsys, "deck", str(DEMO_PATH), "-o", str(tmp_path / "d.pptx"))
    assert (code, out) == (0, f"wrote {tmp_path / 'd.pptx'}\n")
    assert len(Presentation(tmp_path / "d.pptx").slides) > 20
    code, _, _ = cli(capsys, "deck", str(DEMO_PATH), "-o", str(tmp_path / "d.pdf"))
    assert code == 0 and (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (["-o", "{tmp}/d.ppt"], "the file name must end in .pptx or .pdf"),
        (["-o", "{tmp}/d.pptx", "--accent", "red"], "not a colour: 'red'"),
        (["-o", "{tmp}/d.pptx", "--logo", "{tmp}/none.png"], "logo: cannot read"),
        (["-o", "{tmp}/nofolder/d.pptx"], "there is no folder"),
    ],
)
def test_a_bad_deck_option_is_one_line_and_nothing_is_written(tmp_path, capsys, extra, problem):
    args = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    code, out, err = cli(capsys, "deck", str(DEMO_PATH), *args)
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and problem in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_spreadsheet_writes_a_workbook_or_one_table_as_csv(tmp_path, capsys):
    assert cli(capsys, "spreadsheet", str(DEMO_PATH), "-o", str(tmp_path / "s.xlsx"))[0] == 0
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames == ["Results", "Answers", "Inventory"]
    args = ["spreadsheet", str(DEMO_PATH), "-o", str(tmp_path / "a.csv"), "--table", "answers"]
    assert cli(capsys, *args)[0] == 0
    text = (tmp_path / "a.csv").read_bytes().decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header[:3] == ["use case id", "use case", "respondent"]


def test_import_survey_prints_the_mapping_and_writes_an_assessment(tmp_path, capsys, questionnaire):
    source = tmp_path / "Form responses.csv"
    source.write_bytes(google_csv(questionnaire))
    code, out, _ = cli(capsys, "import-survey", str(source), "-o", str(tmp_path / "a.json"))
    assert code == 0
    assert "column C 'Use case' → use case" in out
    assert "five responses for two use cases" in out
    data = json.loads((tmp_path / "a.json").read_text())
    assert data["organization"] == "Form responses"
    assert cli(capsys, "score", str(tmp_path / "a.json"))[0] == 0


def test_a_bad_row_stops_the_import_naming_it_and_writes_nothing(tmp_path, capsys, questionnaire):
    source = tmp_path / "f.csv"
    source.write_bytes(google_csv(questionnaire).replace(b"Several functions", b"Everyone", 1))
    code, out, err = cli(capsys, "import-survey", str(source), "-o", str(tmp_path / "a.json"))
    assert (code, out) == (2, "")
    assert "row 5, column 'Who relies on this AI use case today?': 'Everyone'" in err
    assert err.count("\n") == 1 and not (tmp_path / "a.json").exists()
    args = ["import-survey", str(source), "-o", str(tmp_path / "a.json"), "--skip-invalid"]
    code, out, _ = cli(capsys, *args)
    assert code == 0 and "skipped row 5" in out and "one row skipped" in out


def test_import_survey_reads_the_forms_workbook_under_one_use_case(tmp_path, capsys, questionnaire):
    source = tmp_path / "Form.xlsx"
    source.write_bytes(microsoft_xlsx(questionnaire))
    out_file = tmp_path / "a.json"
    args = ["import-survey", str(source), "-o", str(out_file), "--use-case", "Call notes"]
    assert cli(capsys, *args)[0] == 0
    (uc,) = json.loads(out_file.read_text())["use_cases"]
    assert uc["name"] == "Call notes" and len(uc["responses"]) == 5


def test_a_mapping_file_maps_reworded_headers(tmp_path, capsys, questionnaire):
    rows = [
        ["When", "Who", "Which tool", "Who depends on it"],
        ["x", "ann@x.org", "CRM", "A team, in a shared way"],
    ]
    source = tmp_path / "f.csv"
    with source.open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    mapping = tmp_path / "m.json"
    mapping.write_text(
        json.dumps(
            {
                "use_case": "Which tool",
                "respondent": "Who",
                "questions": {"reach": "Who depends on it"},
            }
        )
    )
    args = ["import-survey", str(source), "-o", str(tmp_path / "a.json"), "--mapping", str(mapping)]
    code, out, _ = cli(capsys, *args)
    assert code == 0 and "no column for: tool_standard" in out
    (uc,) = json.loads((tmp_path / "a.json").read_text())["use_cases"]
    assert uc["responses"][0] == {"respondent": "ann@x.org", "answers": {"reach": 2}, "notes": {}}
    mapping.write_text("{not json")
    code, _, err = cli(capsys, *args)
    assert code == 2 and "m.json: not a readable mapping file" in err


def test_form_template_lists_every_question_and_answer(capsys, questionnaire):
    code, out, _ = cli(capsys, "form-template", "--use-case", "Call notes")
    assert code == 0 and "1. Use case" in out and "   Call notes" in out
    for question in questionnaire.questions:
        assert question.text in out and all(a in out for a in question.answers)
