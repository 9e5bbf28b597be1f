"""Timestamps are not people (issue 15): a form without e-mails or IDs names its rows by the
minute they were submitted and their order in it, so a room submitting in the same second, an
Excel re-save that keeps minutes only and the XLSX export of the same form all read the same."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl

from coordination.files.row_ids import to_minute
from coordination.files.survey import import_rows
from coordination.files.survey_mapping import auto_mapping
from coordination.files.tables import table_from_bytes


def _rows(q, stamps):
    header = ["Timestamp", *(x.text for x in q.questions)]
    body = [[stamp, *(q.question(x.id).answers[(k + i) % 4] for k, x in enumerate(q.questions))]
            for i, stamp in enumerate(stamps)]  # fmt: skip
    return header, body


def _csv(q, stamps) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header, body = _rows(q, stamps)
    writer.writerows([header, *body])
    return out.getvalue().encode()


def _xlsx(q, stamps) -> bytes:
    book = openpyxl.Workbook()
    header, body = _rows(q, stamps)
    book.active.append(header)
    for row in body:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _people(q, data: bytes, name: str) -> list[str]:
    table = table_from_bytes(data, name)
    found = import_rows(table, auto_mapping(table.headers, q), q, organization="Acme",
                        use_case="Call notes")  # fmt: skip
    return [r.respondent for uc in found.assessment.use_cases for r in uc.responses]


def test_a_room_submitting_in_the_same_second_is_three_people(questionnaire):
    stamps = ["2026/12/01 10:02:03 AM GMT+1"] * 3 + ["2026/12/01 10:05:41 AM GMT+1"]
    people = _people(questionnaire, _csv(questionnaire, stamps), "form.csv")
    assert people == [
        "Anonymous (submitted 2026-12-01 10:02)",
        "Anonymous (submitted 2026-12-01 10:02 (2))",
        "Anonymous (submitted 2026-12-01 10:02 (3))",
        "Anonymous (submitted 2026-12-01 10:05)",
    ]


def test_an_excel_resave_and_the_xlsx_export_name_the_same_people(questionnaire):
    google = ["2026/12/01 10:02:03 AM GMT+1", "2026/12/01 10:02:59 AM GMT+1",
              "2026/12/01 1:15:00 PM GMT+1"]  # fmt: skip
    resaved = ["12/1/2026 10:02", "12/1/2026 10:02", "12/1/2026 13:15"]  # minutes only
    xlsx = [dt.datetime(2026, 12, 1, 10, 2), dt.datetime(2026, 12, 1, 10, 2),
            dt.datetime(2026, 12, 1, 13, 15)]  # fmt: skip
    first = _people(questionnaire, _csv(questionnaire, google), "form.csv")
    assert first == _people(questionnaire, _csv(questionnaire, resaved), "resaved.csv")
    assert first == _people(questionnaire, _xlsx(questionnaire, xlsx), "form.xlsx")
    assert len(set(first)) == 3


def test_timestamps_read_to_the_minute_whatever_way_they_are_written():
    assert to_minute("2026/12/01 1:02:03 PM GMT+1") == "2026-12-01 13:02"
    assert to_minute("12/1/26 9:05 am") == "2026-12-01 09:05"
    assert to_minute("2026-12-01T10:02:03.123") == "2026-12-01 10:02"
    assert to_minute("yesterday") is None


def _form(q, answers: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["ID", "Email", *(x.text for x in q.questions)])
    for i, said in enumerate(answers):
        writer.writerow([i + 1, f"p{i}@example.com", *([said] * len(q.questions))])
    return out.getvalue().encode()


def test_a_one_to_four_form_needs_its_values_mapped_and_then_reads_right(questionnaire):
    from coordination.errors import ImportProblem
    from coordination.files.survey_mapping import mapping_from_file

    q = questionnaire
    table = table_from_bytes(_form(q, ["1", "3"]), "numbers.csv")  # both look like 0–3
    try:
        import_rows(table, auto_mapping(table.headers, q), q, organization="A", use_case="X")
    except ImportProblem as e:
        assert "a number says nothing by itself" in str(e) and '"values"' in str(e)
    else:
        raise AssertionError("a 1–4 scale was read as 0–3")
    raw = {"respondent": "Email", "row_id": "ID",
           "questions": {x.id: x.text for x in q.questions},
           "values": {"*": {"1": 0, "2": 1, "3": 2, "4": 3}}}  # fmt: skip
    mapping = mapping_from_file(raw, table.headers, q)
    found = import_rows(table, mapping, q, organization="A", use_case="X")
    answers = [r.answers for uc in found.assessment.use_cases for r in uc.responses]
    assert set(answers[0].values()) == {0} and set(answers[1].values()) == {2}


def test_yes_partly_no_answers_read_through_a_value_mapping(questionnaire):
    from coordination.errors import ImportProblem
    from coordination.files.survey_mapping import mapping_from_file

    q = questionnaire
    table = table_from_bytes(_form(q, ["Yes", "Partly", "Not sure"]), "yes-no.csv")
    raw = {"respondent": "Email", "questions": {x.id: x.text for x in q.questions},
           "values": {"*": {"No": 0, "Partly": 1, "Yes": 3, "Not sure": None}}}  # fmt: skip
    found = import_rows(table, mapping_from_file(raw, table.headers, q), q, organization="A",
                        use_case="X")  # fmt: skip
    answers = [set(r.answers.values()) for uc in found.assessment.use_cases for r in uc.responses]
    assert answers == [{3}, {1}, {None}]
    for bad, said in (({"*": {"Yes": 4}}, "must be 0–3 or null"),
                      ({"nope": {"Yes": 3}}, "not a question id")):  # fmt: skip
        try:
            mapping_from_file(dict(raw, values=bad), table.headers, q)
        except ImportProblem as e:
            assert said in str(e)
        else:
            raise AssertionError(bad)


def test_when_every_row_is_left_out_the_reasons_are_said(questionnaire):
    """Issue 15: with --skip-invalid and every row invalid, the reasons were hidden."""
    from coordination.errors import ImportProblem

    q = questionnaire
    table = table_from_bytes(_form(q, ["7", "8"]), "bad.csv")
    try:
        import_rows(table, auto_mapping(table.headers, q), q, organization="A", use_case="X",
                    skip_invalid=True)  # fmt: skip
    except ImportProblem as e:
        assert "every row has a problem, e.g. row 2" in str(e) and "'7'" in str(e)
    else:
        raise AssertionError("nothing to import, and no word why")


def test_an_empty_first_sheet_is_passed_over_for_the_one_with_answers(questionnaire):
    """Issue 15: a workbook whose first sheet "Form Responses 2" is empty gave "no row with
    answers"; the sheet with rows below its header is read."""
    q = questionnaire
    book = openpyxl.Workbook()
    empty = book.active
    empty.title = "Form Responses 2"
    empty.append(["Timestamp", *(x.text for x in q.questions)])
    answers = book.create_sheet("Form Responses 1")
    header, body = _rows(q, ["2026/12/01 10:02:03 AM GMT+1"])
    answers.append(header)
    answers.append(body[0])
    out = io.BytesIO()
    book.save(out)
    table = table_from_bytes(out.getvalue(), "two sheets.xlsx")
    assert "Form Responses 1" in table.source and len(table.rows) == 1


def test_a_mapping_naming_only_the_questions_keeps_the_detected_id_and_email(questionnaire):
    """Issue 15: such a mapping dropped the ID and e-mail columns, and a re-import then counted
    everyone twice, silently. A key given as null still means none."""
    from coordination.files.survey_mapping import mapping_from_file

    q = questionnaire
    table = table_from_bytes(_form(q, ["A team, in a shared way"] * 2), "form.csv")
    only = {"questions": {x.id: x.text for x in q.questions}}
    mapping = mapping_from_file(only, table.headers, q)
    assert mapping.respondent == (1,) and mapping.row_id == 0  # Email, ID
    none = mapping_from_file(dict(only, respondent=None, row_id=None), table.headers, q)
    assert none.respondent == () and none.row_id is None


def test_a_google_grid_question_maps_its_rows_by_their_labels(questionnaire):
    """Issue 15: Google's grid question exports "Question [Row]" columns; a row named by a
    question's label or text is that question."""
    q = questionnaire
    headers = ["Timestamp", *(f"How is each of these in place today? [{x.label}]"
                              for x in q.questions)]  # fmt: skip
    mapping = auto_mapping(headers, q)
    assert sorted(mapping.questions.values()) == sorted(q.question_ids)


def test_the_page_suggests_what_a_one_to_five_scale_and_plain_words_mean(questionnaire):
    from coordination.files.survey_values import NOT_AN_ANSWER, Meanings

    meanings = Meanings(questionnaire)
    own = ["1", "3", "5", "Partly", "Not sure", "Maybe"]
    word = questionnaire.scale_name
    suggested = meanings.suggested(own)
    assert suggested == [
        word(0), word(2), word(3), word(1), questionnaire.scale.dont_know, NOT_AN_ANSWER
    ]  # fmt: skip
    assert meanings.mapping(own, suggested) == {
        "1": 0, "3": 2, "5": 3, "Partly": 1, "Not sure": None
    }  # fmt: skip
