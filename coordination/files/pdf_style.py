"""The PDF files' shared look and parts: the page, fonts, paragraph styles, a plain table, and
the document with its footer (ReportLab).

User text goes into ReportLab's paragraphs escaped: they read a small markup language, and a
note with "<b>" in it must show "<b>".
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from coordination.files.colours import cell_fill
from coordination.files.pack import Cell, Pack
from coordination.report.style import HATCH, INK, ink_on

PAGE = landscape(A4)
MARGIN = 1.5 * cm
# Fonts with the accents, dashes and middle dots of real names: DejaVu where the system has it,
# else Bitstream Vera, which ships with ReportLab.
FONT_FILES = [
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
]
CELL_PADDING = 6  # ReportLab's default left and right padding in a table cell, points


def build(story, pack: Pack, styles: Styles, title: str | None = None) -> bytes:
    """The document: `title` in its properties (the pack's by default), a footer on each page."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title or f"{pack.organization}: the coordination map",
        author="Coordination Map",
    )

    def footer(canvas, doc_):
        canvas.saveState()
        canvas.setFont(styles.font, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, 0.8 * cm, pack.subtitle)
        canvas.drawRightString(PAGE[0] - MARGIN, 0.8 * cm, f"page {doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


class Styles:
    def __init__(self, accent: str) -> None:
        self.font, self.bold = _fonts()
        self.accent = colors.HexColor(accent)

        def style(name, size, font=None, colour=INK, space=4, leading=None):
            return ParagraphStyle(
                name,
                fontName=font or self.font,
                fontSize=size,
                leading=leading or size * 1.25,
                textColor=colors.HexColor(colour) if isinstance(colour, str) else colour,
                spaceAfter=space,
                alignment=TA_LEFT,
            )

        self.title = style("title", 28, self.bold, self.accent, 10)
        self.h1 = style("h1", 20, self.bold, self.accent, 6)
        self.h2 = style("h2", 13, self.bold, self.accent, 3)
        self.body = style("body", 11)
        self.small = style("small", 9, colour="#444444")
        self.cell = style("cell", 9, space=0)
        self.cell_bold = style("cellb", 9, self.bold, space=0)
        self._style = style

    def header(self, text: str, width: float) -> Paragraph:
        """A column header whose longest word fits its column: smaller type, never a word
        broken in two ("Feedbac k loop")."""
        room = width - 2 * CELL_PADDING
        longest = max(str(text).split() or [""], key=lambda w: pdfmetrics.stringWidth(
            w, self.bold, 9))  # fmt: skip
        size = 9.0
        while size > 5 and pdfmetrics.stringWidth(longest, self.bold, size) > room:
            size -= 0.5
        return para(text, self._style(f"header{size}", size, self.bold, INK, 0))

    def on(self, fill: str, size: float = 9, bold: bool = False) -> ParagraphStyle:
        """Text readable on a coloured background (white on the dark levels)."""
        font = self.bold if bold else self.font
        return self._style(f"on{fill}{size}{bold}", size, font, ink_on(fill), 0)


@cache
def _fonts() -> tuple[str, str]:
    for regular, bold in FONT_FILES:
        if Path(regular).is_file() and Path(bold).is_file():
            pdfmetrics.registerFont(TTFont("Body", regular))
            pdfmetrics.registerFont(TTFont("Body-Bold", bold))
            return "Body", "Body-Bold"
    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("Vera-Bold", "VeraBd.ttf"))
    return "Vera", "Vera-Bold"


def para(text: str, style) -> Paragraph:
    """User text, literally: escaped for ReportLab's markup, line breaks kept."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def hatched(paragraph: Paragraph) -> Paragraph:
    """Mark a table cell's content to be drawn over hatching: a provisional level."""
    paragraph.hatched = True
    return paragraph


def hatch_cells(table: Table, event: str, *args) -> None:
    """A Table's `renderCB`: hatching over the background of each cell marked `hatched`, under
    its text, with the charts' stroke (`HATCH`). Told per cell as it is drawn, so it follows a
    table split over pages."""
    if event != "startCell":
        return
    _, _, value, _, (x, y), (width, height) = args
    flowables = value if isinstance(value, (list, tuple)) else [value]  # a cell's, or one
    if not any(getattr(f, "hatched", False) for f in flowables):
        return
    canvas = table.canv
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(x, y, width, height)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.setStrokeColor(colors.HexColor(INK), alpha=HATCH["fgopacity"])
    canvas.setLineWidth(0.7)
    step = 6  # points between lines
    offset = -height
    while offset < width:
        canvas.line(x + offset, y, x + offset + height, y + height)
        offset += step
    canvas.restoreState()


def plain_table(header: list[str], rows: list[list[str]], widths_cm, s: Styles) -> Table:
    """A plain table of text; one width may be None (it takes the rest of the page)."""
    rest = (PAGE[0] - 2 * MARGIN) - sum(w * cm for w in widths_cm if w)
    widths = [w * cm if w else rest for w in widths_cm]
    table = Table(
        [[s.header(h, w) for h, w in zip(header, widths, strict=True)],
         *([para(c, s.cell) for c in r] for r in rows)],  # fmt: skip
        colWidths=widths,
        repeatRows=1,
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#dddddd")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    return table


def answer_fill(cell: Cell) -> str:
    return cell_fill(cell.state, cell.value)


def answer_ink(cell: Cell) -> str:
    return ink_on(answer_fill(cell))
