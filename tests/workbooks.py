"""Hostile workbooks and CSV files, written part by part as Excel would, for the import bounds'
tests and the memory benchmark. Each is small on disk and large once read naively."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape

from coordination.files.limits import column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument"
 Target="xl/workbook.xml"/></Relationships>"""
BOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>
<sheet name="Form1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
BOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{RELS}">
<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def column(i: int) -> str:
    """1 → A, 27 → AA (the reader's own helper: the files are written as it reads them)."""
    return column_letter(i)


def workbook(
    rows: Iterable[str],
    strings: Iterable[str] = (),
    extra: dict[str, bytes] | None = None,
    raw: bool = False,
) -> bytes:
    """A workbook of one sheet, Form1, whose <sheetData> holds `rows` (XML text, written as it
    comes, so a large sheet is never one string), and a table of shared `strings`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", BOOK)
        z.writestr("xl/_rels/workbook.xml.rels", BOOK_RELS)
        _stream(z, "xl/sharedStrings.xml", _strings(strings, raw))
        _stream(z, "xl/worksheets/sheet1.xml", _sheet(rows))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def _stream(z: zipfile.ZipFile, name: str, pieces: Iterable[str]) -> None:
    with z.open(name, "w", force_zip64=True) as part:
        batch: list[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= 1_000_000:
                part.write("".join(batch).encode())
                batch.clear()
                size = 0
        part.write("".join(batch).encode())


def _strings(strings: Iterable[str], raw: bool = False) -> Iterator[str]:
    """The table of texts; with `raw`, entries that are blank go in as they are, between the
    others (whitespace that is no entry)."""
    yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
    for text in strings:
        yield text if raw and not text.strip() else f"<si><t>{escape(text)}</t></si>"
    yield "</sst>"


def _sheet(rows: Iterable[str]) -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
    yield from rows
    yield "</sheetData></worksheet>"


def text_row(n: int, texts: Iterable[str]) -> str:
    cells = "".join(
        f'<c r="{column(k)}{n}" t="inlineStr"><is><t>{escape(t)}</t></is></c>'
        for k, t in enumerate(texts, 1)
    )
    return f'<row r="{n}">{cells}</row>'


def number_row(n: int, columns: int, value: int = 1) -> str:
    # Cells without a reference follow one another, as the format allows: the file compresses
    # to almost nothing, as the one in the issue did.
    cells = f"<c><v>{value}</v></c>" * columns
    return f'<row r="{n}">{cells}</row>'


def grid(rows: int, columns: int) -> bytes:
    """A header of `columns` names, then `rows` rows of numbers: 100,000 × 50 is the 354 KB
    workbook that once took 2 GB."""
    header = text_row(1, (f"Question {k}" for k in range(1, columns + 1)))
    return workbook([header, *(number_row(n, columns) for n in range(2, rows + 2))])


def bomb(megabytes: int = 200, part: str = "sheet") -> bytes:
    """A sheet, or the table of texts, that inflates to `megabytes` of spaces between two
    elements: a few hundred KB on disk."""
    spaces = [" " * 1_000_000] * megabytes
    if part == "strings":
        return workbook([text_row(1, ["Use case"])], strings=["a", *spaces, "b"], raw=True)
    return workbook([text_row(1, ["Use case"]), *spaces, text_row(2, ["A"])])


def many_parts(count: int = 5_000) -> bytes:
    return workbook([text_row(1, ["Use case"])], extra={f"x/{i}.xml": b"" for i in range(count)})


def huge_cell(characters: int = 1_000_000, shared: bool = True) -> bytes:
    """Row 2, column B holds `characters` characters, from the table of texts or inline."""
    if shared:
        cell = '<c r="B2" t="s"><v>0</v></c>'
        return workbook(
            [text_row(1, ["Use case", "Notes"]), f'<row r="2">{cell}</row>'],
            strings=["x" * characters],
        )
    return workbook([text_row(1, ["Use case", "Notes"]), text_row(2, ["A", "x" * characters])])


def many_strings(count: int = 2_000_000) -> bytes:
    """A table of texts with `count` entries, each different, that no cell uses."""
    return workbook([text_row(1, ["Use case"])], strings=(f"{i:x}" for i in range(count)))


def wide_csv(columns: int = 200_000) -> bytes:
    return (",".join(f"c{i}" for i in range(columns)) + "\r\n").encode()


def largest(q, kind: str = "xlsx") -> bytes:
    """The largest file the bounds let in: 5,000 answers × 300 columns, the questionnaire's
    questions answered, every other cell different from all others (the worst case for memory:
    no two cells share one string). In the workbook those cells are numbers without a cell
    reference: 5,000 × 300 texts, as Excel writes them, unpack to more than 50 MB."""
    headers = ["Use case", "Email Address", *(x.text for x in q.questions)]
    headers += [f"Extra {k}" for k in range(300 - len(headers))]

    def fixed(n: int) -> list[str]:
        answers = [x.answers[(n + k) % 4] for k, x in enumerate(q.questions)]
        return [f"Use case {n % 40}", f"p{n}@example.com", *answers]

    if kind == "csv":
        import csv

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        for n in range(5_000):
            texts = fixed(n)
            writer.writerow(texts + [f"r{n}c{k}" for k in range(len(texts), 300)])
        return out.getvalue().encode()

    def row(n: int) -> str:
        texts = text_row(n + 2, fixed(n))[: -len("</row>")]
        numbers = "".join(f"<c><v>{n * 300 + k}</v></c>" for k in range(len(fixed(n)), 300))
        return texts + numbers + "</row>"

    return workbook([text_row(1, headers), *(row(n) for n in range(5_000))])
