"""Survey exports in: Google Forms and Microsoft Forms files, quirks and all, become an
assessment; a bad row names its row, column and value."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from coordination.errors import ImportProblem
from coordination.files.fileformat import check_assessment, decode_assessment, encode_assessment
from coordination.files.survey import import_rows
from coordination.files.survey_mapping import auto_mapping, mapping_from_file, suggestions
from coordination.files.tables import table_from_bytes
from coordination.method.scoring import results, score
from tests.survey_files import google_csv, large_csv, microsoft_csv, microsoft_xlsx


def imported(q, data: bytes, filename: str, **options):
    table = table_from_bytes(data, filename)
    options.setdefault("organization", "Testco")
    return table, import_rows(table, auto_mapping(table.headers, q), q, **options)


def test_a_google_forms_export_maps_itself_and_keeps_every_quirk_apart(questionnaire):
    table, result = imported(questionnaire, google_csv(questionnaire), "Form (Responses).csv")
    assert table.source == "Form (Responses).csv (UTF-8)"
    mapping = auto_mapping(table.headers, questionnaire)
    lines = mapping.describe(table.headers, questionnaire)
    assert lines[0] == "column A 'Timestamp' → row id (names a row without a respondent)"
    assert lines[1] == "column B 'Email Address' → respondent"
    assert lines[2] == "column C 'Use case' → use case"
    assert (
        lines[3]
        == "column D 'Who relies on this AI use case today?' → question reach (Who uses it)"
    )
    assert "column L 'Score' → left out" in lines
    assert (
        "column M 'Where exactly does AI enter this piece of work?' → note: Where AI enters"
        in lines
    )
    a = result.assessment
    assert [uc.name for uc in a.use_cases] == ["Call notes", "Tender drafts"]
    first = a.use_cases[0].responses[0]
    assert first.respondent == "person0@example.com"
    assert first.answers["workflow_defined"] == 2  # "WRITTEN STEPS  " read as "Written steps"
    assert "handoff" not in first.answers  # an empty cell is unanswered
    assert first.answers["feedback_loop"] is None  # "Don't know" is an answer without value
    assert first.notes["entry_point"] == "In the CRM, then a call, maybe\nthe next day"
    check_assessment(a, questionnaire)


def test_a_microsoft_forms_csv_saved_by_excel_is_windows_1252(questionnaire):
    table, result = imported(questionnaire, microsoft_csv(questionnaire), "answers.csv")
    assert table.source == "answers.csv (Windows-1252)"
    (uc,) = result.assessment.use_cases
    assert uc.name == "Supplier notices — EU"
    people = [r.respondent for r in uc.responses]
    # E-mail first, then the name column; "anonymous" or empty leaves the form's row id.
    assert people == [
        "ann@example.com",
        "ben@example.com",
        "Anonymous (ID 3)",
        "Anonymous (ID 4)",
        "dora@example.com",
    ]
    lines = auto_mapping(table.headers, questionnaire).describe(table.headers, questionnaire)
    assert "column O 'Column1' → left out" in lines and "column P → left out" in lines


def test_the_microsoft_forms_workbook_reads_form1_and_not_the_hidden_sheet(questionnaire):
    table, result = imported(questionnaire, microsoft_xlsx(questionnaire), "Form.xlsx")
    assert table.source == "Form.xlsx, sheet Form1"
    assert table.rows[0][1] == "2026-11-03 09:00:00"  # a date, not 46329.375
    assert len(result.assessment.use_cases[0].responses) == 5


def test_anonymous_responses_survive_the_file_format_and_a_restore(store, questionnaire):
    table, _ = imported(questionnaire, microsoft_csv(questionnaire), "answers.csv")
    without_ids = replace(auto_mapping(table.headers, questionnaire), row_id=None)
    result = import_rows(table, without_ids, questionnaire, organization="Acme")
    again = decode_assessment(encode_assessment(result.assessment), questionnaire)
    assert [r.respondent for r in again.use_cases[0].responses].count(None) == 2
    ws = store.restore(again)
    stored = store.load(ws.key).use_cases[0].responses
    assert [r.respondent for r in stored][2:4] == ["Anonymous 1", "Anonymous 2"]


def test_use_case_for_every_row_files_everything_under_one_name(questionnaire):
    data = google_csv(questionnaire).replace(b"Use case", b"Department", 1)
    _, result = imported(questionnaire, data, "f.csv", use_case="Call notes")
    assert [uc.name for uc in result.assessment.use_cases] == ["Call notes"]
    assert len(result.assessment.use_cases[0].responses) == 5


def test_without_a_use_case_column_or_name_the_import_says_how_to_give_one(questionnaire):
    data = google_csv(questionnaire).replace(b"Use case", b"Department", 1)
    with pytest.raises(ImportProblem, match="no column headed 'Use case'.*--use-case NAME"):
        imported(questionnaire, data, "f.csv")


def with_cell(data: bytes, row: int, column: int, value: str) -> bytes:
    """The CSV with one cell changed (row as the spreadsheet numbers it, column 0-based)."""
    rows = list(csv.reader(io.StringIO(data.decode(), newline="")))
    rows[row - 1][column] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode()


def test_a_wrong_answer_names_the_row_the_column_and_the_value(questionnaire):
    data = with_cell(google_csv(questionnaire), 4, 3, "Lots of people")
    with pytest.raises(ImportProblem) as caught:
        imported(questionnaire, data, "f.csv")
    message = str(caught.value)
    assert message.startswith(
        "f.csv (UTF-8): row 4, column 'Who relies on this AI use case today?': "
        "'Lots of people': not an answer to reach"
    )


def test_skip_invalid_leaves_bad_rows_out_and_lists_them(questionnaire):
    data = with_cell(google_csv(questionnaire), 4, 3, "Lots of people")
    _, result = imported(questionnaire, data, "f.csv", skip_invalid=True)
    assert [p.row for p in result.skipped] == [4]
    assert sum(len(uc.responses) for uc in result.assessment.use_cases) == 4


def test_the_same_person_twice_for_one_use_case_counts_once_as_their_later_answer(questionnaire):
    """Issue 15: a person who submitted twice must not refuse the file; the later submission
    replaces the earlier one and the import says how many did."""
    _, before = imported(questionnaire, google_csv(questionnaire), "f.csv")
    data = google_csv(questionnaire).replace(b"person2@example.com", b"person0@example.com")
    _, result = imported(questionnaire, data, "f.csv")
    (uc,) = [u for u in result.assessment.use_cases if any(
        r.respondent == "person0@example.com" for r in u.responses)]  # fmt: skip
    people = [r.respondent for r in uc.responses]
    assert people.count("person0@example.com") == 1
    kept = next(r for r in uc.responses if r.respondent == "person0@example.com")
    earlier = next(r for u in before.assessment.use_cases for r in u.responses
                   if r.respondent == "person2@example.com")  # fmt: skip
    assert kept.answers == earlier.answers  # row 4's answers, not row 2's
    assert result.replaced == 1
    assert result.replaced_sentence == (
        "1 later submission of the same person for the same use case replaced the earlier one."
    )


def test_a_formula_or_long_text_is_data_never_a_name_beyond_its_limit(questionnaire):
    data = google_csv(questionnaire).replace(b"Tender drafts", b"=HYPERLINK(1)", 1)
    _, result = imported(questionnaire, data, "f.csv")
    assert "=HYPERLINK(1)" in [uc.name for uc in result.assessment.use_cases]
    long = google_csv(questionnaire).replace(b"Tender drafts", b"x" * 300, 1)
    with pytest.raises(ImportProblem, match="row 3, column 'Use case'"):
        imported(questionnaire, long, "f.csv")


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "empty.csv", "empty.csv: the file is empty"),
        (b"PK\x03\x04garbage", "x.xlsx", "x.xlsx: not a readable Excel workbook"),
        (b"not a zip", "x.xlsx", "x.xlsx: not an Excel workbook"),
        (b"\x81\x8d\x8f\x90\x9d", "x.csv", "x.csv: not text in UTF-8 or Windows-1252"),
        (b"a,b\r\n1,2\r\n", "x.csv", "no column matches a question"),
    ],
)
def test_unreadable_files_are_refused_with_a_sentence(questionnaire, data, filename, expected):
    with pytest.raises(ImportProblem, match=expected):
        imported(questionnaire, data, filename, use_case="Any")


def test_a_mapping_file_names_columns_by_header_and_checks_its_typos(questionnaire):
    headers = ["When", "Who", "Tool", "Reach of it", "Tool settled?"]
    mapping = mapping_from_file(
        {
            "use_case": "tool",
            "respondent": "Who",
            "row_id": "When",
            "questions": {"reach": "reach of it", "tool_standard": "Tool settled?"},
        },
        headers,
        questionnaire,
    )
    assert (mapping.use_case, mapping.respondent, mapping.row_id) == (2, (1,), 0)
    assert mapping.questions == {3: "reach", 4: "tool_standard"}
    with pytest.raises(ImportProblem, match="unknown question id 'raech'"):
        mapping_from_file({"questions": {"raech": "Reach of it"}}, headers, questionnaire)
    with pytest.raises(ImportProblem, match="no column headed 'Nope'"):
        mapping_from_file({"use_case": "Nope"}, headers, questionnaire)


def test_suggestions_match_reworded_headers_to_questions(questionnaire):
    headers = ["Timestamp", "Who relies on this use case?", "How settled is the tool", "Misc"]
    found = suggestions(headers, questionnaire)
    assert (found["reach"], found["tool_standard"], found["decision_impact"]) == (1, 2, None)


def test_two_thousand_rows_import_and_score(questionnaire):
    _, result = imported(questionnaire, large_csv(questionnaire), "big.csv")
    a = result.assessment
    assert (result.rows, len(a.use_cases)) == (2000, 40)
    assert all(r.level for r in results(score(a, questionnaire), a))


def test_a_form_made_from_the_template_maps_itself(questionnaire):
    import re

    from coordination.files.form_template import form_template

    template = form_template(questionnaire, ["Call notes", "Tender drafts"])
    blocks = [b for b in template.split("\n\n") if re.match(r"\d+\. ", b)]
    titles = [re.match(r"\d+\. (.*)", b).group(1) for b in blocks]
    options = [
        [
            line.strip()
            for line in b.splitlines()[2:]
            if not line.strip().startswith(("Type:", "Description:"))
        ]
        for b in blocks
    ]
    # One respondent picks the last option shown for every multiple-choice question.
    row = [opts[-1] if opts else "free text" for opts in options]
    out = io.StringIO()
    csv.writer(out).writerows([["Timestamp", "Email Address", *titles], ["now", "a@b.c", *row]])
    table = table_from_bytes(out.getvalue().encode(), "form.csv")
    mapping = auto_mapping(table.headers, questionnaire)
    assert not [
        line for line in mapping.describe(table.headers, questionnaire) if "no column" in line
    ]
    assert len(mapping.notes) == len(questionnaire.open_questions)
    (uc,) = import_rows(table, mapping, questionnaire, organization="T").assessment.use_cases
    assert uc.name == "Tender drafts"
    assert uc.responses[0].answers == dict.fromkeys(questionnaire.question_ids)  # don't know


def test_importing_into_a_workspace_matches_use_cases_by_name_in_one_go(store, questionnaire):
    ws = store.create_workspace("Importers")
    store.add_use_case(ws.key, "call notes")  # the form's "Call notes", whatever the case
    store.set_answer(ws.key, "call-notes", "person0@example.com", "reach", 0)
    _, result = imported(questionnaire, google_csv(questionnaire), "f.csv")
    merged = store.import_survey(ws.key, result.assessment)
    assert (merged.added_use_cases, merged.new_responses, merged.replaced_responses) == (
        ["Tender drafts"],
        4,
        1,
    )
    a = store.load(ws.key)
    assert [uc.name for uc in a.use_cases] == ["call notes", "Tender drafts"]
    person0 = a.use_cases[0].responses[0]
    assert person0.respondent == "person0@example.com"
    assert person0.answers == result.assessment.use_cases[0].responses[0].answers  # replaced


def test_an_import_with_one_bad_name_writes_nothing(store, questionnaire):
    from coordination.errors import CoordinationError
    from coordination.models import Response, UseCase

    ws = store.create_workspace("Careful")
    _, result = imported(questionnaire, google_csv(questionnaire), "f.csv")
    bad = UseCase(id="x", name="Broken", responses=[Response(respondent="\u202e", answers={})])
    assessment = result.assessment.__class__(
        organization="Careful", use_cases=[*result.assessment.use_cases, bad]
    )
    before = store.version(ws.key)
    with pytest.raises(CoordinationError):
        store.import_survey(ws.key, assessment)
    assert store.load(ws.key).use_cases == [] and store.version(ws.key) == before


def test_a_later_export_of_the_same_form_updates_its_anonymous_rows(store, questionnaire):
    ws = store.create_workspace("Twice")
    _, result = imported(questionnaire, microsoft_csv(questionnaire), "m.csv")
    store.import_survey(ws.key, result.assessment)
    merged = store.import_survey(ws.key, result.assessment)
    assert (merged.new_responses, merged.replaced_responses) == (0, 5)
    labels = [r.respondent for r in store.load(ws.key).use_cases[0].responses]
    assert [x for x in labels if x.startswith("Anonymous")] == [
        "Anonymous (ID 3)",
        "Anonymous (ID 4)",
    ]


def test_anonymous_rows_without_a_row_id_are_new_people_each_time(store, questionnaire):
    ws = store.create_workspace("Twice")
    table, _ = imported(questionnaire, microsoft_csv(questionnaire), "m.csv")
    without_ids = replace(auto_mapping(table.headers, questionnaire), row_id=None)
    result = import_rows(table, without_ids, questionnaire, organization="Twice")
    store.import_survey(ws.key, result.assessment)
    merged = store.import_survey(ws.key, result.assessment)
    assert (merged.new_responses, merged.replaced_responses) == (2, 3)
    labels = [r.respondent for r in store.load(ws.key).use_cases[0].responses]
    assert [x for x in labels if x.startswith("Anonymous")] == [
        "Anonymous 1",
        "Anonymous 2",
        "Anonymous 3",
        "Anonymous 4",
    ]  # numbered as a restore and the deck number them: one scheme
