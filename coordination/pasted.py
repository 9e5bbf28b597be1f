"""A pasted list of use cases: one per line, typed or copied from a spreadsheet.

A line holds a use case's name, optionally followed by its function and its tool, separated by
tabs (cells copied from a spreadsheet) or semicolons (`Call summaries; Sales; Gong`). Blank
lines are skipped, and so is a first line that names the columns (`Use case`, `Function`…), the
header a spreadsheet copy brings along. List bullets (`- `, `• `, `1. `) are dropped.

Pure: the page shows what `parse_pasted` returns as a preview, each refused line with a sentence
naming it, and hands the rows to the store, which adds them in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coordination import names
from coordination.errors import InvalidInput
from coordination.inventory import matching

COLUMNS = ("use case", "function", "tool")  # what the cells of a line are, in order
MAX_ROWS = 200  # use cases in one paste: a long list is more likely a wrong clipboard
_BULLET = re.compile(r"^(?:[-*•–]|\d{1,3}[.)])\s+")
_HEADER_NAMES = {"use case", "use cases", "name", "ai use case"}


@dataclass(frozen=True)
class PastedRow:
    line: int  # 1-based, counting blank lines: the line number a person sees
    name: str
    function: str | None = None
    tool: str | None = None

    def as_fields(self) -> dict:
        """What `Store.add_use_cases` takes for this row."""
        return {"name": self.name, "function": self.function, "tool": self.tool}


PREVIEW = ("Line", "Use case", "Function", "Tool")  # the preview's columns
CHANGED = "The list changed: check the new preview, then add."


@dataclass(frozen=True)
class PastedList:
    rows: tuple[PastedRow, ...]
    problems: tuple[str, ...]  # one sentence per refused line, naming the line

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems

    @property
    def problem_text(self) -> str | None:
        """Every refused line, under a sentence saying that nothing is added till then."""
        if not self.problems:
            return None
        return "Nothing is added until these lines are fixed:\n" + "\n".join(self.problems)

    @property
    def preview(self) -> list[dict]:
        """The rows as the preview table shows them, by PREVIEW's columns."""
        cells = ((r.line, r.name, r.function, r.tool) for r in self.rows)
        return [dict(zip(PREVIEW, row, strict=True)) for row in cells]

    @property
    def add_label(self) -> str:
        """The add button's words: "Add 3 use cases", "Add 1 use case"."""
        n = len(self.rows)
        return f"Add {n} use case{'s' * (n != 1)}"


def changed(previewed: tuple[PastedRow, ...], now: PastedList) -> str | None:
    """Why the add button must not add, or None: it adds what the preview showed, and only
    that, so a list changed in the same click (typed, then the button clicked without leaving
    the box) is previewed first."""
    return CHANGED if now.rows != previewed else None


def parse_pasted(
    text: str, existing: Iterable[str] = (), functions: Iterable[str] = ()
) -> PastedList:
    """The use cases in `text`, checked by the same rules as one typed in the form.

    `existing` are the workspace's use case names (a repeat is refused, naming the line);
    `functions` its functions, so `sales` is filed under an existing `Sales`."""
    taken = {name.casefold(): None for name in existing}  # name → the line that added it
    known = list(functions)
    rows: list[PastedRow] = []
    problems: list[str] = []
    first = True
    for number, line in enumerate(text.splitlines(), start=1):
        cells = _cells(line)
        if not cells:
            continue
        if first and cells[0].casefold() in _HEADER_NAMES:
            first = False
            continue
        first = False
        try:
            row = _row(number, cells, known)
            _refuse_repeat(row, taken)
        except InvalidInput as e:
            problems.append(f"Line {number}: {e}")
            continue
        taken[row.name.casefold()] = number
        if row.function:
            known.append(row.function)
        rows.append(row)
    if len(rows) > MAX_ROWS:
        problems.append(f"At most {MAX_ROWS} use cases at once; this list has {len(rows)}.")
    return PastedList(tuple(rows), tuple(problems))


def _cells(line: str) -> list[str]:
    """A line's cells, stripped, without the empty ones a spreadsheet row ends with."""
    cells = [c.strip() for c in line.split("\t" if "\t" in line else ";")]
    while cells and not cells[-1]:
        cells.pop()
    if cells:
        cells[0] = _BULLET.sub("", cells[0])
    return cells


def _row(number: int, cells: list[str], functions: list[str]) -> PastedRow:
    if len(cells) > len(COLUMNS):
        raise InvalidInput(
            f"{len(cells)} columns, but a line holds at most {len(COLUMNS)} ({'; '.join(COLUMNS)})."
        )
    name, function, tool = [*cells, None, None][:3]
    function = names.clean_optional(function, "function")
    return PastedRow(
        line=number,
        name=names.clean_name(name, "use case"),
        function=matching(function, functions),
        tool=names.clean_optional(tool, "tool"),
    )


def _refuse_repeat(row: PastedRow, taken: dict[str, int | None]) -> None:
    key = row.name.casefold()
    if key not in taken:
        return
    if taken[key] is None:
        raise InvalidInput(f"A use case called '{row.name}' already exists in this workspace.")
    raise InvalidInput(f"'{row.name}' is already on line {taken[key]}.")
