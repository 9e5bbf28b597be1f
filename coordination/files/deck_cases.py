"""The deck's slide per use case (level, what holds, what to do next; continued when it does
not fit) and its appendix of every answer and note."""

from __future__ import annotations

from pptx.enum.dml import MSO_PATTERN_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches

from coordination.files.colours import cell_fill
from coordination.files.pack import CaseSection, Pack
from coordination.files.slide_canvas import HEIGHT, MARGIN, WIDTH, Canvas
from coordination.files.slide_layout import appendix_pages, block_height, take
from coordination.files.slide_xml import blend_rgb, rgb
from coordination.report.style import INK, ink_on, level_colour

LEFT_IN, RIGHT_IN = 7.2, 4.93  # the two columns of a use case's slide, in inches
APPENDIX_CELL_IN = 0.72  # one answer column: "workflow" in 9 pt bold fits, unbroken


def case_slides(canvas: Canvas, pack: Pack, case: CaseSection) -> None:
    left = [
        (
            "Next useful improvement",
            [case.next_step]
            if case.next_step
            else ["Keep the loop running: nothing is missing for the top level."],
        )
    ]
    if case.then:
        left.append(("Then", case.then))
    if case.agreement:
        left.append(("Agreed in the workshop", [case.agreement, *case.reasons]))
    right = [("In place", [", ".join(case.held) or "Nothing yet"])]  # a sentence: compact
    if case.next_level:
        right.append((f"Missing for {case.next_level}", case.missing))
    notes = [(f"Obstacle: {name}", [text]) for name, text in case.obstacles]
    notes += [("Risk", [text]) for text in case.risks]
    if case.disagreements:
        notes.append(("People disagree on", [", ".join(case.disagreements)]))
    # A slide holds two columns of blocks; blocks that do not fit go to a next slide.
    lefts, rights = list(left + notes), list(right)
    k = 0
    while k == 0 or lefts or rights:
        suffix = " (continued)" if k else ""  # as a printed report says it, however many
        slide = canvas.titled(case.name + suffix, case.context)
        canvas.notes(slide, f"{case.name}: its level, what is in place, what the next level "
                     "needs, and the next useful improvement first.")  # fmt: skip
        if k == 0:
            _level_badge(canvas, pack, slide, case)
        top = Inches(2.85) if k == 0 else Inches(1.6)
        room = (HEIGHT - Inches(0.3) - top) / 914400
        left_blocks = take(lefts, room, LEFT_IN)
        right_blocks = take(rights, room, RIGHT_IN)
        # What the left column could not hold goes under the right one when it fits.
        used = sum(block_height(h, items, RIGHT_IN) for h, items in right_blocks)
        right_blocks += take(lefts, room - used, RIGHT_IN, split=False)
        canvas.blocks(slide, left_blocks, MARGIN, top, Inches(LEFT_IN))
        right_left = MARGIN + Inches(LEFT_IN + 0.4)
        canvas.blocks(slide, right_blocks, right_left, top, Inches(RIGHT_IN))
        k += 1


def _level_badge(canvas: Canvas, pack: Pack, slide, case: CaseSection) -> None:
    colour = level_colour(case.level, len(pack.levels))
    box = slide.shapes.add_shape(1, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(1.05))
    canvas.fill(box, colour)
    if case.provisional:
        box.fill.patterned()
        box.fill.pattern = MSO_PATTERN_TYPE.LIGHT_UPWARD_DIAGONAL
        box.fill.fore_color.rgb = blend_rgb(colour, INK, 0.25)
        box.fill.back_color.rgb = rgb(colour)
    box.line.fill.background()
    title = f"Level {case.level} · {case.level_name}"
    status = (f"Provisional: {case.trace}" if case.provisional else "") or case.respondents
    if case.provisional:
        status += f" · {case.respondents}"
    frame = box.text_frame
    canvas.frame_text(frame, title, size=28, bold=True, colour=ink_on(colour), align=PP_ALIGN.LEFT)
    para = frame.add_paragraph()
    run = para.add_run()
    para.alignment = PP_ALIGN.LEFT
    run.text = status
    canvas.font(run.font, 16, False, ink_on(colour))
    frame.margin_left = Inches(0.25)


def appendix_slides(canvas: Canvas, pack: Pack) -> None:
    """Every person's answers (one row each, the heatmap's columns) and notes, as many
    rows per slide as their notes allow; a note longer than a slide continues."""
    questions = pack.questions
    notes_in = (WIDTH - 2 * MARGIN) / 914400 - 3.0 - APPENDIX_CELL_IN * len(questions)
    pages = appendix_pages(pack.appendix, notes_in)
    for k, page in enumerate(pages, 1):
        title = "Appendix: every answer and note" + (
            f" ({k} of {len(pages)})" if len(pages) > 1 else ""
        )
        slide = canvas.titled(title, pack.subtitle)
        canvas.notes(slide, "Every answer and note behind the map, person by person (names an "
                     "anonymous workshop hid stay hidden).")  # fmt: skip
        table = slide.shapes.add_table(
            len(page) + 1,
            3 + len(questions),
            MARGIN,
            Inches(1.5),
            WIDTH - 2 * MARGIN,
            Inches(0.3) * (len(page) + 1),
        ).table
        widths = [1.6, 1.4] + [APPENDIX_CELL_IN] * len(questions) + [notes_in]
        for j, w in enumerate(widths):
            table.columns[j].width = Inches(w)
        headers = ["Use case", "Respondent", *questions, "Notes"]
        grid = [[canvas.cell(h, size=9, bold=True, fill="#ffffff") for h in headers]]
        for row in page:
            line = [
                canvas.cell(row.use_case, size=10, fill="#ffffff"),
                canvas.cell(row.respondent, size=10, fill="#ffffff"),
            ]
            for cell in row.cells:
                fill = cell_fill(cell.state, cell.value)
                line.append(
                    canvas.cell(
                        cell.text, size=11, fill=fill, ink=ink_on(fill), align=PP_ALIGN.CENTER
                    )
                )
            notes = "\n".join(f"{about}: {text}" for about, text in row.notes)
            line.append(canvas.cell(notes, size=10, fill="#ffffff"))
            grid.append(line)
        canvas.write(table, grid)
