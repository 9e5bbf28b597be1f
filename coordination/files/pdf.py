"""The PDF pack and the one-page result, made in-process with ReportLab (no browser, no office
suite), from the same `Pack` as the deck.

ReportLab flows text into pages by itself, so long names and notes wrap and continue; the only
thing it cannot do is split one table row over two pages, so a note longer than a page is cut
into several rows first. User text goes into ReportLab's paragraphs escaped: they read a small
markup language, and a note with "<b>" in it must show "<b>".
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepInFrame,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from coordination.files.colours import cell_fill
from coordination.files.pack import CaseSection, Cell, Pack
from coordination.report.style import INK, ink_on, level_colour

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


def pack_pdf(pack: Pack, accent: str = "#225ea8") -> bytes:
    styles = _Styles(accent)
    story = _title(pack, styles) + _levels(pack, styles) + _since(pack, styles)
    story += _workshops(pack, styles)
    story += _heatmap(pack, styles)
    story += _distribution(pack, styles) + _functions(pack, styles) + _roadmap(pack, styles)
    for case in pack.cases:
        story += [PageBreak(), *_case(case, pack, styles)]
    story += _appendix(pack, styles)
    return _build(story, pack, styles)


def case_pdf(pack: Pack, case: CaseSection, accent: str = "#225ea8") -> bytes:
    """One page for one use case, shrunk to fit when its texts are long."""
    styles = _Styles(accent)
    width, height = PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN - 0.6 * cm
    frame = KeepInFrame(width, height, _case(case, pack, styles), mode="shrink")
    return _build([frame], pack, styles)


def _build(story, pack: Pack, styles) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{pack.organization}: the coordination map",
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


CELL_PADDING = 6  # ReportLab's default left and right padding in a table cell, points


class _Styles:
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
        return _p(text, self._style(f"header{size}", size, self.bold, INK, 0))

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


def _p(text: str, style) -> Paragraph:
    """User text, literally: escaped for ReportLab's markup, line breaks kept."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


# ── sections ───────────────────────────────────────────────────────────────────────────────────


def _title(pack: Pack, s: _Styles) -> list:
    facts = f"{pack.date_text} · {pack.traced} use cases traced"
    if pack.in_progress:
        facts += f", {pack.in_progress} in progress"
    facts += f" · {pack.respondents} respondents"
    return [
        Spacer(1, 3 * cm),
        _p(pack.organization, s.title),
        _p("Where our use of AI is stuck: the coordination map", s.h1),
        _p(facts, s.body),
        Spacer(1, 0.5 * cm),
        _p(pack.headline, s.body),
        PageBreak(),
    ]


def _levels(pack: Pack, s: _Styles) -> list:
    from coordination import wording

    rows = [
        [_p(str(n), s.cell_bold), _p(name, s.cell_bold), _p(summary, s.cell)]
        for n, name, summary in pack.levels
    ]
    table = Table(rows, colWidths=[1.2 * cm, 6 * cm, None])
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]
    for k, (n, _, _) in enumerate(pack.levels):
        style.append(
            ("BACKGROUND", (0, k), (0, k), colors.HexColor(level_colour(n, len(pack.levels))))
        )
    table.setStyle(TableStyle(style))
    return [
        _p(f"The {wording.number(len(pack.levels))} levels of AI coordination", s.h1),
        table,
        PageBreak(),
    ]


def _heatmap(pack: Pack, s: _Styles) -> list:
    key = "   ".join([*pack.answer_names, "? don't know", "– not answered"])
    key += "   (provisional: the trace is unfinished)"
    story = [
        _p(pack.gaps_title, s.h1),
        _p(pack.subtitle, s.small),
        _p(key, s.small),
    ]
    if not pack.heatmap:
        return [*story, _p("No use case has been traced yet.", s.body), PageBreak()]
    width = PAGE[0] - 2 * MARGIN
    rest = (width - 11 * cm) / len(pack.questions)
    header = [_p("Use case", s.cell_bold), _p("Level", s.cell_bold)]
    header += [s.header(q, rest) for q in pack.questions]
    rows = [header]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
        ("FONTNAME", (2, 1), (-1, -1), s.font),
        ("FONTSIZE", (2, 1), (-1, -1), 11),
    ]
    levels = len(pack.levels)
    for i, row in enumerate(pack.heatmap, 1):
        level = f"{row.level} · {row.level_name}" + (" (provisional)" if row.provisional else "")
        level += f" {row.change}" if row.change else ""
        fill = level_colour(row.level, levels)
        cells = [_p(row.use_case, s.cell), _p(level, s.on(fill)), *(c.text for c in row.cells)]
        rows.append(cells)
        style.append(("BACKGROUND", (1, i), (1, i), colors.HexColor(fill)))
        for j, cell in enumerate(row.cells, 2):
            style.append(("BACKGROUND", (j, i), (j, i), colors.HexColor(_fill(cell))))
            style.append(("TEXTCOLOR", (j, i), (j, i), colors.HexColor(_ink(_fill(cell)))))
    table = Table(rows, colWidths=[6 * cm, 5 * cm] + [rest] * len(pack.questions), repeatRows=1)
    table.setStyle(TableStyle(style))
    return [
        *story,
        table,
        PageBreak(),
    ]


def _distribution(pack: Pack, s: _Styles) -> list:
    width, height = PAGE[0] - 2 * MARGIN, 11 * cm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = (
        1.5 * cm,
        2.2 * cm,
        width - 3 * cm,
        height - 3 * cm,
    )
    chart.data = [[d for _, d, _ in pack.distribution], [p for _, _, p in pack.distribution]]
    chart.categoryAxis.categoryNames = [name for name, _, _ in pack.distribution]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = s.font
    chart.categoryAxis.labels.fontSize = 10
    chart.valueAxis.labels.fontName = s.font
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, -(-max(d + p for _, d, p in pack.distribution) // 8))
    chart.bars[0].strokeColor = colors.HexColor("#555555")
    for k in range(len(pack.distribution)):
        chart.bars[(0, k)].fillColor = colors.HexColor(level_colour(k + 1, len(pack.levels)))
    chart.bars[1].fillColor = colors.white
    chart.bars[1].strokeColor = colors.HexColor(INK)
    chart.bars[1].strokeDashArray = (3, 2)
    chart.barLabelFormat = lambda v: str(int(v)) if v else ""
    chart.barLabels.fontName = s.font
    chart.barLabels.fontSize = 10
    drawing.add(chart)
    drawing.add(
        String(
            1.5 * cm,
            0.3 * cm,
            "Filled: traced.   Dashed outline: in progress (provisional).",
            fontName=s.font,
            fontSize=9,
        )
    )
    return [
        _p("How many use cases reach each level", s.h1),
        _p(pack.headline, s.small),
        drawing,
        PageBreak(),
    ]


def _functions(pack: Pack, s: _Styles) -> list:
    story = [_p("Use cases per function and level", s.h1), _p(pack.subtitle, s.small)]
    if not pack.function_levels:
        return story
    names = [f"{n} · {name}" for n, name, _ in pack.levels]
    level_width = (PAGE[0] - 2 * MARGIN - 6 * cm) / len(names)
    rows = [[_p("Function", s.cell_bold), *(s.header(n, level_width) for n in names)]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#dddddd")),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("FONTNAME", (1, 1), (-1, -1), s.bold),
    ]
    for function, counts in pack.function_levels:
        rows.append([_p(function, s.cell), *(str(n) if n else "" for n in counts)])
    table = Table(
        rows,
        colWidths=[6 * cm] + [(PAGE[0] - 2 * MARGIN - 6 * cm) / len(names)] * len(names),
        repeatRows=1,
    )
    table.setStyle(TableStyle(style))
    return [*story, table]


def _since(pack: Pack, s: _Styles) -> list:
    """What changed since the baseline: the sentence, and the use cases that moved."""
    if pack.since is None:
        return []
    since = pack.since
    change = since.columns.index("Change")
    moved = [r for r in since.rows if not r[change].startswith("same")] or since.rows
    story = [_p(f"Since {since.label}", s.h1), _p(since.headline, s.body)]
    widths = [5, 2.5, 2.5, 2.5, None, 4][: len(since.columns)]
    return [*story, _table(since.columns, moved, widths, s), PageBreak()]


def _workshops(pack: Pack, s: _Styles) -> list:
    """Each workshop's story: who took part and how, the room's and the agreed level, where
    the room disagreed and why."""
    story = []
    for told in pack.workshops:
        story += [_p(told.title, s.h1), _p(told.facts, s.body)]
        story += [_table(told.columns, told.rows, [5, 4, 4, 5, None], s), PageBreak()]
    return story


def _roadmap(pack: Pack, s: _Styles) -> list:
    """The plan: owner, due date, status, whether the answers show it achieved, flags."""
    if not pack.plan:
        return []
    from coordination.files.pack import ROADMAP_COLUMNS

    story = [PageBreak(), _p("Roadmap", s.h1), _p(pack.subtitle, s.small)]
    return [*story, _table(ROADMAP_COLUMNS, pack.plan, [5, None, 3.5, 2.6, 2, 2.6, 3.2], s)]


def _table(header: list[str], rows: list[list[str]], widths_cm, s: _Styles) -> Table:
    """A plain table of text; one width may be None (it takes the rest of the page)."""
    rest = (PAGE[0] - 2 * MARGIN) - sum(w * cm for w in widths_cm if w)
    widths = [w * cm if w else rest for w in widths_cm]
    table = Table(
        [[s.header(h, w) for h, w in zip(header, widths, strict=True)],
         *([_p(c, s.cell) for c in r] for r in rows)],  # fmt: skip
        colWidths=widths,
        repeatRows=1,
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#dddddd")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    return table


def _case(case: CaseSection, pack: Pack, s: _Styles) -> list:
    story = [_p(case.name, s.h1)]
    if case.context:
        story.append(_p(case.context, s.small))
    status = (
        f"Provisional: {case.trace} · {case.respondents}" if case.provisional else case.respondents
    )
    fill = level_colour(case.level, len(pack.levels))
    badge = Table(
        [
            [_p(f"Level {case.level} · {case.level_name}", s.on(fill, 16, bold=True))],
            [_p(status, s.on(fill, 11))],
        ],
        colWidths=[PAGE[0] - 2 * MARGIN],
    )
    badge.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(fill))]))
    story += [badge, Spacer(1, 0.3 * cm), _p(case.level_summary, s.body)]
    story += [
        _p("Next useful improvement", s.h2),
        _p(
            case.next_step or "Keep the loop running: nothing is missing for the top level.", s.body
        ),
    ]
    if case.then:
        story += [
            _p("Then", s.h2),
            *(_p(f"{k}. {step}", s.body) for k, step in enumerate(case.then, 2)),
        ]
    story += [_p("In place", s.h2), _p(", ".join(case.held) or "Nothing yet", s.body)]
    if case.next_level:
        story += [_p(f"Missing for {case.next_level}", s.h2), _p(", ".join(case.missing), s.body)]
    for name, text in case.obstacles:
        story += [_p(f"Obstacle: {name}", s.h2), _p(text, s.body)]
    for text in case.risks:
        story += [_p("Risk", s.h2), _p(text, s.body)]
    if case.disagreements:
        story += [_p("People disagree on", s.h2), _p(", ".join(case.disagreements), s.body)]
    if case.agreement:
        story += [_p("Agreed in the workshop", s.h2), _p(case.agreement, s.body)]
        story += [_p(reason, s.body) for reason in case.reasons]
    return story


def _appendix(pack: Pack, s: _Styles) -> list:
    if not pack.appendix:
        return []
    header = [_p("Use case", s.cell_bold), _p("Respondent", s.cell_bold)]
    header += [s.header(h, 1.3 * cm) for h in pack.questions] + [_p("Notes", s.cell_bold)]
    rows, style = (
        [header],
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#dddddd")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (2, 1), (-2, -1), "CENTER"),
            ("FONTNAME", (2, 1), (-2, -1), s.font),
            ("FONTSIZE", (2, 1), (-2, -1), 9),
        ],
    )
    q = len(pack.questions)
    notes_width = PAGE[0] - 2 * MARGIN - 6.5 * cm - q * 1.3 * cm
    # As many characters as fill about 30 lines of the notes column: a row must fit a page.
    per_row = int(notes_width / (9 * 0.5)) * 30
    for row in pack.appendix:
        notes = "\n".join(f"{about}: {text}" for about, text in row.notes)
        for k, chunk in enumerate(_chunks(notes, per_row)):
            first = k == 0
            who = row.respondent if first else f"{row.respondent} (continued)"
            cells = [c.text for c in row.cells] if first else [""] * q
            name = row.use_case if first else ""
            rows.append([_p(name, s.cell), _p(who, s.cell), *cells, _p(chunk, s.cell)])
            if first:
                i = len(rows) - 1
                for j, cell in enumerate(row.cells, 2):
                    style.append(("BACKGROUND", (j, i), (j, i), colors.HexColor(_fill(cell))))
                    style.append(("TEXTCOLOR", (j, i), (j, i), colors.HexColor(_ink(_fill(cell)))))
    widths = [3.5 * cm, 3 * cm] + [1.3 * cm] * q + [notes_width]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return [PageBreak(), _p("Appendix: every answer and note", s.h1), table]


def _chunks(text: str, size: int) -> list[str]:
    """`text` in pieces of at most `size` characters, cut between words."""
    pieces = []
    while len(text) > size:
        cut = text.rfind(" ", 0, size) + 1 or size
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _fill(cell: Cell) -> str:
    return cell_fill(cell.state, cell.value)


def _ink(fill: str) -> str:
    return ink_on(fill)
