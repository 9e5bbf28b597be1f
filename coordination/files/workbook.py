"""An XLSX workbook's answers sheet, read as a stream and refused as soon as a bound is crossed.

openpyxl builds every cell of a sheet as an object first (a 354 KB file of 100,000 × 50 cells
took 2 GB) and reads the table of texts whole; its read-only mode still reads that table and the
styles in one piece. Here each part is inflated in small chunks, counted against one budget
(`limits.MAX_UNPACKED`), and parsed by expat with handlers that keep only what a cell needs:
no tree is built, and a row, column or cell past its bound stops the reading right there.

What is read matches what openpyxl gave before: the first visible sheet, or the first visible
one whose name starts with "Form" (Microsoft Forms' answers sheet); hidden and very hidden
sheets are skipped; dates and times come from the cell's number format, in the workbook's
calendar (1900 or 1904); rows and columns start at A1, gaps included.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from xml.parsers import expat

from coordination.errors import ImportProblem
from coordination.files import limits

CHUNK = 64 * 1024
Rows = list[list[str]]


class _Unreadable(Exception):
    """The workbook's structure is broken; the message says where."""


def read_workbook(data: bytes, filename: str) -> tuple[Rows, str]:
    """The answers sheet's rows of text (header first) and its name."""
    _check_directory(data, filename)
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise ImportProblem(f"{filename}: not a readable Excel workbook ({e})") from None
    if len(book.infolist()) > limits.MAX_MEMBERS:
        raise limits.too_many_members(len(book.infolist()), filename)
    parts = _Parts(book, filename)
    try:
        return _read(parts, filename)
    except _Unreadable as e:
        raise ImportProblem(f"{filename}: not a readable Excel workbook ({e})") from None
    except (
        zipfile.BadZipFile,
        RuntimeError,  # an encrypted part
        NotImplementedError,  # a compression zipfile does not know
        EOFError,
        zlib.error,
        OSError,
        ValueError,
        expat.ExpatError,
    ) as e:
        raise ImportProblem(f"{filename}: not a readable Excel workbook ({e})") from None


def _check_directory(data: bytes, filename: str) -> None:
    """Refuse a zip whose table of contents lists more parts than a workbook has, before
    zipfile makes an object for each: 20 MB of directory would be 200,000 of them (110 MB).
    The counts are read where zipfile reads them: the end record, and the Zip64 end record
    that overrides it when one precedes it."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return  # zipfile names the problem
    _, _, _, _, entries, size, _, _ = struct.unpack("<4s4H2LH", data[end : end + 22])
    _check_counts(entries, size, filename)
    if end >= 76 and data[end - 20 : end - 16] == b"PK\x06\x07":
        record = data[end - 76 : end - 20]
        if record[:4] == b"PK\x06\x06":
            _, _, _, _, _, _, _, entries, size, _ = struct.unpack("<4sQ2H2L4Q", record)
            _check_counts(entries, size, filename)


def _check_counts(entries: int, size: int, filename: str) -> None:
    if entries > limits.MAX_MEMBERS:
        raise limits.too_many_members(entries, filename)
    if size > limits.MAX_MEMBERS * 1024:  # a directory that lies about its count
        raise limits.too_many_members(
            f"{size:,} bytes of table of contents, so more than {limits.MAX_MEMBERS:,}", filename
        )


class _Parts:
    """The workbook's parts, each inflated in chunks against one budget for all of them."""

    def __init__(self, book: zipfile.ZipFile, filename: str) -> None:
        self.book = book
        self.filename = filename
        self.left = limits.MAX_UNPACKED
        self.names = set(book.namelist())

    def chunks(self, name: str) -> Iterator[bytes]:
        if name not in self.names:
            raise _Unreadable(f"no part {name}")
        with self.book.open(name) as part:
            while chunk := part.read(CHUNK):
                self.left -= len(chunk)
                if self.left < 0:
                    raise limits.unpacks_too_far(self.filename)
                yield chunk

    def parse(self, name: str, start: Callable, end: Callable | None = None, text=None) -> None:
        """Run expat over a part with handlers that receive local names (no prefix)."""
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.buffer_size = CHUNK
        end = end or _ignore

        def root(tag: str, attrs: dict) -> None:
            # Excel writes names without a prefix (<c>); some writers use one (<x:c>). Only then
            # do the handlers go through a translation: a sheet has a million elements.
            if ":" in tag:
                parser.StartElementHandler = lambda tag, attrs: start(_local(tag), attrs)
                parser.EndElementHandler = lambda tag: end(_local(tag))
            else:
                parser.StartElementHandler, parser.EndElementHandler = start, end
            start(_local(tag), attrs)

        parser.StartElementHandler = root
        parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        # A workbook has no document type: one that declares entities is refused outright.
        parser.StartDoctypeDeclHandler = _no_doctype
        for chunk in self.chunks(name):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _no_doctype(*_) -> None:
    raise _Unreadable("a part declares a document type")


def _ignore(*_) -> None:
    pass


def _local(tag: str) -> str:
    return tag.rpartition(":")[2]


def _attr(attrs: dict, name: str) -> str | None:
    """An attribute by local name: `r:id` and `id` alike."""
    for key, value in attrs.items():
        if _local(key) == name:
            return value
    return None


# ── the workbook's map: which part is which sheet ──────────────────────────────────────────────


def _read(parts: _Parts, filename: str) -> tuple[Rows, str]:
    main = _targets(parts, "_rels/.rels", "").get("officeDocument", ["xl/workbook.xml"])[0]
    folder = posixpath.dirname(main)
    rels = _relations(parts, posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels"))
    sheets, date1904 = _sheets(parts, main)
    visible = [s for s in sheets if s[1] not in ("hidden", "veryHidden")]
    if not visible:
        raise ImportProblem(f"{filename}: the workbook has no visible sheet")
    # Microsoft Forms names its answers sheet Form1; otherwise the first sheet a person sees.
    # An empty sheet before the answers ("Form Responses 2" left blank) is passed over: the
    # first of them with a row below its header is the one read.
    order = sorted(visible, key=lambda s: not s[0].lower().startswith("form"))
    kinds = {}
    for kind, target in rels.values():
        kinds.setdefault(kind, _path(folder, target))
    styles = _date_styles(parts, kinds.get("styles"))
    strings = None
    first = None
    for title, _, rid in order:
        if rid not in rels:
            raise _Unreadable(f"sheet {title} has no part")
        source = f"{filename}, sheet {title}"
        if strings is None:
            strings = _shared_strings(parts, kinds.get("sharedStrings"), source)
        rows = _Sheet(strings, styles, date1904, source).read(parts, _path(folder, rels[rid][1]))
        first = first or (rows, title)
        if sum(any(str(c).strip() for c in row) for row in rows) > 1:
            return rows, title
    return first


def _relations(parts: _Parts, name: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (kind, target) of one part; none when the part has no relations."""
    found: dict[str, tuple[str, str]] = {}
    if name not in parts.names:
        return found

    def start(tag, attrs):
        if tag == "Relationship" and attrs.get("Id") and attrs.get("Target"):
            found[attrs["Id"]] = (attrs.get("Type", "").rpartition("/")[2], attrs["Target"])

    parts.parse(name, start)
    return found


def _targets(parts: _Parts, name: str, folder: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, target in _relations(parts, name).values():
        out.setdefault(kind, []).append(_path(folder, target))
    return out


def _path(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


def _sheets(parts: _Parts, name: str) -> tuple[list[tuple[str, str, str]], bool]:
    """Each sheet's (name, state, relationship id) in the workbook's order, and whether the
    workbook counts dates from 1904 (older Mac Excel)."""
    sheets: list[tuple[str, str, str]] = []
    date1904 = [False]

    def start(tag, attrs):
        if tag == "sheet":
            if len(sheets) >= limits.MAX_MEMBERS:
                raise _Unreadable("too many sheets")
            sheets.append(
                (attrs.get("name", ""), attrs.get("state", "visible"), _attr(attrs, "id"))
            )
        elif tag == "workbookPr":
            date1904[0] = attrs.get("date1904", "").lower() in ("1", "true")

    parts.parse(name, start)
    return sheets, date1904[0]


def _date_styles(parts: _Parts, name: str | None) -> tuple[set[int], set[int]]:
    """Which cell styles show a date (and which of those a duration), by number format."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    if name not in parts.names:
        return set(), set()  # no styles: every number is a number
    custom: dict[int, str] = {}
    formats: list[int] = []
    inside = [False]

    def start(tag, attrs):
        if tag == "numFmt" and attrs.get("numFmtId", "").isdigit():
            custom[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            inside[0] = True
        elif tag == "xf" and inside[0]:
            fmt = attrs.get("numFmtId", "0")
            formats.append(int(fmt) if fmt.isdigit() else 0)

    def end(tag):
        if tag == "cellXfs":
            inside[0] = False

    parts.parse(name, start, end)
    dates, durations = set(), set()
    for style, fmt_id in enumerate(formats):
        code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id)
        if code and is_date_format(code):
            dates.add(style)
            if is_timedelta_format(code):
                durations.add(style)
    return dates, durations


# ── texts: the table of shared strings ─────────────────────────────────────────────────────────


class _Long(int):
    """A shared string longer than a cell may hold: only its length is kept."""


def _shared_strings(parts: _Parts, name: str | None, source: str) -> list[str | _Long]:
    strings: list[str | _Long] = []
    if name not in parts.names:
        return strings
    text = _Text()
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


class _Text:
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

    def value(self) -> str | _Long:
        return _Long(self.length) if self.long else "".join(self.pieces)


# ── the sheet ──────────────────────────────────────────────────────────────────────────────────


class _Sheet:
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
        self.text = _Text()
        self.inline = 0  # inside an inline string (<is>), outside its phonetic guides

    def read(self, parts: _Parts, name: str) -> Rows:
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
        if isinstance(raw, _Long):
            self._too_long(raw)
        value = self._value(raw)
        if isinstance(value, _Long):
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

    def _value(self, raw: str) -> str | _Long:
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

    def _shared(self, raw: str) -> str | _Long:
        try:
            return self.strings[int(raw)]
        except (ValueError, IndexError):
            raise _Unreadable(
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
