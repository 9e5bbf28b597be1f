"""A sheet's cells read from the stream: the table of texts, each cell's value as a person sees
it (dates by their number format), a row, column or text past its bound refused where it is."""

from __future__ import annotations

import datetime as dt

from coordination.files import limits
from coordination.files.workbook_parts import Parts, Unreadable

Rows = list[list[str]]


class Long(int):
    """A shared string longer than a cell may hold: only its length is kept."""


def shared_strings(parts: Parts, name: str | None, source: str) -> list[str | Long]:
    strings: list[str | Long] = []
    if name not in parts.names:
        return strings
    text = Text()
    depth = {"si": False, "rPh": 0}

    def start(tag, attrs):
        if tag == "si":
            depth["si"] = True
            text.reset()
        elif tag == "rPh":  # a phonetic guide for East Asian text: not part of the value
            depth["rPh"] += 1
        elif tag == "t" and depth["si"] and not depth["rPh"]:
            text.on = True

    def end(tag):
        if tag == "si":
            depth["si"] = False
            if len(strings) >= limits.MAX_SHARED_STRINGS:
                raise limits.too_many_strings(source)
            strings.append(text.value().replace("x005F_", "") if not text.long else text.value())
        elif tag == "rPh":
            depth["rPh"] -= 1
        elif tag == "t":
            text.on = False

    parts.parse(name, start, end, text.add)
    return strings


class Text:
    """The characters of one value, kept up to the cell bound; past it, only counted."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.on = False

    @property
    def long(self) -> bool:
        return self.length > limits.MAX_CELL

    def add(self, data: str) -> None:
        if self.on:
            self.length += len(data)
            if not self.long:
                self.pieces.append(data)

    def value(self) -> str | Long:
        return Long(self.length) if self.long else "".join(self.pieces)


# ── the sheet ──────────────────────────────────────────────────────────────────────────────────


class Sheet:
    def __init__(self, strings, styles, date1904: bool, source: str) -> None:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        self.from_excel = from_excel
        self.strings = strings
        self.dates, self.durations = styles
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.source = source
        self.rows: Rows = []
        self.row = 0  # the spreadsheet's number of the row being read
        self.cells: dict[int, str] = {}
        self.column = 0
        self.cell: dict = {}
        self.text = Text()
        self.inline = 0  # inside an inline string (<is>), outside its phonetic guides

    def read(self, parts: Parts, name: str) -> Rows:
        parts.parse(name, self.start, self.end, self.text.add)
        return self.rows

    def start(self, tag: str, attrs: dict) -> None:
        if tag == "row":
            self.row = _number(attrs.get("r")) or self.row + 1
            self.cells = {}
            self.column = 0
        elif tag == "c":
            ref = attrs.get("r")
            self.column = (_column(ref) if ref else 0) or self.column + 1
            self.cell = attrs
            self.text.reset()
        elif tag == "v" or (tag == "t" and self.inline == 1):
            self.text.on = True
        elif tag == "is":
            self.inline = 1
        elif tag == "rPh" and self.inline:
            self.inline += 1

    def end(self, tag: str) -> None:
        if tag in ("v", "t"):
            self.text.on = False
        elif tag == "is":
            self.inline = 0
        elif tag == "rPh" and self.inline:
            self.inline -= 1
        elif tag == "c":
            self._cell()
        elif tag == "row" and self.cells:
            self._row()

    def _cell(self) -> None:
        raw = self.text.value()
        if isinstance(raw, Long):
            self._too_long(raw)
        value = self._value(raw)
        if isinstance(value, Long):
            self._too_long(value)
        if not value:
            return  # an empty cell, perhaps formatted, far away or not: nothing to keep
        if self.row > limits.MAX_ROWS + 1:
            raise limits.too_many_rows(self.source)
        if self.column > limits.MAX_COLUMNS:
            raise limits.too_many_columns(
                self.source,
                self.row,
                f"a value in column {limits.column_letter(self.column)} "
                f"({self.column:,}) and so more than {limits.MAX_COLUMNS:,}",
            )
        self.cells[self.column] = value

    def _too_long(self, length: int) -> None:
        column = limits.column_letter(self.column)
        raise limits.cell_too_long(self.source, self.row, column, f"{length:,}")

    def _row(self) -> None:
        while len(self.rows) < self.row:
            self.rows.append([])
        width = max(self.cells)
        row = self.rows[self.row - 1]
        row.extend([""] * (width - len(row)))
        for column, value in self.cells.items():
            row[column - 1] = value

    def _value(self, raw: str) -> str | Long:
        kind = self.cell.get("t", "n")
        if kind == "s":
            return self._shared(raw)
        if kind == "b":
            return {"0": "FALSE", "1": "TRUE"}.get(raw.strip(), raw)
        if kind == "n" and raw:
            return self._number(raw)
        if kind == "d" and raw:
            from openpyxl.utils.datetime import from_ISO8601

            try:
                return cell_text(from_ISO8601(raw))
            except ValueError:
                return raw
        return raw  # inline strings, formula results as text ("str"), errors ("#VALUE!")

    def _shared(self, raw: str) -> str | Long:
        try:
            return self.strings[int(raw)]
        except (ValueError, IndexError):
            raise Unreadable(
                f"cell {self._ref()} names text {raw[:20]!r} that is not there"
            ) from None

    def _number(self, raw: str) -> str:
        try:
            value = float(raw) if "." in raw or "e" in raw or "E" in raw else int(raw)
        except ValueError:
            return raw  # not a number after all (or an int too long to convert): as written
        style = self.cell.get("s")
        if style is None or not self.dates:
            return cell_text(value)
        style = _number(style) or 0
        if style in self.dates:
            try:
                value = self.from_excel(value, self.epoch, timedelta=style in self.durations)
            except (OverflowError, ValueError):
                return "#VALUE!"  # a date out of range, as openpyxl showed it
        return cell_text(value)

    def _ref(self) -> str:
        return f"{limits.column_letter(self.column)}{self.row}"


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 10 else None


_COLUMNS: dict[str, int] = {}


def _column(ref: str) -> int:
    """The column number of a cell reference: "B7" → 2 (0 when it has no letters)."""
    letters = ref.rstrip("0123456789")
    n = _COLUMNS.get(letters)
    if n is None:
        n = 0
        for char in letters.upper():
            n = n * 26 + ord(char) - 64 if "A" <= char <= "Z" else n
        if len(_COLUMNS) < 20_000:  # Excel has 16,384 columns; stranger names are not kept
            _COLUMNS[letters] = n
    return n


def cell_text(value) -> str:
    """A cell's value as the text a person sees (openpyxl's types as they were shown)."""
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
