"""Spreadsheets in: a CSV or XLSX export of a form, read into plain rows of text.

Real exports differ from the textbook: Google Sheets writes UTF-8 with CRLF and quoted cells
that hold commas and line breaks; Excel saves CSV in Windows-1252 (or UTF-8 with a byte order
mark), sometimes with semicolons; Microsoft Forms' "Open in Excel" workbook has its answers on a
sheet named `Form1` inside an Excel table, a very hidden second sheet, and times as dates.
Whatever the source, a `Table` is a header row and data rows of strings, with the row numbers a
person sees in their spreadsheet (the header is row 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from coordination.errors import ImportProblem

MAX_ROWS = 100_000


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]  # as long as `headers`, "" for an empty cell
    source: str  # what was read, for messages: "answers.csv (Windows-1252)"

    @property
    def first_row(self) -> int:
        """The spreadsheet row number of rows[0]: the header is row 1."""
        return 2


def read_table(path: str | Path) -> Table:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file") from None
    except OSError as e:
        raise ImportProblem(f"{path}: cannot be read ({e.strerror})") from None
    return table_from_bytes(data, path.name)


def table_from_bytes(data: bytes, filename: str) -> Table:
    """A CSV or XLSX file's rows, told apart by content rather than by name alone."""
    if data[:4] == b"PK\x03\x04":
        return _xlsx(data, filename)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportProblem(f"{filename}: not an Excel workbook (.xlsx); save it again from Excel")
    return _csv(data, filename)


# ── CSV ────────────────────────────────────────────────────────────────────────────────────────


def _csv(data: bytes, filename: str) -> Table:
    text, encoding = _decode(data, filename)
    if not text.strip():
        raise ImportProblem(f"{filename}: the file is empty")
    try:
        dialect = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column, or too irregular to guess: plain commas
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as e:
        raise ImportProblem(f"{filename}: not a readable CSV file ({e})") from None
    return _table(rows, f"{filename} ({encoding})")


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """UTF-8 (with or without a byte order mark), UTF-16 as Excel's "Unicode text", else the
    Windows-1252 that Excel uses for "CSV" on Western systems."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as e:
        raise ImportProblem(
            f"{filename}: not text in UTF-8 or Windows-1252 (byte 0x{data[e.start]:02x} at "
            f"position {e.start}); export it again as CSV"
        ) from None


# ── XLSX ───────────────────────────────────────────────────────────────────────────────────────


def _xlsx(data: bytes, filename: str) -> Table:
    import openpyxl  # only when a workbook comes in: it takes a while to import

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign zip
        raise ImportProblem(f"{filename}: not a readable Excel workbook ({e})") from None
    visible = [s for s in book.worksheets if s.sheet_state == "visible"]
    if not visible:
        raise ImportProblem(f"{filename}: the workbook has no visible sheet")
    # Microsoft Forms names its answers sheet Form1; otherwise the first sheet a person sees.
    sheet = next((s for s in visible if s.title.lower().startswith("form")), visible[0])
    rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return _table(rows, f"{filename}, sheet {sheet.title}")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# ── both ───────────────────────────────────────────────────────────────────────────────────────


def _table(rows: list[list[str]], source: str) -> Table:
    rows = _without_trailing_blank_rows(rows)
    if not rows:
        raise ImportProblem(f"{source}: the file has no rows")
    if len(rows) - 1 > MAX_ROWS:
        raise ImportProblem(f"{source}: {len(rows) - 1:,} rows; at most {MAX_ROWS:,} at once")
    width = max(map(len, rows))
    headers = [h.strip() for h in _padded(rows[0], width)]
    return Table(headers, [_padded(r, width) for r in rows[1:]], source)


def _padded(row: list[str], width: int) -> list[str]:
    return list(row) + [""] * (width - len(row))


def _without_trailing_blank_rows(rows: list[list[str]]) -> list[list[str]]:
    end = len(rows)
    while end and not any(cell.strip() for cell in rows[end - 1]):
        end -= 1
    return rows[:end]
