"""The slide deck: an editable 16:9 PowerPoint file made with python-pptx, no browser.

Every slide is drawn on the blank layout with its own text boxes (the default template is 4:3,
and widening it leaves its placeholders where they were). Tables and the level chart are native
PowerPoint objects, so text, colours and numbers stay editable in PowerPoint, Keynote and Google
Slides. Text is fitted, not clipped: a box's font shrinks to a floor, and whatever still does not
fit continues on a next slide. This module draws the overview (title, levels, heatmap, level
chart, functions); `deck_cases.py` a slide per use case and the appendix.
"""

from __future__ import annotations

import io
import math
import re

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_PATTERN_TYPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from coordination import wording
from coordination.files.brand import Brand
from coordination.files.colours import blend, cell_fill
from coordination.files.deck_cases import appendix_slides, case_slides
from coordination.files.deck_progress import roadmap_slides, since_slides, workshop_slides
from coordination.files.deck_summary import scope_slide, summary_slide
from coordination.files.pack import Pack
from coordination.files.slide_canvas import HEIGHT, MARGIN, WIDTH, Canvas
from coordination.files.slide_xml import rgb
from coordination.report.style import INK, ink_on, level_colour

HEATMAP_ROWS = 9  # per slide: 16 pt text in rows of up to two lines
HEADER_ROW, TALLEST_ROW = Inches(0.55), Inches(0.9)  # the heatmap table's rows
UNTRACED = "#bdbdbd"  # the "not traced" bar


def deck_bytes(pack: Pack, brand: Brand | None = None) -> bytes:
    canvas = Canvas(brand or Brand())
    title_slide(canvas, pack)
    summary_slide(canvas, pack)
    scope_slide(canvas, pack)
    levels_slide(canvas, pack)
    since_slides(canvas, pack)
    workshop_slides(canvas, pack)
    heatmap_slides(canvas, pack)
    distribution_slide(canvas, pack)
    functions_slide(canvas, pack)
    roadmap_slides(canvas, pack)
    for case in pack.cases:
        case_slides(canvas, pack, case)
    appendix_slides(canvas, pack)
    out = io.BytesIO()
    canvas.prs.save(out)
    return out.getvalue()


def title_slide(canvas: Canvas, pack: Pack) -> None:
    slide = canvas.slide()
    canvas.notes(slide, f"{pack.organization}: where its use of AI stands on {pack.date_text}, "
                 "in one sentence at the bottom of this slide.")  # fmt: skip
    canvas.text(
        slide,
        pack.organization,
        MARGIN,
        Inches(2.0),
        WIDTH - 2 * MARGIN,
        Inches(1.6),
        size=44,
        bold=True,
        colour=canvas.brand.accent,
        anchor=MSO_ANCHOR.BOTTOM,
    )
    canvas.text(
        slide,
        pack.deck_subtitle,
        MARGIN,
        Inches(3.7),
        WIDTH - 2 * MARGIN,
        Inches(0.7),
        size=26,
    )
    facts = [
        pack.date_text,
        f"{wording.counted(pack.traced, 'use case')} traced"
        + (f", {wording.number(pack.in_progress)} in progress" if pack.in_progress else ""),
        wording.counted(pack.respondents, "respondent"),
    ]
    canvas.text(
        slide,
        " · ".join(facts),
        MARGIN,
        Inches(4.5),
        WIDTH - 2 * MARGIN,
        Inches(0.6),
        size=20,
        colour="#555555",
    )
    canvas.text(
        slide,
        pack.headline,
        MARGIN,
        Inches(5.3),
        WIDTH - 2 * MARGIN,
        Inches(1.6),
        size=24,
        min_size=16,
        bold=True,
    )


def levels_slide(canvas: Canvas, pack: Pack) -> None:
    levels = pack.levels
    slide = canvas.titled(f"The {wording.number(len(levels))} levels of AI coordination")
    canvas.notes(slide, "The yardstick: each use case sits at the highest level whose conditions "
                 "all hold, from individual experimentation to strategic learning.")  # fmt: skip
    top, height = Inches(1.5), (HEIGHT - Inches(2.0)) / len(levels)
    for k, (number, name, summary) in enumerate(levels):
        y = top + int(height * k)
        badge = slide.shapes.add_shape(
            1, MARGIN, y + Inches(0.05), Inches(0.8), height - Inches(0.15)
        )
        canvas.fill(badge, level_colour(number, len(levels)))
        badge.line.fill.background()
        canvas.frame_text(
            badge.text_frame,
            str(number),
            size=24,
            bold=True,
            colour=ink_on(level_colour(number, len(levels))),
            align=PP_ALIGN.CENTER,
        )
        canvas.text(
            slide,
            name,
            MARGIN + Inches(1.0),
            y,
            Inches(3.6),
            height,
            size=20,
            bold=True,
            anchor=MSO_ANCHOR.MIDDLE,
        )
        canvas.text(
            slide,
            summary,
            MARGIN + Inches(4.7),
            y,
            WIDTH - MARGIN - Inches(5.3),
            height,
            size=16,
            anchor=MSO_ANCHOR.MIDDLE,
        )


def heatmap_slides(canvas: Canvas, pack: Pack) -> None:
    rows = pack.heatmap
    pages = max(1, math.ceil(len(rows) / HEATMAP_ROWS))
    per = max(1, math.ceil(len(rows) / pages))  # pages evenly filled: 8 and 7, not 9 and 6
    for page in range(pages):
        chunk = rows[page * per : (page + 1) * per]
        title = pack.gaps_title + (f" ({page + 1} of {pages})" if pages > 1 else "")
        slide = canvas.titled(title, pack.subtitle)
        canvas.notes(slide, "Each traced use case, its level and the combined answer to each "
                     "question (0 missing to 3 embedded): the light cells are where "
                     "coordination is missing.")  # fmt: skip
        if not chunk:
            canvas.text(
                slide,
                pack.headline,  # "No use case has been traced yet", or why none is shown
                MARGIN,
                Inches(2),
                WIDTH - 2 * MARGIN,
                Inches(2),
                size=20,
            )
            continue
        _heatmap_table(canvas, pack, slide, chunk)
        key = "   ".join([*pack.answer_names, "? don't know", "– not answered"])
        canvas.text(
            slide,
            key + "   · hatched level: provisional (trace unfinished)",
            MARGIN,
            HEIGHT - Inches(0.6),
            WIDTH - 2 * MARGIN,
            Inches(0.4),
            size=12,
            colour="#444444",
        )


def _heatmap_table(canvas: Canvas, pack: Pack, slide, chunk) -> None:
    questions = pack.questions
    columns = 2 + len(questions)
    # Few use cases get taller rows, so four of them do not leave half the slide empty.
    room = HEIGHT - Inches(1.55) - Inches(0.8) - HEADER_ROW  # above the key line
    row_height = min(TALLEST_ROW, max(Inches(0.42), room // len(chunk)))
    height = HEADER_ROW + row_height * len(chunk)
    table = slide.shapes.add_table(
        len(chunk) + 1, columns, MARGIN, Inches(1.55), WIDTH - 2 * MARGIN, height
    ).table
    table.rows[0].height = HEADER_ROW
    for r in range(1, len(chunk) + 1):
        table.rows[r].height = row_height
    table.columns[0].width = Inches(2.8)
    table.columns[1].width = Inches(2.3)
    rest = (WIDTH - 2 * MARGIN - Inches(5.1)) // len(questions)
    for j in range(len(questions)):
        table.columns[2 + j].width = rest
    header = [canvas.cell(h, size=12, bold=True, fill="#ffffff") for h in ("Use case", "Level")]
    grid = [header + [canvas.cell(h, size=10, bold=True, fill="#ffffff") for h in questions]]
    levels = len(pack.levels)
    for row in chunk:
        level = f"{row.level} · {row.level_name}" + (" (provisional)" if row.provisional else "")
        if row.change:
            level += f"\n{row.change}"
        colour = level_colour(row.level, levels)
        line = [
            canvas.cell(row.use_case, size=14, fill="#ffffff"),
            canvas.cell(level, size=12, fill=colour, ink=ink_on(colour), hatched=row.provisional),
        ]
        for cell in row.cells:
            fill = cell_fill(cell.state, cell.value)
            line.append(
                canvas.cell(cell.text, size=16, fill=fill, ink=ink_on(fill), align=PP_ALIGN.CENTER)
            )
        grid.append(line)
    canvas.write(table, grid)


def distribution_slide(canvas: Canvas, pack: Pack) -> None:
    slide = canvas.titled("How many use cases reach each level", pack.headline)
    data = CategoryChartData()
    names = [name for name, _, _ in pack.distribution]
    data.categories = [*names, "Not traced"]
    data.add_series("Traced", [*(done for _, done, _ in pack.distribution), pack.not_traced])
    data.add_series("In progress (provisional)", [*(p for _, _, p in pack.distribution), 0])
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_STACKED,
        MARGIN,
        Inches(1.9),
        WIDTH - 2 * MARGIN,
        HEIGHT - Inches(2.7),
        data,
    )
    chart = frame.chart
    # No legend: a series' swatch cannot show one colour per level; the key below says it.
    chart.has_legend = False
    chart.font.size = Pt(16)
    chart.font.name = canvas.brand.font
    axis = chart.value_axis
    axis.has_major_gridlines = False
    axis.major_unit = 1  # use cases are whole
    axis.tick_labels.number_format = "0"
    axis.tick_labels.number_format_is_linked = False
    axis.tick_labels.font.size = Pt(14)
    chart.category_axis.tick_labels.font.size = Pt(16)
    levels = len(pack.levels)
    done, provisional = chart.plots[0].series
    colours = [*(level_colour(k + 1, levels) for k in range(levels)), UNTRACED]
    counts = [*(d for _, d, _ in pack.distribution), pack.not_traced]
    # A point's own label makes the series carry labels of its own, which then stand in for
    # the plot's for every point: the series' labels say the same as the plot's.
    labels = done.data_labels
    labels.show_value = True
    labels.font.size = Pt(14)
    labels.number_format = "0;-0;;"
    labels.number_format_is_linked = False
    for point, colour, count in zip(done.points, colours, counts, strict=False):
        canvas.fill(point.format, colour)
        if count and ink_on(colour) != INK:  # a dark level's count in white, as on the map
            point.data_label.font.color.rgb = rgb(ink_on(colour))
            point.data_label.font.size = Pt(14)
    for point, colour in zip(provisional.points, colours, strict=False):
        point.format.fill.patterned()
        point.format.fill.pattern = MSO_PATTERN_TYPE.WIDE_UPWARD_DIAGONAL
        point.format.fill.fore_color.rgb = rgb(colour)
        point.format.fill.back_color.rgb = rgb("#ffffff")
    for series in (done, provisional):
        series.format.line.color.rgb = rgb("#555555")
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(14)
    plot.data_labels.show_value = True
    plot.data_labels.number_format = "0;-0;;"  # no "0" label on an empty bar
    plot.data_labels.number_format_is_linked = False
    canvas.text(
        slide,
        "Solid: finished traces, in each level's colour · hatched: traces in progress "
        "(provisional levels) · grey: use cases not traced yet",
        MARGIN,
        HEIGHT - Inches(0.75),
        WIDTH - 2 * MARGIN,
        Inches(0.45),
        size=14,
        colour="#444444",
    )
    canvas.notes(
        slide,
        "How many use cases sit at each level, finished traces solid and unfinished ones "
        "hatched; the grey bar counts the inventoried use cases nobody has traced yet.",
    )


def functions_slide(canvas: Canvas, pack: Pack) -> None:
    rows = pack.function_table
    slide = canvas.titled("Use cases per function and level", pack.subtitle)
    canvas.notes(slide, "How many use cases each function has at each level: where a function's "
                 "use of AI is already shared work, and where it is still personal. Traces in "
                 "progress and use cases not traced yet have columns of their own, as on the "
                 "map.")  # fmt: skip
    names = pack.function_columns
    if not rows:
        return
    table = slide.shapes.add_table(
        len(rows) + 1,
        1 + len(names),
        MARGIN,
        Inches(1.6),
        WIDTH - 2 * MARGIN,
        Inches(0.6) * (len(rows) + 1),
    ).table
    table.columns[0].width = Inches(2.0)
    column = (WIDTH - 2 * MARGIN - Inches(2.0)) // len(names)
    for j in range(len(names)):
        table.columns[1 + j].width = column
    size = word_size(names, column, 14)
    headers = ["Function", *names]
    grid = [[canvas.cell(h, size=size, bold=True, fill="#ffffff") for h in headers]]
    most = max(max(counts) for _, counts in rows) or 1
    for function, counts in rows:
        line = [canvas.cell(function, size=16, fill="#ffffff")]
        for n in counts:  # an empty cell, not a 0: the eye goes to where use cases are
            fill = blend("#ffffff", canvas.brand.accent, n / most) if n else "#ffffff"
            line.append(
                canvas.cell(
                    str(n) if n else "",
                    size=18,
                    fill=fill,
                    ink=ink_on(fill),
                    align=PP_ALIGN.CENTER,
                    bold=True,
                )
            )
        grid.append(line)
    canvas.write(table, grid)


def word_size(headers, width, size: int, least: int = 9) -> int:
    """The largest size up to `size` at which every word of these headers fits a column
    `width` wide (EMU) on its own line: "experimentation" broken as "experimenta / tion"
    was the table a board reads first. A hyphen breaks a word where it may ("Cross-/functional");
    a bold letter is about 0.55 of its size wide (measured in LibreOffice's rendering)."""
    words = [w for h in headers for w in re.split(r"[\s-]+", h)]
    longest = max(map(len, words), default=1)
    room = Emu(width).inches - 0.15  # the cell's inner margins
    while size > least and longest * size * 0.55 / 72 > room:
        size -= 1
    return size
