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

import io
import posixpath
import zipfile
import zlib
from xml.parsers import expat

from coordination.errors import ImportProblem
from coordination.files import limits
from coordination.files.workbook_parts import Parts, Unreadable, attr, check_directory
from coordination.files.workbook_sheet import Rows, Sheet, cell_text, shared_strings

__all__ = ["cell_text", "read_workbook"]


def read_workbook(data: bytes, filename: str) -> tuple[Rows, str]:
    """The answers sheet's rows of text (header first) and its name."""
    check_directory(data, filename)
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise ImportProblem(f"{filename}: not a readable Excel workbook ({e})") from None
    if len(book.infolist()) > limits.MAX_MEMBERS:
        raise limits.too_many_members(len(book.infolist()), filename)
    parts = Parts(book, filename)
    try:
        return _read(parts, filename)
    except Unreadable as e:
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


def _read(parts: Parts, filename: str) -> tuple[Rows, str]:
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
            raise Unreadable(f"sheet {title} has no part")
        source = f"{filename}, sheet {title}"
        if strings is None:
            strings = shared_strings(parts, kinds.get("sharedStrings"), source)
        rows = Sheet(strings, styles, date1904, source).read(parts, _path(folder, rels[rid][1]))
        first = first or (rows, title)
        if sum(any(str(c).strip() for c in row) for row in rows) > 1:
            return rows, title
    return first


def _relations(parts: Parts, name: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (kind, target) of one part; none when the part has no relations."""
    found: dict[str, tuple[str, str]] = {}
    if name not in parts.names:
        return found

    def start(tag, attrs):
        if tag == "Relationship" and attrs.get("Id") and attrs.get("Target"):
            found[attrs["Id"]] = (attrs.get("Type", "").rpartition("/")[2], attrs["Target"])

    parts.parse(name, start)
    return found


def _targets(parts: Parts, name: str, folder: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind, target in _relations(parts, name).values():
        out.setdefault(kind, []).append(_path(folder, target))
    return out


def _path(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


def _sheets(parts: Parts, name: str) -> tuple[list[tuple[str, str, str]], bool]:
    """Each sheet's (name, state, relationship id) in the workbook's order, and whether the
    workbook counts dates from 1904 (older Mac Excel)."""
    sheets: list[tuple[str, str, str]] = []
    date1904 = [False]

    def start(tag, attrs):
        if tag == "sheet":
            if len(sheets) >= limits.MAX_MEMBERS:
                raise Unreadable("too many sheets")
            sheets.append((attrs.get("name", ""), attrs.get("state", "visible"), attr(attrs, "id")))
        elif tag == "workbookPr":
            date1904[0] = attrs.get("date1904", "").lower() in ("1", "true")

    parts.parse(name, start)
    return sheets, date1904[0]


def _date_styles(parts: Parts, name: str | None) -> tuple[set[int], set[int]]:
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
