"""The bounds on an imported spreadsheet, in one place, and the sentences that name them.

A form export is small: a few hundred people, a few dozen columns. The bounds leave room for
ten times that and stop a file that would hold the server's memory (a 354 KB workbook of
100,000 × 50 cells once took it from 845 MB to 2.95 GB). They are checked while a file is read,
before anything is built from it: the upload's size, the bytes a workbook inflates to (counted
as they come out, never taken from the zip's own declarations), then rows, columns and cells.
"""

from __future__ import annotations

from coordination.errors import ImportProblem

MAX_UPLOAD_MB = 20
MAX_UPLOAD = MAX_UPLOAD_MB * 1_000_000  # bytes of the file as uploaded
MAX_UNPACKED = 50_000_000  # bytes a workbook's parts may inflate to, all parts together
MAX_MEMBERS = 1_000  # parts in a workbook: a real export has a few dozen
MAX_ROWS = 5_000  # rows under the header
MAX_COLUMNS = 300
MAX_CELL = 10_000  # characters in one cell
MAX_SHARED_STRINGS = (MAX_ROWS + 1) * MAX_COLUMNS  # more than the cells could ever use


def described() -> str:
    """The bounds in a sentence, for help texts."""
    return (
        f"A file may be at most {MAX_UPLOAD_MB} MB (a workbook {MAX_UNPACKED // 1_000_000} MB "
        f"unpacked), with {MAX_ROWS:,} rows, {MAX_COLUMNS} columns and {MAX_CELL:,} characters "
        "a cell."
    )


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def check_upload(size: int, filename: str) -> None:
    if size > MAX_UPLOAD:
        raise ImportProblem(
            f"{filename}: the file is {_mb(size)}; a survey export may be at most "
            f"{MAX_UPLOAD_MB} MB"
        )


def too_many_members(count: int | str, filename: str) -> ImportProblem:
    count = f"{count:,}" if isinstance(count, int) else count
    return ImportProblem(
        f"{filename}: the workbook holds {count} parts; at most {MAX_MEMBERS:,} are read "
        "(save it again from Excel)"
    )


def unpacks_too_far(filename: str) -> ImportProblem:
    return ImportProblem(
        f"{filename}: the workbook unpacks to more than {_mb(MAX_UNPACKED)}; at most "
        f"{_mb(MAX_UNPACKED)} are read (a survey export unpacks to far less)"
    )


def too_many_rows(source: str) -> ImportProblem:
    return ImportProblem(
        f"{source}: more than {MAX_ROWS:,} rows under the header; at most {MAX_ROWS:,} are "
        "imported at once (split the file)"
    )


def too_many_columns(source: str, row: int, columns: int | str) -> ImportProblem:
    return ImportProblem(
        f"{source}: row {row} has {columns} columns; at most {MAX_COLUMNS:,} are read "
        "(leave out the columns you do not need)"
    )


def cell_too_long(source: str, row: int, column: str | None, length: str) -> ImportProblem:
    where = f"row {row}, column {column} holds" if column else f"row {row} holds a cell of"
    return ImportProblem(
        f"{source}: {where} {length} characters; a cell may hold at most {MAX_CELL:,}"
    )


def too_many_strings(source: str) -> ImportProblem:
    return ImportProblem(
        f"{source}: the workbook's table of texts holds more than {MAX_SHARED_STRINGS:,} "
        "entries, more than its cells could use; save it again from Excel"
    )


def column_letter(i: int) -> str:
    """A spreadsheet's column letter from a 1-based number: 1 → A, 27 → AA."""
    letters = ""
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters
