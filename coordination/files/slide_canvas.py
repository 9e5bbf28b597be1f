"""Drawing on 16:9 slides: a slide with the brand's logo, a title and subtitle, text boxes and
headed blocks fitted to their room, and table cells, written as XML at once.

python-pptx's object-per-run API took about a millisecond a text box or cell, and a large deck
has thousands: text boxes, frames and table rows are parsed from XML in one go instead.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Inches, Pt

from coordination.files.brand import Brand
from coordination.files.slide_layout import BLOCK_GAP, bulleted, fitting_size, text_height
from coordination.files.slide_xml import paragraphs_xml, rgb, tc_xml
from coordination.report.style import INK

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
PAD = int(Inches(0.04))  # a text box's inner margin


class Canvas:
    """A presentation being drawn, in the brand's font and accent."""

    def __init__(self, brand: Brand) -> None:
        self.brand = brand
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.blank = self.prs.slide_layouts[6]

    def slide(self):
        slide = self.prs.slides.add_slide(self.blank)
        if self.brand.logo:
            # At most 1.4 × 0.6 inches, top right, whatever the logo's proportions.
            logo = slide.shapes.add_picture(io.BytesIO(self.brand.logo), 0, 0)
            scale = min(Inches(1.4) / logo.width, Inches(0.6) / logo.height)
            logo.width, logo.height = int(logo.width * scale), int(logo.height * scale)
            logo.left, logo.top = WIDTH - MARGIN - logo.width, Inches(0.25)
        return slide

    def titled(self, title: str, subtitle: str = ""):
        slide = self.slide()
        self.text(
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
            self.text(
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

    def blocks(self, slide, blocks, left, top, width, size: int = 14) -> None:
        """Headed blocks one under the other, each as tall as its text needs at `size` pt
        (headings two points larger)."""
        y = top
        inches = width / 914400
        for heading, items in blocks:
            high = text_height(heading, inches, size + 2)
            self.text(
                slide,
                heading,
                left,
                y,
                width,
                Inches(high),
                size=size + 2,
                bold=True,
                colour=self.brand.accent,
            )
            body = bulleted(items)
            tall = text_height(body, inches, size)
            self.text(slide, body, left, y + Inches(high), width, Inches(tall), size=size)
            y += Inches(high + tall + BLOCK_GAP)

    def text(
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

    @staticmethod
    def notes(slide, text: str) -> None:
        """Speaker notes: what the slide shows, for whoever presents it."""
        slide.notes_slide.notes_text_frame.text = text

    def frame_text(self, frame, text, *, size, bold=False, colour=INK, align=None) -> None:
        """The text's paragraphs as XML, parsed at once (as table cells are, and for the
        same reason: setting each run's font through python-pptx took a millisecond)."""
        body = frame._txBody
        for old in body.p_lst:
            body.remove(old)
        xml = paragraphs_xml(text, size, colour, bold, align, self.brand.font)
        for para in parse_xml(f"<a:txBody {nsdecls('a')}>{xml}</a:txBody>"):
            body.append(para)

    def cell(self, text, *, size, fill, ink=INK, bold=False, align=None, hatched=False) -> str:
        return tc_xml(text, size, fill, ink, bold, align, hatched, self.brand.font)

    @staticmethod
    def write(table, grid: list[list[str]]) -> None:
        """Every cell of a table as XML parsed once per row: python-pptx's cell by cell API
        took about a millisecond a cell, so a 200-use-case deck took several seconds."""
        for tr, cells in zip(table._tbl.tr_lst, grid, strict=True):
            fresh = parse_xml(f"<a:tr {nsdecls('a')}>{''.join(cells)}</a:tr>")
            for old, new in zip(tr.tc_lst, list(fresh), strict=True):
                tr.replace(old, new)

    def font(self, font, size, bold, colour) -> None:
        font.size = Pt(size)
        font.bold = bold
        font.name = self.brand.font
        font.color.rgb = rgb(colour)

    @staticmethod
    def fill(shape_or_format, colour: str) -> None:
        shape_or_format.fill.solid()
        shape_or_format.fill.fore_color.rgb = rgb(colour)
