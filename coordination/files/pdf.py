"""The PDF pack, made in-process with ReportLab (no browser, no office suite), from the same
`Pack` as the deck; a use case's pages are `pdf_case`'s, the look is `pdf_style`'s.

ReportLab flows text into pages by itself, so long names and notes wrap and continue; the only
thing it cannot do is split one table row over two pages, so a note longer than a page is cut
into several rows first.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Hatching, String
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from coordination.files.pack import Pack
from coordination.files.pdf_case import case_story
from coordination.files.pdf_style import (
    MARGIN,
    PAGE,
    Styles,
    answer_fill,
    answer_ink,
    build,
    hatch_cells,
    hatched,
    para,
    plain_table,
)
from coordination.report.style import HATCH, INK, level_colour


def pack_pdf(pack: Pack, accent: str = "#225ea8") -> bytes:
    styles = Styles(accent)
    story = _title(pack, styles) + _levels(pack, styles) + _since(pack, styles)
    story += _workshops(pack, styles)
    story += _heatmap(pack, styles)
    story += _distribution(pack, styles) + _functions(pack, styles) + _roadmap(pack, styles)
    for case in pack.cases:
        story += [PageBreak(), *case_story(case, pack, styles)]
    story += _appendix(pack, styles)
    return build(story, pack, styles)


# ── sections ───────────────────────────────────────────────────────────────────────────────────


def _title(pack: Pack, s: Styles) -> list:
    facts = f"{pack.date_text} · {pack.traced} use cases traced"
    if pack.in_progress:
        facts += f", {pack.in_progress} in progress"
    facts += f" · {pack.respondents} respondents"
    return [
        Spacer(1, 3 * cm),
        para(pack.organization, s.title),
        para("Where our use of AI is stuck: the coordination map", s.h1),
        para(facts, s.body),
        Spacer(1, 0.5 * cm),
        para(pack.headline, s.body),
        PageBreak(),
    ]


def _levels(pack: Pack, s: Styles) -> list:
    from coordination import wording

    rows = [
        [para(str(n), s.cell_bold), para(name, s.cell_bold), para(summary, s.cell)]
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
        para(f"The {wording.number(len(pack.levels))} levels of AI coordination", s.h1),
        table,
        PageBreak(),
    ]


def _heatmap(pack: Pack, s: Styles) -> list:
    key = "   ".join([*pack.answer_names, "? don't know", "– not answered"])
    key += "   hatched: a provisional level (the trace is unfinished)"
    story = [
        para(pack.gaps_title, s.h1),
        para(pack.subtitle, s.small),
        para(key, s.small),
    ]
    if not pack.heatmap:
        return [*story, para(pack.headline, s.body), PageBreak()]  # or why none is shown
    width = PAGE[0] - 2 * MARGIN
    rest = (width - 11 * cm) / len(pack.questions)
    header = [para("Use case", s.cell_bold), para("Level", s.cell_bold)]
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
        badge = para(level, s.on(fill))
        cells = [para(row.use_case, s.cell), hatched(badge) if row.provisional else badge]
        cells += [c.text for c in row.cells]
        rows.append(cells)
        style.append(("BACKGROUND", (1, i), (1, i), colors.HexColor(fill)))
        for j, cell in enumerate(row.cells, 2):
            style.append(("BACKGROUND", (j, i), (j, i), colors.HexColor(answer_fill(cell))))
            style.append(("TEXTCOLOR", (j, i), (j, i), colors.HexColor(answer_ink(cell))))
    widths = [6 * cm, 5 * cm] + [rest] * len(pack.questions)
    table = Table(rows, colWidths=widths, repeatRows=1, renderCB=hatch_cells)
    table.setStyle(TableStyle(style))
    return [
        *story,
        table,
        PageBreak(),
    ]


def _distribution(pack: Pack, s: Styles) -> list:
    width, height = PAGE[0] - 2 * MARGIN, 11 * cm
    drawing = Drawing(width, height)
    chart = _HatchedOnTop()
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
    for series in (0, 1):  # provisional on top of finished, in the level's colour, hatched
        chart.bars[series].strokeColor = colors.HexColor("#555555")
        for k in range(len(pack.distribution)):
            fill = colors.HexColor(level_colour(k + 1, len(pack.levels)))
            chart.bars[(series, k)].fillColor = fill
    chart.barLabelFormat = lambda v: str(int(v)) if v else ""
    chart.barLabels.fontName = s.font
    chart.barLabels.fontSize = 11
    # Each count in the middle of its part of the bar, never on its edge, light on dark levels.
    chart.barLabels.boxTarget = "mid"
    chart.barLabels.boxAnchor = "c"
    for series in (0, 1):
        for k in range(len(pack.distribution)):
            dark = k + 1 > len(pack.levels) // 2 + 1
            chart.barLabels[(series, k)].fillColor = colors.white if dark else colors.black
    drawing.add(chart)
    drawing.add(
        String(
            1.5 * cm,
            0.3 * cm,
            "Filled: traced.   Hatched: in progress (a provisional level).",
            fontName=s.font,
            fontSize=9,
        )
    )
    return [
        para("How many use cases reach each level", s.h1),
        para(pack.headline, s.small),
        drawing,
        PageBreak(),
    ]


class _HatchedOnTop(VerticalBarChart):
    """Stacked bars whose second series (provisional levels) is hatched, as on the charts."""

    def _makeBar(self, g, x, y, width, height, rowNo, style):
        super()._makeBar(g, x, y, width, height, rowNo, style)
        if rowNo == 1 and width and height:
            corners = [x, y, x + width, y, x + width, y + height, x, y + height]
            lines = Hatching(spacings=5, angles=45, xyLists=corners, strokeWidth=0.7)
            lines.strokeColor = colors.Color(*colors.HexColor(INK).rgb(), HATCH["fgopacity"])
            g.add(lines)


def _functions(pack: Pack, s: Styles) -> list:
    story = [para("Use cases per function and level", s.h1), para(pack.subtitle, s.small)]
    if not pack.function_table:
        return story
    # The map's functions view, as the deck has it: levels, then In progress and Not traced.
    names = pack.function_columns
    level_width = (PAGE[0] - 2 * MARGIN - 6 * cm) / len(names)
    rows = [[para("Function", s.cell_bold), *(s.header(n, level_width) for n in names)]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#dddddd")),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("FONTNAME", (1, 1), (-1, -1), s.bold),
    ]
    for function, counts in pack.function_table:
        rows.append([para(function, s.cell), *(str(n) if n else "" for n in counts)])
    table = Table(rows, colWidths=[6 * cm] + [level_width] * len(names), repeatRows=1)
    table.setStyle(TableStyle(style))
    return [*story, table]


def _since(pack: Pack, s: Styles) -> list:
    """What changed since the baseline: the sentence, and the use cases that moved."""
    if pack.since is None:
        return []
    since = pack.since
    change = since.columns.index("Change")
    moved = [r for r in since.rows if not r[change].startswith("same")] or since.rows
    story = [para(f"Since {since.label}", s.h1), para(since.headline, s.body)]
    widths = [5, 2.5, 2.5, 2.5, None, 4][: len(since.columns)]
    return [*story, plain_table(since.columns, moved, widths, s), PageBreak()]


def _workshops(pack: Pack, s: Styles) -> list:
    """Each workshop's story: who took part and how, the room's and the agreed level, where
    the room disagreed and why."""
    story = []
    for told in pack.workshops:
        story += [para(told.title, s.h1), para(told.facts, s.body)]
        story += [plain_table(told.columns, told.rows, [5, 4, 4, 5, None], s), PageBreak()]
    return story


def _roadmap(pack: Pack, s: Styles) -> list:
    """The plan: owner, due date, status, whether the answers show it achieved, flags."""
    if not pack.plan:
        return []
    from coordination.files.pack import ROADMAP_COLUMNS

    story = [PageBreak(), para("Roadmap", s.h1), para(pack.subtitle, s.small)]
    return [*story, plain_table(ROADMAP_COLUMNS, pack.plan, [5, None, 3.5, 2.6, 2, 2.6, 3.2], s)]


def _appendix(pack: Pack, s: Styles) -> list:
    """Each person's answers on one row, their notes on the row below across the whole page:
    a Notes column beside the answers squeezed them into slivers."""
    if not pack.appendix:
        return []
    q = len(pack.questions)
    width = PAGE[0] - 2 * MARGIN
    answer = (width - 6.5 * cm) / q
    header = [para("Use case", s.cell_bold), para("Respondent", s.cell_bold)]
    header += [s.header(h, answer) for h in pack.questions]
    rows, style = (
        [header],
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#dddddd")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (2, 1), (-1, -1), "CENTER"),
            ("FONTNAME", (2, 1), (-1, -1), s.font),
            ("FONTSIZE", (2, 1), (-1, -1), 9),
        ],
    )
    # As many characters as fill about 30 lines of the page's width: a row must fit a page.
    per_row = int(width / (9 * 0.5)) * 30
    for row in pack.appendix:
        rows.append([para(row.use_case, s.cell), para(row.respondent, s.cell),
                     *(c.text for c in row.cells)])  # fmt: skip
        i = len(rows) - 1
        for j, cell in enumerate(row.cells, 2):
            style.append(("BACKGROUND", (j, i), (j, i), colors.HexColor(answer_fill(cell))))
            style.append(("TEXTCOLOR", (j, i), (j, i), colors.HexColor(answer_ink(cell))))
        notes = "\n".join(f"{about}: {text}" for about, text in row.notes)
        for k, chunk in enumerate(_chunks(notes, per_row) if notes else []):
            text = chunk if k == 0 else f"{row.respondent} (continued)\n{chunk}"
            rows.append([para(text, s.cell)] + [""] * (q + 1))
            i = len(rows) - 1
            style += [("SPAN", (0, i), (-1, i)), ("ALIGN", (0, i), (-1, i), "LEFT")]
    table = Table(rows, colWidths=[3.5 * cm, 3 * cm] + [answer] * q, repeatRows=1)
    table.setStyle(TableStyle(style))
    return [PageBreak(), para("Appendix: every answer and note", s.h1), table]


def _chunks(text: str, size: int) -> list[str]:
    """`text` in pieces of at most `size` characters, cut between words."""
    pieces = []
    while len(text) > size:
        cut = text.rfind(" ", 0, size) + 1 or size
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]
