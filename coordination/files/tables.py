"""Spreadsheets in: a CSV or XLSX export of a form, read into plain rows of text.

Real exports differ from the textbook: Google Sheets writes UTF-8 with CRLF and quoted cells
that hold commas and line breaks; Excel saves CSV in Windows-1252 (or UTF-8 with a byte order
mark), sometimes with semicolons; Microsoft Forms' "Open in Excel" workbook has its answers on a
sheet named `Form1` inside an Excel table, a very hidden second sheet, and times as dates.
Whatever the source, a `Table` is a header row and data rows of strings, with the row numbers a
person sees in their spreadsheet (the header is row 1).

Every file is read within the bounds of `limits`, checked while it is read: a file past one is
refused with a sentence naming the bound before the rest of it is looked at.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from coordination.errors import ImportProblem
from coordination.files import limits
from coordination.files.limits import MAX_CELL, MAX_COLUMNS, MAX_ROWS, column_letter

SNIFFED = 20_000  # characters the dialect is guessed from


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
        with path.open("rb") as file:
            # The size before the bytes: a 2 GB file is refused without being read.
            limits.check_upload(path.stat().st_size, path.name)
            data = file.read(limits.MAX_UPLOAD + 1)  # a pipe or a device has no size
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportProblem(f"{path}: is a folder, not a file") from None
    except OSError as e:
        raise ImportProblem(f"{path}: cannot be read ({e.strerror})") from None
    return table_from_bytes(data, path.name)


def table_from_bytes(data: bytes, filename: str) -> Table:
    """A CSV or XLSX file's rows, told apart by content rather than by name alone."""
    limits.check_upload(len(data), filename)
    if data[:4] == b"PK\x03\x04":
        from coordination.files.workbook import read_workbook

        rows, sheet = read_workbook(data, filename)
        return _table(rows, f"{filename}, sheet {sheet}")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportProblem(f"{filename}: not an Excel workbook (.xlsx); save it again from Excel")
    return _csv(data, filename)


# ── CSV ────────────────────────────────────────────────────────────────────────────────────────


def _csv(data: bytes, filename: str) -> Table:
    encoding, name = _encoding(data, filename)
    head = data[: SNIFFED * 4].decode(encoding, errors="ignore")[:SNIFFED]
    if len(data) <= SNIFFED and not head.strip():
        raise ImportProblem(f"{filename}: the file is empty")
    source = f"{filename} ({name})"
    # Decoded as it is read: the whole text never sits in memory next to the bytes.
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    rows = _bounded_rows(csv.reader(text, RFC4180, delimiter=_delimiter(head)), source)
    return _table(_same_width(rows, source), source)


class RFC4180(csv.excel):
    """Quotes as every form export writes them: a field in double quotes, a quote inside it
    doubled. Never guessed: csv.Sniffer took doubled quotes for something else and cut an answer
    short ("good enough"" in review), shifting the columns after it without a word."""

    doublequote = True
    quotechar = '"'
    skipinitialspace = False


def _delimiter(head: str) -> str:
    """Comma, semicolon (Excel where the decimal mark is a comma) or tab (Unicode text): the
    one the header line uses most, outside quotes."""
    first = head.splitlines()[0] if head.strip() else ""
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _same_width(rows: list[list[str]], source: str) -> list[list[str]]:
    """Every row as wide as the header: a row with more or fewer fields is refused by its
    number (an unbalanced quote or a separator in an answer would shift its answers into the
    wrong columns). Empty fields past the header's end are no fields."""
    if not rows:
        return rows
    width = len(_trimmed(rows[0]))
    for number, row in enumerate(rows[1:], 2):
        if len(_trimmed(row)) > width or 0 < len(row) < width:
            raise ImportProblem(
                f"{source}: row {number} has {len(_trimmed(row))} fields where the header has "
                f"{width}: a quote or a separator in an answer may have been written unpaired; "
                "export the form again, or fix that row in a spreadsheet"
            )
    return rows


def _trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]


def _bounded_rows(reader, source: str) -> list[list[str]]:
    """The rows, refused at the first one past a bound. Blank rows are counted, not kept, until
    a row with text follows them: blank lines at the end never count against the bound."""
    rows: list[list[str]] = []
    blank = 0
    try:
        for row in reader:
            number = len(rows) + blank + 1  # as the spreadsheet numbers it
            if not any(cell.strip() for cell in row):
                blank += 1
                continue
            if number > MAX_ROWS + 1:
                raise limits.too_many_rows(source)
            _check_cells(row, number, source)
            rows.extend([] for _ in range(blank))
            blank = 0
            rows.append(row[:MAX_COLUMNS])
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            # The csv module stops a field at 131,072 characters, before our bound could.
            number = len(rows) + blank + 1
            raise limits.cell_too_long(
                source, number, None, f"more than {csv.field_size_limit():,}"
            ) from None
        raise ImportProblem(f"{source}: not a readable CSV file ({e})") from None
    return rows


def _check_cells(row: list[str], number: int, source: str) -> None:
    if len(row) > MAX_COLUMNS and any(cell.strip() for cell in row[MAX_COLUMNS:]):
        raise limits.too_many_columns(source, number, f"{len(row):,}")
    for i, cell in enumerate(row[:MAX_COLUMNS]):
        if len(cell) > MAX_CELL:
            raise limits.cell_too_long(source, number, column_letter(i + 1), f"{len(cell):,}")


def _encoding(data: bytes, filename: str) -> tuple[str, str]:
    """The codec that reads the file and its name for people: UTF-8 (with or without a byte
    order mark), UTF-16 as Excel's "Unicode text", else the Windows-1252 that Excel uses for
    "CSV" on Western systems. Checked in pieces, so the decoded text is never held whole."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", "UTF-8")]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", "UTF-16")]
    else:
        candidates = [("utf-8", "UTF-8"), ("cp1252", "Windows-1252")]
    for codec, name in candidates:
        bad = _first_undecodable(data, codec)
        if bad is None:
            return codec, name
    raise ImportProblem(
        f"{filename}: not text in {' or '.join(n for _, n in candidates)} (byte "
        f"0x{data[bad]:02x} at position {bad}); export it again as CSV"
    )


def _first_undecodable(data: bytes, codec: str, piece: int = 1 << 20) -> int | None:
    decoder = codecs.getincrementaldecoder(codec)()
    for start in range(0, len(data), piece):
        try:
            decoder.decode(data[start : start + piece], final=start + piece >= len(data))
        except UnicodeDecodeError as e:
            return min(max(start + e.start, 0), len(data) - 1)
    return None


# ── both ───────────────────────────────────────────────────────────────────────────────────────


def _table(rows: list[list[str]], source: str) -> Table:
    rows = _without_trailing_blank_rows(rows)
    if not rows:
        raise ImportProblem(f"{source}: the file has no rows")
    if len(rows) - 1 > MAX_ROWS:
        raise limits.too_many_rows(source)
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
