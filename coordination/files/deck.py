"""The slide deck: an editable 16:9 PowerPoint file made with python-pptx, no browser.

Every slide is drawn on the blank layout with its own text boxes (the default template is 4:3,
and widening it leaves its placeholders where they were). Tables and the level chart are native
PowerPoint objects, so text, colours and numbers stay editable in PowerPoint, Keynote and Google
Slides. Text is fitted, not clipped: a box's font shrinks to a floor, and whatever still does not
fit continues on a next slide.
"""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN_TYPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Inches, Pt

from coordination import wording
from coordination.charts import INK, level_colour
from coordination.files.brand import Brand
from coordination.files.colours import blend, cell_fill, ink_on
from coordination.files.pack import CaseSection, Pack
from coordination.files.slide_layout import (
    BLOCK_GAP,
    appendix_pages,
    block_height,
    bulleted,
    fitting_size,
    take,
    text_height,
)
from coordination.files.slide_xml import blend_rgb, paragraphs_xml, rgb, tc_xml

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
HEATMAP_ROWS = 9  # per slide: 16 pt text in rows of up to two lines
LEFT_IN, RIGHT_IN = 7.2, 4.93  # the two columns of a use case's slide, in inches
PAD = int(Inches(0.04))  # a text box's inner margin
APPENDIX_CELL_IN = 0.72  # one answer column: "workflow" in 9 pt bold fits, unbroken


def deck_bytes(pack: Pack, brand: Brand | None = None) -> bytes:
    deck = _Deck(pack, brand or Brand())
    deck.title_slide()
    deck.levels_slide()
    deck.heatmap_slides()
    deck.distribution_slide()
    deck.functions_slide()
    for case in pack.cases:
        deck.case_slides(case)
    deck.appendix_slides()
    out = io.BytesIO()
    deck.prs.save(out)
    return out.getvalue()


class _Deck:
    def __init__(self, pack: Pack, brand: Brand) -> None:
        self.pack, self.brand = pack, brand
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.blank = self.prs.slide_layouts[6]

    # ── slides ────────────────────────────────────────────────────────────────────────────

    def title_slide(self) -> None:
        p = self.pack
        slide = self._slide()
        self._text(
            slide,
            p.organization,
            MARGIN,
            Inches(2.0),
            WIDTH - 2 * MARGIN,
            Inches(1.6),
            size=44,
            bold=True,
            colour=self.brand.accent,
            anchor=MSO_ANCHOR.BOTTOM,
        )
        self._text(
            slide,
            "Where our use of AI is stuck: the coordination map",
            MARGIN,
            Inches(3.7),
            WIDTH - 2 * MARGIN,
            Inches(0.7),
            size=26,
        )
        facts = [
            p.date_text,
            f"{p.traced} use cases traced"
            + (f", {p.in_progress} in progress" if p.in_progress else ""),
            f"{p.respondents} respondents",
        ]
        self._text(
            slide,
            " · ".join(facts),
            MARGIN,
            Inches(4.5),
            WIDTH - 2 * MARGIN,
            Inches(0.6),
            size=20,
            colour="#555555",
        )
        self._text(
            slide,
            p.headline,
            MARGIN,
            Inches(5.4),
            WIDTH - 2 * MARGIN,
            Inches(1.2),
            size=18,
            max_size=18,
        )

    def levels_slide(self) -> None:
        levels = self.pack.levels
        slide = self._titled(f"The {wording.number(len(levels))} levels of AI coordination")
        top, height = Inches(1.5), (HEIGHT - Inches(2.0)) / len(levels)
        for k, (number, name, summary) in enumerate(levels):
            y = top + int(height * k)
            badge = slide.shapes.add_shape(
                1, MARGIN, y + Inches(0.05), Inches(0.8), height - Inches(0.15)
            )
            self._fill(badge, level_colour(number, len(levels)))
            badge.line.fill.background()
            self._frame_text(
                badge.text_frame,
                str(number),
                size=24,
                bold=True,
                colour=ink_on(level_colour(number, len(levels))),
                align=PP_ALIGN.CENTER,
            )
            self._text(
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
            self._text(
                slide,
                summary,
                MARGIN + Inches(4.7),
                y,
                WIDTH - MARGIN - Inches(5.3),
                height,
                size=16,
                anchor=MSO_ANCHOR.MIDDLE,
            )

    def heatmap_slides(self) -> None:
        rows = self.pack.heatmap
        pages = max(1, math.ceil(len(rows) / HEATMAP_ROWS))
        for page in range(pages):
            chunk = rows[page * HEATMAP_ROWS : (page + 1) * HEATMAP_ROWS]
            title = "Where coordination is missing" + (
                f" ({page + 1} of {pages})" if pages > 1 else ""
            )
            slide = self._titled(title, self.pack.subtitle)
            if not chunk:
                self._text(
                    slide,
                    "No use case has been traced yet.",
                    MARGIN,
                    Inches(2),
                    Inches(8),
                    Inches(1),
                    size=20,
                )
                continue
            self._heatmap_table(slide, chunk)
            key = "   ".join([*self.pack.answer_names, "? don't know", "– not answered"])
            self._text(
                slide,
                key + "   · hatched level: provisional (trace unfinished)",
                MARGIN,
                HEIGHT - Inches(0.6),
                WIDTH - 2 * MARGIN,
                Inches(0.4),
                size=12,
                colour="#444444",
            )

    def _heatmap_table(self, slide, chunk) -> None:
        questions = self.pack.questions
        columns = 2 + len(questions)
        height = Inches(0.55) + Inches(0.42) * len(chunk)
        table = slide.shapes.add_table(
            len(chunk) + 1, columns, MARGIN, Inches(1.55), WIDTH - 2 * MARGIN, height
        ).table
        table.columns[0].width = Inches(2.8)
        table.columns[1].width = Inches(2.3)
        rest = (WIDTH - 2 * MARGIN - Inches(5.1)) // len(questions)
        for j in range(len(questions)):
            table.columns[2 + j].width = rest
        header = [self._cell(h, size=12, bold=True, fill="#ffffff") for h in ("Use case", "Level")]
        grid = [header + [self._cell(h, size=10, bold=True, fill="#ffffff") for h in questions]]
        levels = len(self.pack.levels)
        for row in chunk:
            level = f"{row.level} · {row.level_name}" + (
                " (provisional)" if row.provisional else ""
            )
            colour = level_colour(row.level, levels)
            line = [
                self._cell(row.use_case, size=14, fill="#ffffff"),
                self._cell(
                    level, size=12, fill=colour, ink=ink_on(colour), hatched=row.provisional
                ),
            ]
            for cell in row.cells:
                fill = cell_fill(cell.state, cell.value)
                line.append(
                    self._cell(
                        cell.text, size=16, fill=fill, ink=ink_on(fill), align=PP_ALIGN.CENTER
                    )
                )
            grid.append(line)
        self._write(table, grid)

    def distribution_slide(self) -> None:
        slide = self._titled("How many use cases reach each level", self.pack.headline)
        data = CategoryChartData()
        data.categories = [name for name, _, _ in self.pack.distribution]
        data.add_series("Traced", [done for _, done, _ in self.pack.distribution])
        data.add_series("In progress (provisional)", [p for _, _, p in self.pack.distribution])
        frame = slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_STACKED,
            MARGIN,
            Inches(1.9),
            WIDTH - 2 * MARGIN,
            HEIGHT - Inches(2.4),
            data,
        )
        chart = frame.chart
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(16)
        chart.font.size = Pt(16)
        chart.font.name = self.brand.font
        chart.value_axis.has_major_gridlines = False
        chart.value_axis.tick_labels.font.size = Pt(14)
        chart.category_axis.tick_labels.font.size = Pt(16)
        levels = len(self.pack.levels)
        done, provisional = chart.plots[0].series
        for k, point in enumerate(done.points):
            self._fill(point.format, level_colour(k + 1, levels))
        provisional.format.fill.patterned()
        provisional.format.fill.pattern = MSO_PATTERN_TYPE.WIDE_UPWARD_DIAGONAL
        provisional.format.fill.fore_color.rgb = rgb(INK)
        provisional.format.fill.back_color.rgb = rgb("#ffffff")
        for series in (done, provisional):
            series.format.line.color.rgb = rgb("#555555")
        plot = chart.plots[0]
        plot.gap_width = 60
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(14)
        plot.data_labels.show_value = True
        plot.data_labels.number_format = "0;-0;;"  # no "0" label on an empty bar
        plot.data_labels.number_format_is_linked = False

    def functions_slide(self) -> None:
        rows = self.pack.function_levels
        slide = self._titled("Use cases per function and level", self.pack.subtitle)
        names = [name for _, name, _ in self.pack.levels]
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
        table.columns[0].width = Inches(3.0)
        for j in range(len(names)):
            table.columns[1 + j].width = (WIDTH - 2 * MARGIN - Inches(3.0)) // len(names)
        headers = ["Function", *(f"{k} · {n}" for k, n in enumerate(names, 1))]
        grid = [[self._cell(h, size=14, bold=True, fill="#ffffff") for h in headers]]
        most = max(max(counts) for _, counts in rows) or 1
        for function, counts in rows:
            line = [self._cell(function, size=16, fill="#ffffff")]
            for n in counts:  # an empty cell, not a 0: the eye goes to where use cases are
                fill = blend("#ffffff", self.brand.accent, n / most) if n else "#ffffff"
                line.append(
                    self._cell(
                        str(n) if n else "",
                        size=18,
                        fill=fill,
                        ink=ink_on(fill),
                        align=PP_ALIGN.CENTER,
                        bold=True,
                    )
                )
            grid.append(line)
        self._write(table, grid)

    def case_slides(self, case: CaseSection) -> None:
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
            suffix = f" (continued {k + 1})" if k else ""
            slide = self._titled(case.name + suffix, case.context)
            if k == 0:
                self._level_badge(slide, case)
            top = Inches(2.85) if k == 0 else Inches(1.6)
            room = (HEIGHT - Inches(0.3) - top) / 914400
            left_blocks = take(lefts, room, LEFT_IN)
            right_blocks = take(rights, room, RIGHT_IN)
            # What the left column could not hold goes under the right one when it fits.
            used = sum(block_height(h, items, RIGHT_IN) for h, items in right_blocks)
            right_blocks += take(lefts, room - used, RIGHT_IN, split=False)
            self._blocks(slide, left_blocks, MARGIN, top, Inches(LEFT_IN))
            right_left = MARGIN + Inches(LEFT_IN + 0.4)
            self._blocks(slide, right_blocks, right_left, top, Inches(RIGHT_IN))
            k += 1

    def _level_badge(self, slide, case: CaseSection) -> None:
        colour = level_colour(case.level, len(self.pack.levels))
        box = slide.shapes.add_shape(1, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(1.05))
        self._fill(box, colour)
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
        self._frame_text(
            frame, title, size=28, bold=True, colour=ink_on(colour), align=PP_ALIGN.LEFT
        )
        para = frame.add_paragraph()
        run = para.add_run()
        para.alignment = PP_ALIGN.LEFT
        run.text = status
        self._font(run.font, 16, False, ink_on(colour))
        frame.margin_left = Inches(0.25)

    def appendix_slides(self) -> None:
        """Every person's answers (one row each, the heatmap's columns) and notes, as many
        rows per slide as their notes allow; a note longer than a slide continues."""
        questions = self.pack.questions
        notes_in = (WIDTH - 2 * MARGIN) / 914400 - 3.0 - APPENDIX_CELL_IN * len(questions)
        pages = appendix_pages(self.pack.appendix, notes_in)
        for k, page in enumerate(pages, 1):
            title = "Appendix: every answer and note" + (
                f" ({k} of {len(pages)})" if len(pages) > 1 else ""
            )
            slide = self._titled(title, self.pack.subtitle)
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
            grid = [[self._cell(h, size=9, bold=True, fill="#ffffff") for h in headers]]
            for row in page:
                line = [
                    self._cell(row.use_case, size=10, fill="#ffffff"),
                    self._cell(row.respondent, size=10, fill="#ffffff"),
                ]
                for cell in row.cells:
                    fill = cell_fill(cell.state, cell.value)
                    line.append(
                        self._cell(
                            cell.text, size=11, fill=fill, ink=ink_on(fill), align=PP_ALIGN.CENTER
                        )
                    )
                notes = "\n".join(f"{about}: {text}" for about, text in row.notes)
                line.append(self._cell(notes, size=10, fill="#ffffff"))
                grid.append(line)
            self._write(table, grid)

    # ── drawing ───────────────────────────────────────────────────────────────────────────

    def _slide(self):
        slide = self.prs.slides.add_slide(self.blank)
        if self.brand.logo:
            # At most 1.4 × 0.6 inches, top right, whatever the logo's proportions.
            logo = slide.shapes.add_picture(io.BytesIO(self.brand.logo), 0, 0)
            scale = min(Inches(1.4) / logo.width, Inches(0.6) / logo.height)
            logo.width, logo.height = int(logo.width * scale), int(logo.height * scale)
            logo.left, logo.top = WIDTH - MARGIN - logo.width, Inches(0.25)
        return slide

    def _titled(self, title: str, subtitle: str = ""):
        slide = self._slide()
        self._text(
            slide,
            title,
            MARGIN,
            Inches(0.3),
            WIDTH - 2 * MARGIN - Inches(1.6),
            Inches(0.75),
            size=30,
            min_size=20,
            bold=True,
            colour=self.brand.accent,
        )
        if subtitle:
            self._text(
                slide,
                subtitle,
                MARGIN,
                Inches(1.0),
                WIDTH - 2 * MARGIN,
                Inches(0.5),
                size=16,
                min_size=11,
                colour="#444444",
            )
        return slide

    def _blocks(self, slide, blocks, left, top, width) -> None:
        """Headed blocks one under the other, each as tall as its text needs at 16/14 pt."""
        y = top
        inches = width / 914400
        for heading, items in blocks:
            high = text_height(heading, inches, 16)
            self._text(
                slide,
                heading,
                left,
                y,
                width,
                Inches(high),
                size=16,
                bold=True,
                colour=self.brand.accent,
            )
            body = bulleted(items)
            tall = text_height(body, inches, 14)
            self._text(slide, body, left, y + Inches(high), width, Inches(tall), size=14)
            y += Inches(high + tall + BLOCK_GAP)

    def _text(
        self,
        slide,
        text,
        left,
        top,
        width,
        height,
        *,
        size,
        min_size=None,
        max_size=None,
        bold=False,
        colour=INK,
        anchor=MSO_ANCHOR.TOP,
    ):
        fitted = fitting_size(text, width, height, size, min_size or size)
        body = paragraphs_xml(text, fitted, colour, bold, None, self.brand.font)
        shape_id = slide.shapes._next_shape_id
        anchor_code = {MSO_ANCHOR.MIDDLE: "ctr", MSO_ANCHOR.BOTTOM: "b"}.get(anchor, "t")
        # The text box as XML, like the table cells: python-pptx's add_textbox and its frame
        # and font setters took half a millisecond a box, thousands of boxes in a large deck.
        slide.shapes._spTree.append(
            parse_xml(
                f"<p:sp {nsdecls('a', 'p')}><p:nvSpPr>"
                f'<p:cNvPr id="{shape_id}" name="Text {shape_id}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
                f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{int(left)}" y="{int(top)}"/>'
                f'<a:ext cx="{int(width)}" cy="{int(height)}"/></a:xfrm>'
                f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
                f'<p:txBody><a:bodyPr wrap="square" lIns="{PAD}" tIns="{PAD}" rIns="{PAD}" '
                f'bIns="{PAD}" anchor="{anchor_code}"/><a:lstStyle/>{body}</p:txBody></p:sp>'
            )
        )

    def _frame_text(self, frame, text, *, size, bold=False, colour=INK, align=None) -> None:
        """The text's paragraphs as XML, parsed at once (as table cells are, and for the
        same reason: setting each run's font through python-pptx took a millisecond)."""
        body = frame._txBody
        for old in body.p_lst:
            body.remove(old)
        xml = paragraphs_xml(text, size, colour, bold, align, self.brand.font)
        for para in parse_xml(f"<a:txBody {nsdecls('a')}>{xml}</a:txBody>"):
            body.append(para)

    def _cell(self, text, *, size, fill, ink=INK, bold=False, align=None, hatched=False) -> str:
        return tc_xml(text, size, fill, ink, bold, align, hatched, self.brand.font)

    @staticmethod
    def _write(table, grid: list[list[str]]) -> None:
        """Every cell of a table as XML parsed once per row: python-pptx's cell by cell API
        took about a millisecond a cell, so a 200-use-case deck took several seconds."""
        for tr, cells in zip(table._tbl.tr_lst, grid, strict=True):
            fresh = parse_xml(f"<a:tr {nsdecls('a')}>{''.join(cells)}</a:tr>")
            for old, new in zip(tr.tc_lst, list(fresh), strict=True):
                tr.replace(old, new)

    def _font(self, font, size, bold, colour) -> None:
        font.size = Pt(size)
        font.bold = bold
        font.name = self.brand.font
        font.color.rgb = rgb(colour)

    @staticmethod
    def _fill(shape_or_format, colour: str) -> None:
        shape_or_format.fill.solid()
        shape_or_format.fill.fore_color.rgb = rgb(colour)
