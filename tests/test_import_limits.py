"""Imports within bounds: a hostile spreadsheet is refused quickly, with a sentence naming the
bound and what the file has, before it is built in memory; a real export still imports.

The bounds are in `coordination.files.limits`: 20 MB uploaded, 50 MB unpacked, 1,000 parts,
5,000 rows, 300 columns, 10,000 characters a cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import resource
import struct
import subprocess
import sys
import time
import zipfile

import pytest

from coordination.errors import ImportProblem
from coordination.files import limits
from coordination.files.survey import import_rows
from coordination.files.survey_mapping import auto_mapping
from coordination.files.tables import read_table, table_from_bytes
from coordination.files.workbook import cell_text, read_workbook
from tests import workbooks
from tests.app_helpers import texts

SECONDS = 5  # CPU time for any refusal: the files below are refused long before their end


def refused(data: bytes, filename: str) -> str:
    started = time.process_time()
    with pytest.raises(ImportProblem) as caught:
        table_from_bytes(data, filename)
    assert time.process_time() - started < SECONDS
    return str(caught.value)


# ── hostile files ──────────────────────────────────────────────────────────────────────────────


def test_the_issues_workbook_of_100000_rows_by_50_is_refused_at_the_row_bound():
    data = workbooks.grid(100_000, 50)
    assert len(data) < 1_000_000  # small on disk: the bound is on what it holds
    assert refused(data, "big.xlsx") == (
        "big.xlsx, sheet Form1: more than 5,000 rows under the header; at most 5,000 are "
        "imported at once (split the file)"
    )


def test_a_zip_bomb_is_refused_by_the_bytes_it_inflates_to():
    data = workbooks.bomb(200)
    assert len(data) < 1_000_000
    assert refused(data, "bomb.xlsx") == (
        "bomb.xlsx: the workbook unpacks to more than 50.0 MB; at most 50.0 MB are read "
        "(a survey export unpacks to far less)"
    )


def unlisted(monkeypatch) -> None:
    """From here on, opening a zip fails the test: the refusal must come before zipfile makes
    an object for each of the parts."""

    def listed(*_, **__):
        raise AssertionError("the zip's parts were listed")

    monkeypatch.setattr(zipfile, "ZipFile", listed)


def test_a_zip_of_thousands_of_parts_is_refused_before_they_are_listed(monkeypatch):
    data = workbooks.many_parts(5_000)
    unlisted(monkeypatch)
    assert refused(data, "parts.xlsx") == (
        "parts.xlsx: the workbook holds 5,006 parts; at most 1,000 are read "
        "(save it again from Excel)"
    )


def test_a_zip_whose_end_record_hides_its_count_is_refused_by_the_zip64_record(monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i in range(70_000):  # past 65,535: zipfile writes a Zip64 end record
            z.writestr(f"{i}", b"")
    data = bytearray(out.getvalue())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 16] = struct.pack("<2HL", 1, 1, 46)  # "one part, 46 bytes"
    unlisted(monkeypatch)
    assert refused(bytes(data), "z.xlsx") == (
        "z.xlsx: the workbook holds 70,000 parts; at most 1,000 are read (save it again from Excel)"
    )


def test_a_csv_of_200000_columns_is_refused_at_its_first_row():
    assert refused(workbooks.wide_csv(200_000), "wide.csv") == (
        "wide.csv (UTF-8): row 1 has 200,000 columns; at most 300 are read "
        "(leave out the columns you do not need)"
    )


def test_a_workbook_with_a_value_past_column_300_is_refused():
    row = '<row r="2"><c r="KP2" t="inlineStr"><is><t>x</t></is></c></row>'
    data = workbooks.workbook([workbooks.text_row(1, ["Use case"]), row])
    assert refused(data, "w.xlsx") == (
        "w.xlsx, sheet Form1: row 2 has a value in column KP (302) and so more than 300 "
        "columns; at most 300 are read (leave out the columns you do not need)"
    )


@pytest.mark.parametrize("shared", [True, False], ids=["in the table of texts", "inline"])
def test_a_cell_of_a_million_characters_in_a_workbook_is_refused(shared):
    assert refused(workbooks.huge_cell(1_000_000, shared=shared), "cell.xlsx") == (
        "cell.xlsx, sheet Form1: row 2, column B holds 1,000,000 characters; a cell may hold "
        "at most 10,000"
    )


@pytest.mark.parametrize(
    ("length", "told"),
    [
        (10_001, "row 2, column B holds 10,001 characters"),
        # the csv module stops a field at 131,072 characters, and does not say which column
        (1_000_000, "row 2 holds a cell of more than 131,072 characters"),
    ],
)
def test_a_long_cell_in_a_csv_is_refused(length, told):
    data = ("Use case,Notes\r\nA," + "x" * length + "\r\n").encode()
    assert refused(data, "notes.csv") == (
        f"notes.csv (UTF-8): {told}; a cell may hold at most 10,000"
    )


def test_a_huge_table_of_texts_is_refused_when_it_outgrows_any_sheet():
    assert refused(workbooks.many_strings(2_000_000), "texts.xlsx") == (
        "texts.xlsx, sheet Form1: the workbook's table of texts holds more than 1,500,300 "
        "entries, more than its cells could use; save it again from Excel"
    )


def test_a_workbook_declaring_entities_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    data = workbooks.workbook([workbooks.text_row(1, ["Use case"])])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = (laughs + body.decode().split("?>", 1)[1]).encode()
            dst.writestr(item, body)
    assert refused(out.getvalue(), "laughs.xlsx") == (
        "laughs.xlsx: not a readable Excel workbook (a part declares a document type)"
    )


def test_an_upload_over_20_mb_is_refused_by_its_size():
    assert refused(b"a" * 20_000_001, "big.csv") == (
        "big.csv: the file is 20.0 MB; a survey export may be at most 20 MB"
    )


def test_a_file_over_20_mb_on_the_command_line_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(2_000_000_000)  # 2 GB that take no room on disk
    started = time.process_time()
    with pytest.raises(ImportProblem, match="huge.csv: the file is 2,000.0 MB; a survey export"):
        read_table(path)
    assert time.process_time() - started < 1


def test_reading_from_a_pipe_stops_past_20_mb(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "coordination",
            "import-survey",
            "/dev/zero",
            "-o",
            str(tmp_path / "out.json"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,  # a reader that reads to the end fails fast
    )
    assert done.stderr.splitlines() == [
        "error: zero: the file is 20.0 MB; a survey export may be at most 20 MB"
    ]


def test_a_bad_answer_of_10000_characters_is_quoted_by_its_start(questionnaire):
    question = questionnaire.questions[0].text
    data = csv_of([["Use case", question + "?" * 5_000], ["A", "y" * 10_000]])
    table = table_from_bytes(data, "f.csv")
    with pytest.raises(ImportProblem) as caught:
        import_rows(
            table,
            auto_mapping(table.headers, questionnaire),
            questionnaire,
            organization="X",
            use_case="A",
        )
    assert len(str(caught.value)) < 500
    assert f"{'y' * 59}…" in str(caught.value)


# ── at the bounds: everything up to them is read ─────────────────────────────────────────────


def csv_of(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_5000_rows_are_read_and_5001_are_refused(kind):
    def file(rows: int) -> bytes:
        if kind == "csv":
            return csv_of([["Use case"], *([f"U{n}"] for n in range(rows))])
        return workbooks.workbook([workbooks.text_row(n, [f"U{n}"]) for n in range(1, rows + 2)])

    assert len(table_from_bytes(file(5_000), f"f.{kind}").rows) == 5_000
    assert "more than 5,000 rows under the header" in refused(file(5_001), f"f.{kind}")


def test_blank_lines_after_the_last_row_do_not_count_toward_the_bound():
    data = csv_of([["Use case"], *([f"U{n}"] for n in range(5_000))]) + b"\r\n" * 20_000
    assert len(table_from_bytes(data, "f.csv").rows) == 5_000


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_300_columns_and_10000_characters_are_read(kind):
    header = [f"Q{k}" for k in range(300)]
    row = ["x" * 10_000, *("y" for _ in range(299))]
    if kind == "csv":
        data = csv_of([header, row])
    else:
        data = workbooks.workbook([workbooks.text_row(1, header), workbooks.text_row(2, row)])
    table = table_from_bytes(data, f"f.{kind}")
    assert len(table.headers) == 300
    assert table.rows[0][0] == "x" * 10_000


def test_empty_columns_past_300_in_a_csv_are_left_out_not_refused():
    # Excel saves the commas of formatted empty columns
    table = table_from_bytes(csv_of([["Use case", *[""] * 400], ["A", *[""] * 400]]), "f.csv")
    assert table.headers == ["Use case", *[""] * 299]


# ── a real file still imports, read as before ────────────────────────────────────────────────


def test_the_streaming_reader_reads_what_openpyxl_read(questionnaire):
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title, hidden.sheet_state = "Notes", "hidden"
    hidden["A1"] = "not this one"
    sheet = book.create_sheet("Answers")
    sheet["B3"] = "after two empty rows"
    sheet["A4"], sheet["B4"], sheet["C4"] = 1.5, True, dt.date(2020, 1, 2)
    sheet["D4"], sheet["E4"] = dt.time(9, 30), dt.timedelta(hours=26)
    sheet["F4"], sheet["G4"] = "  spaced  ", 12345678901234
    sheet["H4"] = CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold")])
    sheet["I4"], sheet["J4"], sheet["K4"] = "=1+1", 1e20, "ünï ✓ 😀"
    sheet["A5"] = dt.datetime(2026, 11, 3, 9, 5)
    sheet["C8"] = "far"
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()

    before = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Answers"]
    expected = [[cell_text(v) for v in row] for row in before.iter_rows(values_only=True)]
    rows, title = read_workbook(data, "f.xlsx")
    assert title == "Answers"
    assert [r + [""] * (11 - len(r)) for r in rows] == expected
    assert rows[3][:5] == ["1.5", "TRUE", "2020-01-02 00:00:00", "09:30:00", "1 day, 2:00:00"]


def test_a_microsoft_forms_workbook_still_imports(questionnaire):
    from tests.survey_files import microsoft_xlsx

    table = table_from_bytes(microsoft_xlsx(questionnaire), "Form.xlsx")
    result = import_rows(
        table, auto_mapping(table.headers, questionnaire), questionnaire, organization="X"
    )
    assert sum(len(uc.responses) for uc in result.assessment.use_cases) == 5


# ── the import process stays small ───────────────────────────────────────────────────────────


def limit_memory() -> None:
    """In the child: at most 600 MB of address space (the old reader needed 2 GB and more)."""
    resource.setrlimit(resource.RLIMIT_AS, (600_000_000, 600_000_000))


@pytest.mark.timeout(60)
def test_the_command_line_import_refuses_the_issues_workbook_within_600_mb(tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(workbooks.grid(100_000, 50))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "coordination",
            "import-survey",
            str(path),
            "-o",
            str(tmp_path / "out.json"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
    )
    assert done.stderr.splitlines() == [
        "error: big.xlsx, sheet Form1: more than 5,000 rows under the header; at most 5,000 "
        "are imported at once (split the file)"
    ]
    assert done.returncode == 2
    assert not (tmp_path / "out.json").exists()


# ── the Import page ──────────────────────────────────────────────────────────────────────────

PAGE = "app_pages/owner/imports.py"


def upload(at, data: bytes, name: str):
    at.file_uploader(key="survey_file").set_value((name, data, "text/csv")).run()
    return at


def test_an_unreadable_upload_shows_its_sentence_and_stops_there(store, owner):
    ws = store.create_workspace("Uploads")
    at = upload(owner.open(PAGE, ws=ws.key), b"PK\x03\x04garbage", "x.xlsx")
    assert not at.exception, at.exception
    assert [e.icon for e in at.error] == [":material/error:"]
    assert "x.xlsx: not a readable Excel workbook" in texts(at)
    assert not at.dataframe  # nothing below the sentence ran


def test_a_file_past_a_bound_is_named_on_the_page(store, owner):
    ws = store.create_workspace("Uploads")
    at = upload(owner.open(PAGE, ws=ws.key), workbooks.wide_csv(200_000), "wide.csv")
    assert not at.exception, at.exception
    assert "row 1 has 200,000 columns; at most 300 are read" in texts(at)
    # no widget offers the file's 200,000 columns: the sidebar's workspace choice only
    assert [s.label for s in at.selectbox] == ["Workspace"]


def test_the_preview_shows_the_first_50_use_cases_and_counts_the_rest(store, owner, questionnaire):
    headers = ["Use case", *(x.text for x in questionnaire.questions)]
    answers = [x.answers[1] for x in questionnaire.questions]
    data = csv_of([headers, *([f"Use case {n}", *answers] for n in range(80))])
    ws = store.create_workspace("Many")
    at = upload(owner.open(PAGE, ws=ws.key), data, "many.csv")
    assert not at.exception, at.exception
    assert len(at.dataframe[0].value) == 50
    assert "The first 50 of 80 use cases." in texts(at)
    button = next(b for b in at.button if b.label.startswith("Import"))
    assert "80 answers" in button.label.replace("eighty", "80")


def test_the_browser_refuses_an_upload_over_20_mb(store, owner):
    at = owner.open(PAGE, ws=store.create_workspace("Uploads").key)
    assert at.file_uploader(key="survey_file").proto.max_upload_size_mb == limits.MAX_UPLOAD_MB
    assert limits.MAX_UPLOAD_MB == 20


def test_a_microsoft_forms_workbook_is_previewed_on_the_page(store, owner, questionnaire):
    from tests.survey_files import microsoft_xlsx

    ws = store.create_workspace("Workbooks")
    at = upload(owner.open(PAGE, ws=ws.key), microsoft_xlsx(questionnaire), "Form.xlsx")
    assert not at.exception, at.exception
    assert "Read Form.xlsx, sheet Form1: five rows." in texts(at)
    assert at.dataframe[0].value["Use case"].tolist() == ["Call notes"]


def test_rows_left_out_are_named_up_to_20_then_counted(store, owner, questionnaire):
    headers = ["Use case", *(x.text for x in questionnaire.questions)]
    good = [x.answers[1] for x in questionnaire.questions]
    bad = ["Everyone", *good[1:]]  # not an answer to the first question
    rows = [[f"Use case {n}", *(bad if n < 30 else good)] for n in range(35)]
    ws = store.create_workspace("Messy")
    at = upload(owner.open(PAGE, ws=ws.key), csv_of([headers, *rows]), "messy.csv")
    at.checkbox(key="survey_skip").check().run()
    assert not at.exception, at.exception
    left_out = [w.value for w in at.warning]
    assert len(left_out) == 21
    assert "row 2" in left_out[0] and "row 21" in left_out[19]
    assert left_out[20] == "Left out: ten more rows."
