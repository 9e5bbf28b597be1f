"""Spreadsheets out: results, raw answers and the inventory as CSV (UTF-8 with a byte order
mark, so Excel reads accents) and as one XLSX workbook.

What a person reads in them: "Don't know" and "Not answered" are different words, yes/no
instead of True/False, every inventory column. And nothing in them runs: a cell that a
spreadsheet would take for a formula (starting with =, +, -, @, a tab or a carriage return,
also after leading spaces) is neutralized. In CSV it gets a leading apostrophe, the usual
guard; in XLSX it is stored as a text cell, so it shows exactly as typed and is never computed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pandas as pd

from coordination.progress.plan import frame as plan_frame
from coordination.progress.plan import plan_rows
from coordination.progress.since import Since
from coordination.report.orgmap import OrgMap
from coordination.workshop.agreed import agreed_frame, agreement

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def results_table(org: OrgMap) -> pd.DataFrame:
    """One row per use case: its trace, level (provisional or not), answers and next steps."""
    return org.results_frame()


def answers_table(org: OrgMap) -> pd.DataFrame:
    """One row per person and use case, with their answers in words and their notes. Names are
    as the read side labelled them: an anonymous workshop's read "Participant n"."""
    from coordination.respondents import anonymous_labels

    q = org.questionnaire
    note_labels = _note_columns(q)
    rows = []
    for uc in org.assessment.use_cases:
        labels = anonymous_labels(r.respondent for r in uc.responses)
        for r, label in zip(uc.responses, labels, strict=True):
            row = {"use case id": uc.id, "use case": uc.name, "respondent": label}
            for x in q.questions:
                row[f"answer: {x.label}"] = _answer(q, x.id, r.answers)
            for key, column in note_labels.items():
                row[column] = r.notes.get(key, "")
            rows.append(row)
    return pd.DataFrame(rows, columns=_answer_columns(q) if not rows else None)


def _answer(q, question_id: str, answers: dict) -> str:
    if question_id not in answers:
        return q.scale.unanswered
    value = answers[question_id]
    return q.scale.dont_know if value is None else f"{value} · {q.answer_label(question_id, value)}"


def _note_columns(q) -> dict[str, str]:
    """A column per note, never two under one header: a trace question's evidence note and an
    open question may share a label ("Review criteria"), and a spreadsheet kept only one."""
    columns = {x.id: f"evidence: {x.label}" for x in q.questions}
    columns |= {x.id: f"open question: {x.label}" for x in q.open_questions}
    taken = Counter(columns.values())
    return {k: f"{c} ({k})" if taken[c] > 1 else c for k, c in columns.items()}


def _answer_columns(q) -> list[str]:
    return [
        "use case id",
        "use case",
        "respondent",
        *(f"answer: {x.label}" for x in q.questions),
        *_note_columns(q).values(),
    ]


def inventory_table(org: OrgMap) -> pd.DataFrame:
    """Every field of every use case, retired ones included, as the inventory holds them."""
    levels = org.levels.set_index("id")
    return pd.DataFrame(
        [
            {
                "id": uc.id,
                "use case": uc.name,
                "function": uc.function or "",
                "also involved": ", ".join(uc.involved),
                "objective": uc.objective or "",
                "tool": uc.tool or "",
                "notes": uc.notes or "",
                "retired": "yes" if uc.retired else "no",
                "respondents": len(uc.responses),
                "trace": levels.loc[uc.id, "trace"],
            }
            for uc in org.assessment.use_cases
        ],
        columns=[
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
        ],
    )


def sheets(
    org: OrgMap, since: Since | None = None, today: dt.date | None = None
) -> dict[str, pd.DataFrame]:
    """Results, answers and the inventory; the plan when there is one; with a baseline, a
    "Changes" sheet (the map's "what changed" table)."""
    tables = {
        "Results": results_table(org),
        "Answers": answers_table(org),
        "Inventory": inventory_table(org),
    }
    if any(uc.agreed for uc in org.assessment.use_cases):
        tables["Agreed"] = agreed_table(org)
    if any(uc.plan for uc in org.assessment.use_cases):
        tables["Plan"] = plan_table(org, today or dt.date.today())
    if since is not None:
        tables["Changes"] = since.frame()
    return tables


def agreed_table(org: OrgMap) -> pd.DataFrame:
    """Per use case agreed in a workshop and per question: the agreed answer, the room's
    combined answer and the team's why."""
    q, frames = org.questionnaire, []
    for uc in org.assessment.use_cases:
        if found := agreement(q, uc, org.results[uc.id]):
            frame = agreed_frame(found)
            frame.insert(0, "Use case", uc.name)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def plan_table(org: OrgMap, today: dt.date) -> pd.DataFrame:
    answers = {k: r.answers for k, r in org.results.items()}
    return plan_frame(org.questionnaire, plan_rows(org.assessment.use_cases, answers, today))


# ── safe cells ─────────────────────────────────────────────────────────────────────────────────


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet run this? Also when spaces come first: Excel trims them on entry,
    and trimming `\\t=1+1` leaves a live `=1+1`."""
    return text.startswith(FORMULA_STARTS) or text.lstrip(" \t\r\n").startswith(FORMULA_STARTS)


def neutralized(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and header that looks like a formula gets a leading apostrophe."""

    def safe(value):
        if isinstance(value, str) and is_formula_like(value):
            return "'" + value
        return value

    out = frame.map(safe)
    out.columns = [safe(str(c)) for c in frame.columns]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    return neutralized(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(tables: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per table, a bold frozen header, columns wide enough to read, and every text
    cell stored as text (a value typed as "=1+1" shows as "=1+1")."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for title, frame in tables.items():
        sheet = book.create_sheet(title)
        sheet.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([_xlsx_value(v) for v in row])
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never "f": text that starts with "=" stays text
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions  # sort and filter from the header
        for k, column in enumerate(frame.columns, 1):
            longest = max(
                [len(str(column)), *(len(str(v)) for v in frame.iloc[:, k - 1])], default=8
            )
            sheet.column_dimensions[sheet.cell(1, k).column_letter].width = min(max(longest, 8), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value):
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy and pandas scalars
        return value.item()
    return value
