"""Survey exports as Google Forms and Microsoft Forms write them, quirks included, for tests and
the benchmark. Headers are the questionnaire's question texts, as a form made from the app's
form template has them."""

from __future__ import annotations

import csv
import io

from coordination.method.questionnaire import Questionnaire

PEOPLE = ["ann@example.com", "ben@example.com", "anonymous", "", "dora@example.com"]


def google_csv(q: Questionnaire, rows: int = 5) -> bytes:
    """Google Sheets' CSV: Timestamp, Email Address, a "Use case" question, the trace
    questions with answers in odd case and trailing spaces, a quiz Score column, an open
    question whose answer holds a comma and a line break; CRLF line ends, UTF-8."""
    headers = ["Timestamp", "Email Address", "Use case", *(x.text for x in q.questions)]
    headers += ["Score", q.open_questions[0].text]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for n in range(rows):
        answers = [_label(q, x.id, n + k) for k, x in enumerate(q.questions)]
        answers[2] = answers[2].upper() + "  "  # case and trailing spaces do not matter
        answers[5] = ""  # unanswered
        answers[6] = "Don't know"
        use_case = ["Call notes", "Tender drafts"][n % 2]
        writer.writerow(
            [
                f"2026/11/{n % 28 + 1:02d} 10:1{n % 10}:00 AM GMT+1",
                f"person{n}@example.com",
                use_case,
                *answers,
                "",
                "In the CRM, then a call, maybe\nthe next day",
            ]
        )
    return out.getvalue().encode("utf-8")


def microsoft_csv(q: Questionnaire) -> bytes:
    """Microsoft Forms opened in Excel and saved as CSV: Windows-1252, ID, Start time,
    Completion time, Email, Name, "anonymous" e-mails, a column added after export
    (Column1 with #VALUE!) and an empty header."""
    headers = ["ID", "Start time", "Completion time", "Email", "Name", "Use case"]
    headers += [x.text for x in q.questions] + ["Column1", ""]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for n, email in enumerate(PEOPLE):
        name = "Zoë Müller" if n == 1 else ""
        answers = [_label(q, x.id, n + k) for k, x in enumerate(q.questions)]
        writer.writerow(
            [n + 1, "11/3/26 9:01:22", "11/3/26 9:05:40", email or "anonymous", name]
            + ["Supplier notices — EU"]
            + answers
            + ["#VALUE!", ""]
        )
    return out.getvalue().encode("cp1252")


def microsoft_xlsx(q: Questionnaire) -> bytes:
    """Microsoft Forms' "Open in Excel": sheet Form1 holding an Excel table, a very hidden
    second sheet, times as dates (Excel serial numbers underneath)."""
    import datetime as dt

    import openpyxl
    from openpyxl.worksheet.table import Table as ExcelTable

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form1"
    headers = ["Id", "Start time", "Completion time", "Email", "Name", "Use case"]
    headers += [x.text for x in q.questions]
    sheet.append(headers)
    for n, email in enumerate(PEOPLE):
        when = dt.datetime(2026, 11, 3, 9, n)
        answers = [_label(q, x.id, n + k) for k, x in enumerate(q.questions)]
        sheet.append([n + 1, when, when, email or "anonymous", "", "Call notes", *answers])
    last = openpyxl.utils.get_column_letter(len(headers))
    sheet.add_table(ExcelTable(displayName="Table1", ref=f"A1:{last}{len(PEOPLE) + 1}"))
    hidden = book.create_sheet("Form_meta")
    hidden.append(["internal", "do not import"])
    hidden.sheet_state = "veryHidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def large_csv(q: Questionnaire, rows: int = 2000) -> bytes:
    headers = ["Timestamp", "Email Address", "Use case", *(x.text for x in q.questions)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for n in range(rows):
        answers = [_label(q, x.id, n * 7 + k) for k, x in enumerate(q.questions)]
        writer.writerow(["2026/11/03", f"p{n}@example.com", f"Use case {n % 40}", *answers])
    return out.getvalue().encode("utf-8")


def _label(q: Questionnaire, qid: str, n: int) -> str:
    return q.question(qid).answers[n % 4]
