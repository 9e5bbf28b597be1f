"""The Import answers page: upload, check the mapping, preview, confirm once."""

from __future__ import annotations

from tests.app_helpers import plain, texts
from tests.survey_files import google_csv, microsoft_csv

PAGE = "app_pages/owner/imports.py"


def upload(at, data: bytes, name: str):
    at.file_uploader(key="survey_file").set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_nothing_is_imported_until_confirmed_and_then_only_once(store, owner, questionnaire):
    ws = store.create_workspace("Form users")
    at = upload(owner.open(PAGE, ws=ws.key), google_csv(questionnaire), "Form.csv")
    preview = at.dataframe[0].value
    assert preview["Use case"].tolist() == ["Call notes", "Tender drafts"]
    assert preview["In this workspace"].tolist() == ["new", "new"]
    assert store.load(ws.key).use_cases == []  # a preview writes nothing
    (button,) = [b for b in at.button if b.label.startswith("Import")]
    assert plain(button.label) == "Import five answers into Form users"
    button.click().run()
    a = store.load(ws.key)
    assert [len(uc.responses) for uc in a.use_cases] == [3, 2]
    assert "Imported: five new people" in texts(at)
    (again,) = [b for b in at.button if b.label.startswith("Import")]
    assert again.disabled  # the same file twice would add its anonymous rows twice


def test_a_file_without_a_use_case_column_asks_for_one(store, owner, questionnaire):
    ws = store.create_workspace("One case")
    data = microsoft_csv(questionnaire).replace(b"Use case", b"Team", 1)
    at = upload(owner.open(PAGE, ws=ws.key), data, "answers.csv")
    assert "no column headed 'Use case'" in texts(at)
    at.text_input[0].set_value("Supplier notices").run()
    assert at.dataframe[0].value["Use case"].tolist() == ["Supplier notices"]


def test_a_bad_row_is_named_and_can_be_left_out(store, owner, questionnaire):
    ws = store.create_workspace("Messy")
    data = google_csv(questionnaire).replace(b"Several functions", b"Everyone", 1)
    at = upload(owner.open(PAGE, ws=ws.key), data, "f.csv")
    assert "row 5, column 'Who relies on this AI use case today?'" in texts(at)
    assert not [b for b in at.button if b.label.startswith("Import")]
    at.checkbox(key="survey_skip").check().run()
    assert "Left out: row 5" in texts(at)


def test_user_text_from_the_file_is_shown_literally(store, owner, questionnaire):
    ws = store.create_workspace("Literal")
    data = google_csv(questionnaire).replace(b"Tender drafts", b"**bold** [x](http://e.org)", 1)
    at = upload(owner.open(PAGE, ws=ws.key), data, "f.csv")
    assert "**bold** [x](http://e.org)" in at.dataframe[0].value["Use case"].tolist()


def test_a_later_export_of_the_same_form_adds_only_its_new_rows(store, owner, questionnaire):
    ws = store.create_workspace("Form users")
    at = upload(owner.open(PAGE, ws=ws.key), microsoft_csv(questionnaire), "Form.csv")
    (row_id,) = [s for s in at.selectbox if s.label.startswith("The form's row id")]
    assert row_id.value == 0  # the ID column, found by itself
    assert "adds only its new rows" in texts(at)
    next(b for b in at.button if b.label.startswith("Import")).click().run()
    again = upload(owner.open(PAGE, ws=ws.key), microsoft_csv(questionnaire), "Form.csv")
    next(b for b in again.button if b.label.startswith("Import")).click().run()
    assert "no new people, five updated answer sets" in texts(again)
    assert len(store.load(ws.key).use_cases[0].responses) == 5


def test_a_numeric_form_is_mapped_on_the_page_before_anything_is_read(store, owner, questionnaire):
    """Issue 15: a 1–4 form's numbers are not read as 0–3; the page asks what each means,
    suggests 1→0 … 4→3, and imports what the person confirmed."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["ID", "Email", "Use case", *(x.text for x in questionnaire.questions)])
    for i, said in enumerate(["1", "3", "4", "Partly"]):
        writer.writerow([i + 1, f"p{i}@example.com", "Call notes",
                         *([said] * len(questionnaire.questions))])  # fmt: skip
    ws = store.create_workspace("Numbers")
    at = upload(owner.open(PAGE, ws=ws.key), out.getvalue().encode(), "numbers.csv")
    assert "What the form's answers mean" in texts(at)
    meanings = next(d.value for d in at.dataframe if "Means" in d.value.columns)
    assert dict(zip(meanings["The form says"], meanings["Means"], strict=True)) == {
        "1": questionnaire.scale_name(0),
        "3": questionnaire.scale_name(2),
        "4": questionnaire.scale_name(3),
        "Partly": questionnaire.scale_name(1),
    }
    (button,) = [b for b in at.button if b.label.startswith("Import")]
    button.click().run()
    answers = [set(r.answers.values()) for r in store.load(ws.key).use_cases[0].responses]
    assert answers == [{0}, {2}, {3}, {1}]
